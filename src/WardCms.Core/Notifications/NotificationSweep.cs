using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WardCms.Core.Data;
using WardCms.Core.Planning;

namespace WardCms.Core.Notifications;

/// <summary>
/// What nobody's action announces, looked for every hour on every serving site: handbook entries past
/// their review date, and on Mondays from 7:00 (Asia/Ho_Chi_Minh) the plan officers' weekly summary of
/// this month's shortfalls. Each is told once (the notices themselves are the record), so a restart or
/// a second node sweeping too adds nothing.
/// </summary>
public sealed class NotificationSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<NotificationSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The notification sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep of every serving site.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = PeriodCalculator.LocalDate(now);
        var localHour = TimeZoneInfo.ConvertTime(now, PeriodCalculator.Zone).Hour;
        var weekly = today.DayOfWeek == DayOfWeek.Monday && localHour >= 7;
        var week = $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}";
        List<int> sites;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sites = await scope.ServiceProvider.GetRequiredService<WardDbContext>().Sites
                .Where(s => s.State == Sites.SiteStates.Active).Select(s => s.Id).ToListAsync(ct);
        }
        foreach (var siteId in sites)
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var notifier = sp.GetRequiredService<Notifier>();
            foreach (var entry in (await sp.GetRequiredService<Handbook.HandbookReviewService>().StatusesAsync(siteId, ct)).Where(e => e.IsOverdue(now.UtcDateTime)))
            {
                await notifier.OnHandbookOverdueAsync(siteId, entry, ct);
            }
            if (weekly)
            {
                var progress = sp.GetRequiredService<PlanProgressService>();
                if (await progress.CurrentPlanAsync(siteId, ct) is { } plan && PlanProgressService.Overlaps(plan, today, today))
                {
                    var evaluation = await progress.EvaluateAsync(plan, new DateOnly(today.Year, today.Month, 1), today.AddDays(1 - today.Day).AddMonths(1).AddDays(-1), null, ct);
                    await notifier.OnWeeklyDigestAsync(siteId, week, QuotaSummary.CurrentMonthGaps(evaluation.Evaluation), ct);
                }
            }
        }
    }
}
