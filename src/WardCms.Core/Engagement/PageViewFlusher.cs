using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WardCms.Core.Data;

namespace WardCms.Core.Engagement;

/// <summary>Adds the buffered view counts to PageViewDaily every few seconds and once more on shutdown.</summary>
public sealed class PageViewFlusher(PageViewCounter counter, IServiceScopeFactory scopes, ILogger<PageViewFlusher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Page views not written yet; they stay buffered for the next attempt.");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Page views buffered at shutdown were not written.");
        }
    }

    /// <summary>Writes what is buffered; returns the number of views written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var rows = counter.Drain();
            if (rows.Count == 0)
            {
                return 0;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var r in rows)
                {
                    // Same upsert syntax on SQLite and PostgreSQL: add to the day's count, or start it.
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        INSERT INTO "PageViewDaily" ("SiteId", "ContentItemId", "Day", "Views") VALUES ({r.SiteId}, {r.ContentItemId}, {r.Day}, {r.Views})
                        ON CONFLICT ("SiteId", "ContentItemId", "Day") DO UPDATE SET "Views" = "PageViewDaily"."Views" + excluded."Views"
                        """, ct);
                }
                await tx.CommitAsync(ct);
                return rows.Sum(r => r.Views);
            }
            catch
            {
                counter.Return(rows);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
