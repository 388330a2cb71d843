using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;

namespace WardCms.Core.Search;

/// <summary>
/// The search outbox (Orchard Core's IndexingTask pattern): a row saying "this item, or this whole
/// site, may read differently in public now", written by <see cref="SearchOutboxInterceptor"/> in the
/// same transaction as the change itself. The indexer applies rows in id order after they commit and
/// records the last one in the index's own commit, so a rolled-back save never reaches the index, a
/// crash between commit and indexing loses nothing, and any process may write rows while only the
/// portal's indexer holds the index writer.
/// </summary>
public sealed class SearchIndexingTask
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    /// <summary>The item to re-read; null when the whole site is to be rebuilt (a type or topic changed, or `search rebuild`).</summary>
    public int? ContentItemId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public sealed class SearchIndexingTaskConfiguration : IEntityTypeConfiguration<SearchIndexingTask>
{
    public void Configure(EntityTypeBuilder<SearchIndexingTask> b)
    {
        b.ToTable("SearchIndexingTasks");
        b.HasIndex(x => x.CreatedUtc);
    }
}

/// <summary>
/// Writes the outbox rows inside every save that can change what search shows, so no code path can
/// forget to: an item's publication, address, type or trash state, a content type (addresses,
/// whether it is public at all), a topic's key (what the topic filter matches). A draft save changes none of those and writes nothing. A
/// new item is always a draft (the content manager saves it before anything can publish it), so
/// only changed and deleted items are looked at. Also wakes the indexer when the rows are committed.
/// </summary>
public sealed class SearchOutboxInterceptor(SearchOutboxSignal signal, TimeProvider clock) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Changes(context) is var (items, sites, taxonomies))
        {
            if (taxonomies.Count > 0)
            {
                sites.UnionWith(context.Set<Taxonomy>().Where(t => taxonomies.Contains(t.Id)).Select(t => t.SiteId).ToList());
            }
            AddTasks(context, items, sites);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is { } context && Changes(context) is var (items, sites, taxonomies))
        {
            if (taxonomies.Count > 0)
            {
                sites.UnionWith(await context.Set<Taxonomy>().Where(t => taxonomies.Contains(t.Id)).Select(t => t.SiteId).ToListAsync(ct));
            }
            AddTasks(context, items, sites);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        WakeIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => signal.Wake();

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        signal.Wake();
        return Task.CompletedTask;
    }

    private void WakeIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            signal.Wake();
        }
    }

    /// <summary>Items whose public state changes, sites to rebuild, and taxonomies whose topic keys change (their site is looked up).</summary>
    private static (HashSet<(int SiteId, int ItemId)> Items, HashSet<int> Sites, List<int> Taxonomies) Changes(DbContext context)
    {
        var items = new HashSet<(int SiteId, int ItemId)>();
        var sites = new HashSet<int>();
        var taxonomies = new List<int>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case ContentItem item when entry.State == EntityState.Deleted
                    || (entry.State == EntityState.Modified && ContentItem.PublicProperties.Any(p => entry.Property(p).IsModified)):
                    items.Add((item.SiteId, item.Id));
                    if (entry.State == EntityState.Modified && entry.Property(nameof(ContentItem.SiteId)).IsModified)
                    {
                        items.Add(((int)entry.Property(nameof(ContentItem.SiteId)).OriginalValue!, item.Id));
                    }
                    break;
                case ContentTypeDefinition type when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    sites.Add(type.SiteId);
                    break;
                case Term term when entry.State == EntityState.Modified && entry.Property(nameof(Term.Key)).IsModified:
                    taxonomies.Add(term.TaxonomyId);
                    break;
            }
        }
        return (items, sites, taxonomies);
    }

    private void AddTasks(DbContext context, HashSet<(int SiteId, int ItemId)> items, HashSet<int> sites)
    {
        if (items.Count == 0 && sites.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var tasks = context.Set<SearchIndexingTask>();
        foreach (var site in sites)
        {
            tasks.Add(new SearchIndexingTask { SiteId = site, CreatedUtc = now });
        }
        foreach (var (site, item) in items.Where(i => !sites.Contains(i.SiteId)))
        {
            tasks.Add(new SearchIndexingTask { SiteId = site, ContentItemId = item, CreatedUtc = now });
        }
    }
}

/// <summary>Wakes the indexer: rows were committed in this process (others are found by polling).</summary>
public sealed class SearchOutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
