using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WardCms.Core.Engagement;

namespace WardCms.Core.Content;

/// <summary>
/// A number per site for "what the site's public pages show": it changes whenever this process saves
/// anything of that site a public page reads (every site's, for a change whose site is not known), so
/// the caches of public pages and of their data (the page cache, the read model, ETags) follow the
/// stamp of their site as it was when they were filled, and one ward's edit leaves another ward's
/// caches alone. Writes it cannot see (another process such
/// as <c>./wardcms recipe apply</c>, raw SQL) reach the public site when those entries expire (ten
/// minutes) or at the next bump.
/// </summary>
public sealed class PublicContentStamp
{
    private sealed record Stamp(long Value, string ETag)
    {
        public static Stamp Of(long value) => new(value, $"W/\"{value:x}\"");
    }

    private long _next = DateTime.UtcNow.Ticks;
    private Stamp _any;
    private Stamp _all;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Stamp> _sites = new();

    public PublicContentStamp()
    {
        _any = _all = Stamp.Of(_next);
    }

    /// <summary>Changes with every bump, of any site: for what belongs to no one site (the list of sites).</summary>
    public long Value => Volatile.Read(ref _any).Value;

    /// <summary>A weak ETag changing with <see cref="Value"/>.</summary>
    public string ETag => Volatile.Read(ref _any).ETag;

    /// <summary>
    /// Changes when this site's public data changes (or every site's): a change on another site leaves
    /// it, so one ward's edit does not retire another ward's cached pages and data.
    /// </summary>
    public long ValueFor(int siteId) => For(siteId).Value;

    /// <summary>A weak ETag for a site's anonymous pages, changing with <see cref="ValueFor"/>.</summary>
    public string ETagFor(int siteId) => For(siteId).ETag;

    // Read on every cached page: the ETag text is made once per bump, not per request.
    private Stamp For(int siteId)
    {
        var all = Volatile.Read(ref _all);
        return _sites.TryGetValue(siteId, out var site) && site.Value > all.Value ? site : all;
    }

    /// <summary>Every site's public data changed (or which site's is not known).</summary>
    public void Bump()
    {
        var stamp = Stamp.Of(Interlocked.Increment(ref _next));
        Raise(ref _all, stamp);
        Raise(ref _any, stamp);
    }

    /// <summary>One site's public data changed.</summary>
    public void Bump(int siteId)
    {
        var stamp = Stamp.Of(Interlocked.Increment(ref _next));
        _sites.AddOrUpdate(siteId, stamp, (_, old) => old.Value > stamp.Value ? old : stamp);
        Raise(ref _any, stamp);
    }

    // Two bumps at once may store in either order; a stamp only ever moves forward (an entry loaded
    // under an older value must never look current again).
    private static void Raise(ref Stamp field, Stamp stamp)
    {
        var current = Volatile.Read(ref field);
        while (current.Value < stamp.Value)
        {
            var seen = Interlocked.CompareExchange(ref field, stamp, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }
            current = seen;
        }
    }
}

/// <summary>
/// Bumps the <see cref="PublicContentStamp"/> of the sites concerned (<see cref="ChangedSites"/>) after
/// every successful save that added, changed or removed a row the public site reads, as each entity
/// declares (<see cref="IPublicRecord"/>): sites and units, content types, published items and their
/// versions, terms, handbook reviews, media, radio bulletins and airings, and moderated feedback. A
/// draft saved, submitted or approved, a citizen's unmoderated comment, an autosave, page-view counts,
/// audit entries, staff accounts and plan data leave the stamp alone, so the public caches survive
/// the steady trickle of those writes. This is the one place a retirement starts; it reaches the caches
/// through <see cref="PublicContentStamp.Bump(int)"/> (or <see cref="PublicContentStamp.Bump()"/>),
/// a message of a site id or "every site" that a second web node can later be sent as it is. A save inside a transaction bumps again when the
/// transaction commits: a page loaded between the save and the commit saw the old rows under the new
/// stamp. Bulk ExecuteUpdate/ExecuteDelete calls do not pass through here: the content manager's are
/// followed by a save of the item in the same transaction, and other callers that change public data
/// bump the stamp themselves.
/// </summary>
public sealed class PublicContentChangeInterceptor(PublicContentStamp stamp) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        BumpIfRemembered(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        BumpIfRemembered(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && InTransaction.TryGetValue(context, out var changed))
        {
            InTransaction.Remove(context);
            changed.BumpOn(stamp);
        }
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    // Rolled back: the rows are as they were, and what was loaded meanwhile is still right.
    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            Pending.Remove(context);
            InTransaction.Remove(context);
        }
    }

    /// <summary>
    /// Which sites a save's public changes belong to: a row's own <c>SiteId</c>; for a row without one
    /// (an item's version, a term), the site the context is confined to (a request's); else, and for
    /// a site's own row (its name is on its pages, the site list is everyone's), every site.
    /// </summary>
    private sealed class ChangedSites
    {
        public HashSet<int> Sites { get; } = [];

        public bool All { get; set; }

        public void Add(EntityEntry entry, int? confinedSite)
        {
            if (entry.Entity is Sites.Site)
            {
                All = true;
            }
            else if (entry.Metadata.FindProperty(Data.WardDbContext.SiteKey) is { ClrType: var type } property && type == typeof(int))
            {
                Sites.Add((int)(entry.State == EntityState.Deleted ? entry.OriginalValues[property]! : entry.CurrentValues[property]!));
            }
            else if (confinedSite is { } site)
            {
                Sites.Add(site);
            }
            else
            {
                All = true;
            }
        }

        public void UnionWith(ChangedSites other)
        {
            Sites.UnionWith(other.Sites);
            All |= other.All;
        }

        public void BumpOn(PublicContentStamp stamp)
        {
            if (All)
            {
                stamp.Bump();
                return;
            }
            foreach (var site in Sites)
            {
                stamp.Bump(site);
            }
        }
    }

    // Contexts whose public changes wait for their transaction's commit.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, ChangedSites> InTransaction = [];

    // Whether the save touches public data, and whose, must be decided before it runs: afterwards the
    // entries are Unchanged (or detached) and their original states are gone.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, ChangedSites> Pending = [];

    private static void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        ChangedSites? changed = null;
        var confined = (context as Data.WardDbContext)?.ConfinedSiteId;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (IsPublicChange(entry))
            {
                (changed ??= new ChangedSites()).Add(entry, confined);
            }
        }
        if (changed is not null)
        {
            Pending.AddOrUpdate(context, changed);
        }
        else
        {
            Pending.Remove(context);
        }
    }

    private void BumpIfRemembered(DbContext? context)
    {
        if (context is not null && Pending.TryGetValue(context, out var changed))
        {
            Pending.Remove(context);
            changed.BumpOn(stamp);
            if (context.Database.CurrentTransaction is not null)
            {
                if (InTransaction.TryGetValue(context, out var earlier))
                {
                    changed.UnionWith(earlier);
                }
                InTransaction.AddOrUpdate(context, changed);
            }
        }
    }

    /// <summary>Whether saving this entry changes something a public page shows: the entity says so (<see cref="IPublicRecord"/>).</summary>
    public static bool IsPublicChange(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Entity is IPublicRecord record && record.IsPublicChange(entry);
}
