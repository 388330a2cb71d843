using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Editorial;

public sealed class ScheduledPublisherOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Publishes approved items whose publish time has come. Each item is re-checked in its own scope
/// just before publishing, and the item's concurrency stamp makes a second runner's write fail,
/// so two instances (or two ticks) never publish twice; one failing item is logged and skipped.
/// </summary>
public sealed class ScheduledPublisher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ScheduledPublisherOptions options,
    ILogger<ScheduledPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled publishing failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes every due item once; returns how many it published.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            due = await db.ContentItems.AsNoTracking()
                .Where(i => i.Status == ContentStatus.Scheduled && !i.IsDeleted && i.ScheduledPublishUtc != null && i.ScheduledPublishUtc <= now)
                .OrderBy(i => i.ScheduledPublishUtc).Select(i => i.Id).ToListAsync(ct);
        }
        var published = 0;
        foreach (var id in due)
        {
            try
            {
                if (await PublishOneAsync(id, now, ct))
                    published++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled publishing of content item {ItemId} failed", id);
                await TellFailureAsync(id, ct);
            }
        }
        return published;
    }

    // The people of the item are told (the bell, and e-mail); a failure to tell is only logged.
    private async Task TellFailureAsync(int id, CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Notifications.Notifier>().OnScheduleFailedAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not notify the failed scheduled publishing of content item {ItemId}", id);
        }
    }

    private async Task<bool> PublishOneAsync(int id, DateTime now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WardDbContext>();
        var content = sp.GetRequiredService<ContentManager>();
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        // Another runner (or a person) got there first, or the schedule was cancelled.
        if (item is null || item.Status != ContentStatus.Scheduled || item.IsDeleted || item.ScheduledPublishUtc is not { } at || at > now)
            return false;
        // Only the approved text goes out: saving new text after approval already cancels the schedule,
        // and an item with no approved version is never published by the clock.
        if (item.ApprovedVersionId is not { } approved)
        {
            logger.LogWarning("Scheduled content item {ItemId} has no approved version; not published", id);
            return false;
        }
        try
        {
            await content.PublishAsync(id, Actor.System, ct, at, approved);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await sp.GetRequiredService<EditorialService>().AuditAsync(item, WorkflowAction.Published, ContentStatus.Scheduled, ContentStatus.Published,
            null, Actor.System.Name, "Xuất bản theo lịch hẹn", ct, approved);
        return true;
    }
}
