using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WardCms.Core.Engagement;

namespace WardCms.Core.Content;

/// <summary>
/// One number for "what the public site shows": it changes whenever this process saves anything a
/// public page reads, so the caches of public pages and of their data (the page cache, the read
/// model, ETags) follow the stamp they were filled under. Writes it cannot see (another process such
/// as <c>./wardcms recipe apply</c>, raw SQL) reach the public site when those entries expire (ten
/// minutes) or at the next bump.
/// </summary>
public sealed class PublicContentStamp
{
    private long _value = DateTime.UtcNow.Ticks;
    private string _etag;

    public PublicContentStamp()
    {
        _etag = Format(_value);
    }

    public long Value => Interlocked.Read(ref _value);

    /// <summary>A weak ETag for anonymous pages, changing with the stamp.</summary>
    public string ETag => Volatile.Read(ref _etag);

    public void Bump()
    {
        var value = Interlocked.Increment(ref _value);
        Volatile.Write(ref _etag, Format(value));
    }

    private static string Format(long value) => $"W/\"{value:x}\"";
}

/// <summary>
/// Bumps the <see cref="PublicContentStamp"/> after every successful save that added, changed or
/// removed a row the public site reads: sites and units, content types, items, versions, terms,
/// handbook reviews, media, radio bulletins and airings, and moderated feedback (a citizen's new,
/// unmoderated comment is not shown, so it does not retire anything). Saves of everything else
/// (page-view counts, audit entries, staff accounts, plan data) leave the stamp alone, so the public
/// caches survive the steady trickle of those writes. A save inside a transaction bumps again when the
/// transaction commits: a page loaded between the save and the commit saw the old rows under the new
/// stamp. Bulk ExecuteUpdate/ExecuteDelete calls do not pass through here: the content manager's are
/// followed by a save of the item in the same transaction, and other callers that change public data
/// bump the stamp themselves.
/// </summary>
public sealed class PublicContentChangeInterceptor(PublicContentStamp stamp) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] PublicNamespaces =
    [
        "WardCms.Core.Content", "WardCms.Core.Sites", "WardCms.Core.Handbook", "WardCms.Core.Media", "WardCms.Core.Radio",
    ];

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
        if (eventData.Context is { } context && InTransaction.Remove(context))
        {
            stamp.Bump();
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

    // Contexts whose public changes wait for their transaction's commit.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> InTransaction = [];

    // Whether the save touches public data must be decided before it runs: afterwards the entries are
    // Unchanged (or detached) and their original states are gone.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Pending = [];

    private static void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        if (context.ChangeTracker.Entries().Any(IsPublicChange))
        {
            Pending.AddOrUpdate(context, Pending);
        }
        else
        {
            Pending.Remove(context);
        }
    }

    private void BumpIfRemembered(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
        {
            stamp.Bump();
            if (context.Database.CurrentTransaction is not null)
            {
                InTransaction.AddOrUpdate(context, InTransaction);
            }
        }
    }

    /// <summary>Whether saving this entry changes something a public page shows.</summary>
    public static bool IsPublicChange(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            return false;
        }
        if (entry.Entity is Feedback)
        {
            // New feedback waits for moderation; only a moderator's decision changes a page.
            return entry.State != EntityState.Added;
        }
        var ns = entry.Metadata.ClrType.Namespace;
        return ns is not null && Array.IndexOf(PublicNamespaces, ns) >= 0;
    }
}
