using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

public sealed record SiteIndexCount(int SiteId, string SiteKey, int Documents);

/// <summary>
/// The indexer: applies committed <see cref="SearchIndexingTask"/> rows to the index and records in
/// the index's own commit how far it got (the checkpoint), so the index and its position change
/// together. Runs in the portal only (a hosted service): at start it makes the index fresh, then it
/// wakes when this process commits outbox rows and every few seconds for rows written by other
/// processes (`./wardcms recipe apply`). Applying a row reads the item as it is now, so rows may be
/// applied twice or out of order without harm.
/// </summary>
/// <remarks>
/// Row ids are taken when a row is inserted, but transactions commit in any order (PostgreSQL): a
/// row with a smaller id can appear after larger ones were applied. The checkpoint therefore stops
/// at the first missing id until that id has been missing for <see cref="GapWait"/> (then it is taken
/// as rolled back); rows above it are applied at once and remembered, so they are not applied again.
/// </remarks>
public sealed class SearchOutbox(
    IServiceScopeFactory scopes,
    LuceneSearchIndex index,
    SearchOutboxSignal signal,
    PublicContentStamp stamp,
    TimeProvider clock,
    ILogger<SearchOutbox> log) : IHostedService, IDisposable
{
    public static readonly TimeSpan GapWait = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Applied rows are kept this long, for a second node that follows the same rows, then deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private const int BatchSize = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _appliedAbove = [];
    private readonly Dictionary<long, DateTimeOffset> _gapsSeen = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    // Set by a rebuild the portal made (at start, or a site's rebuild row): the indexer's loop then
    // merges the index into one segment, after serving has begun.
    private volatile bool _compactWanted;

    /// <summary>Whether this process runs the indexer (the portal does; command-line tools do not).</summary>
    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken);
        IsRunning = true;
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsRunning = false;
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await Task.WhenAny(_loop, Task.Delay(Timeout.Infinite, cancellationToken));
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(PollInterval, ct);
                await CatchUpAsync(ct);
                await CompactIfWantedAsync(ct);
                // Merges the writer finished in the background become visible (fewer segments to search).
                index.Refresh();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Search indexing failed; retrying shortly.");
                await Task.Delay(PollInterval, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Applies every committed row not applied yet. Returns how many rows were applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await ApplyPendingAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Merges the index into one segment when a rebuild asked for it (see <see cref="LuceneSearchIndex.Compact"/>)
    /// and commits that at the same checkpoint. Under the indexer's gate: rows wait for the merge
    /// (seconds for a ward's index, ~30 s at 100,000 items), searches do not.
    /// </summary>
    internal async Task<bool> CompactIfWantedAsync(CancellationToken ct = default)
    {
        if (!_compactWanted)
        {
            return false;
        }
        await _gate.WaitAsync(ct);
        try
        {
            _compactWanted = false;
            var started = clock.GetTimestamp();
            index.Compact();
            index.Commit(index.Checkpoint);
            log.LogInformation("Search index merged into one segment in {Seconds:0.0} s.", clock.GetElapsedTime(started).TotalSeconds);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>At start: a missing, unreadable or foreign index, or one older than the rows kept, is rebuilt; otherwise it catches up.</summary>
    public async Task EnsureFreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            var tasks = db.Set<SearchIndexingTask>().AsNoTracking();
            var newest = await tasks.MaxAsync(t => (long?)t.Id, ct) ?? 0;
            var oldest = await tasks.MinAsync(t => (long?)t.Id, ct) ?? 0;
            var checkpoint = index.Checkpoint;
            string? why = index.WasReset ? "there was no readable index"
                : checkpoint > newest ? $"the index has seen row {checkpoint}, the database's newest is {newest} (another database's index?)"
                : oldest > checkpoint + 1 ? $"rows after {checkpoint} were already deleted (the index is older than {Retention.TotalDays:0} day(s) of changes)"
                : null;
            if (why is not null)
            {
                log.LogInformation("Rebuilding the search index: {Why}.", why);
                await RebuildAllCoreAsync(db, scope.ServiceProvider.GetRequiredService<PublishedSearchDocuments>(), compactNow: false, ct);
                return;
            }
        }
        finally
        {
            _gate.Release();
        }
        await CatchUpAsync(ct);
    }

    /// <summary>Rebuilds every site from the database (`./wardcms search rebuild`).</summary>
    public async Task<IReadOnlyList<SiteIndexCount>> RebuildAllAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The command line's rebuild merges before it commits: no indexer loop runs after it.
            return await RebuildAllCoreAsync(scope.ServiceProvider.GetRequiredService<WardDbContext>(),
                scope.ServiceProvider.GetRequiredService<PublishedSearchDocuments>(), compactNow: !IsRunning, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// `./wardcms search rebuild`: rebuilds here, or, when the running portal holds the index's
    /// writer, writes one outbox row per site so the portal rebuilds them (Queued).
    /// </summary>
    public async Task<(IReadOnlyList<SiteIndexCount> Sites, bool Queued)> RebuildOrQueueAsync(CancellationToken ct = default)
    {
        try
        {
            return (await RebuildAllAsync(ct), false);
        }
        catch (global::Lucene.Net.Store.LockObtainFailedException)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Key }).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            db.Set<SearchIndexingTask>().AddRange(sites.Select(s => new SearchIndexingTask { SiteId = s.Id, CreatedUtc = now }));
            await db.SaveChangesAsync(ct);
            return (sites.Select(s => new SiteIndexCount(s.Id, s.Key, 0)).ToList(), true);
        }
    }

    private async Task<IReadOnlyList<SiteIndexCount>> RebuildAllCoreAsync(WardDbContext db, PublishedSearchDocuments documents, bool compactNow, CancellationToken ct)
    {
        // Rows committed from here on are applied after the rebuild; those before are in what it reads.
        var newest = await db.Set<SearchIndexingTask>().AsNoTracking().MaxAsync(t => (long?)t.Id, ct) ?? 0;
        var counts = new List<SiteIndexCount>();
        foreach (var site in await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Key }).ToListAsync(ct))
        {
            counts.Add(new SiteIndexCount(site.Id, site.Key, await WriteSiteAsync(documents, site.Id, ct)));
        }
        var checkpoint = Math.Max(newest, index.Checkpoint);
        if (compactNow)
        {
            index.Compact();
        }
        else
        {
            _compactWanted = true;
        }
        index.Commit(checkpoint);
        _appliedAbove.RemoveWhere(id => id <= checkpoint);
        stamp.Bump();
        return counts;
    }

    private async Task<int> WriteSiteAsync(PublishedSearchDocuments documents, int siteId, CancellationToken ct)
    {
        index.ClearSite(siteId);
        var total = 0;
        await foreach (var batch in documents.ForSiteAsync(siteId, ct: ct))
        {
            index.Write(batch);
            total += batch.Count;
        }
        return total;
    }

    private async Task<int> ApplyPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var documents = scope.ServiceProvider.GetRequiredService<PublishedSearchDocuments>();
        var checkpoint = index.Checkpoint;
        var applied = 0;
        var sites = new HashSet<int>();
        var after = checkpoint;
        while (true)
        {
            var from = after;
            var rows = await db.Set<SearchIndexingTask>().AsNoTracking()
                .Where(t => t.Id > from).OrderBy(t => t.Id).Take(BatchSize).ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }
            after = rows[^1].Id;
            var fresh = rows.Where(r => !_appliedAbove.Contains(r.Id)).ToList();
            if (fresh.Count > 0)
            {
                await ApplyAsync(db, documents, fresh, ct);
                applied += fresh.Count;
                sites.UnionWith(fresh.Select(r => r.SiteId));
                _appliedAbove.UnionWith(fresh.Select(r => r.Id));
            }
            if (rows.Count < BatchSize)
            {
                break;
            }
        }

        var advanced = Advance(checkpoint);
        if (applied > 0 || advanced != checkpoint)
        {
            index.Commit(advanced);
            _appliedAbove.RemoveWhere(id => id <= advanced);
            // The search pages of the sites whose items changed show new results: their caches retire.
            foreach (var site in sites)
            {
                stamp.Bump(site);
            }
        }
        await PruneAsync(db, advanced, ct);
        return applied;
    }

    private async Task ApplyAsync(WardDbContext db, PublishedSearchDocuments documents, List<SearchIndexingTask> rows, CancellationToken ct)
    {
        var rebuilt = new HashSet<int>();
        foreach (var site in rows.Where(r => r.ContentItemId is null).Select(r => r.SiteId).Distinct())
        {
            await WriteSiteAsync(documents, site, ct);
            rebuilt.Add(site);
            _compactWanted = true;
        }
        var items = rows.Where(r => r.ContentItemId is not null && !rebuilt.Contains(r.SiteId))
            .Select(r => (r.SiteId, ItemId: r.ContentItemId!.Value)).Distinct().ToList();
        foreach (var chunk in items.Chunk(200))
        {
            var found = (await documents.FindManyAsync(chunk.Select(c => c.ItemId).Distinct().ToList(), ct))
                .ToDictionary(d => (d.SiteId, (int)d.Id));
            foreach (var (siteId, itemId) in chunk)
            {
                if (!found.ContainsKey((siteId, itemId)))
                {
                    index.Delete(siteId, itemId);
                }
            }
            index.Write(found.Values);
        }
        log.LogDebug("Search index: {Rows} outbox row(s) applied.", rows.Count);
    }

    /// <summary>The new checkpoint: past every applied row and every gap older than <see cref="GapWait"/>.</summary>
    private long Advance(long checkpoint)
    {
        var now = clock.GetUtcNow();
        var next = checkpoint;
        var max = _appliedAbove.Count == 0 ? checkpoint : _appliedAbove.Max();
        while (next < max)
        {
            var id = next + 1;
            if (_appliedAbove.Contains(id))
            {
                next = id;
                continue;
            }
            var seen = _gapsSeen.TryGetValue(id, out var at) ? at : _gapsSeen[id] = now;
            if (now - seen < GapWait)
            {
                break; // a transaction may still commit this row
            }
            next = id;
        }
        foreach (var id in _gapsSeen.Keys.Where(id => id <= next).ToList())
        {
            _gapsSeen.Remove(id);
        }
        return next;
    }

    private async Task PruneAsync(WardDbContext db, long checkpoint, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastPrune < TimeSpan.FromHours(1))
        {
            return;
        }
        _lastPrune = now;
        var before = now.UtcDateTime - Retention;
        // The newest row stays, so the next start can tell how far the outbox has gone.
        var newest = await db.Set<SearchIndexingTask>().MaxAsync(t => (long?)t.Id, ct) ?? 0;
        await db.Set<SearchIndexingTask>().Where(t => t.Id <= checkpoint && t.Id < newest && t.CreatedUtc < before).ExecuteDeleteAsync(ct);
    }

    // The container may dispose this before or without StopAsync (a test host torn down): the loop is
    // told to stop, and the token source and gate are left to the collector (they hold no timer or
    // handle), so a late StopAsync or loop round never meets a disposed object.
    public void Dispose()
    {
        IsRunning = false;
        _stopping.Cancel();
    }
}

/// <summary>
/// Publishing, taking down and trashing in the portal wait for the index before answering, so the
/// next page shows the change; inside a caller's transaction (a recipe) nothing is committed yet, and
/// the indexer picks the rows up when it commits.
/// </summary>
public sealed class SearchIndexer(SearchOutbox outbox, WardDbContext db, ILogger<SearchIndexer> log) : IContentEventHandler
{
    public async Task OnChangedAsync(ContentChange change, CancellationToken ct)
    {
        if (change.Kind == ContentChangeKind.Saved || !outbox.IsRunning || db.Database.CurrentTransaction is not null)
        {
            return;
        }
        try
        {
            await outbox.CatchUpAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is committed; its outbox row stays and the indexer's next round applies it.
            log.LogError(ex, "Search index not updated at once for item {ItemId}; the indexer retries.", change.ItemId);
        }
    }
}
