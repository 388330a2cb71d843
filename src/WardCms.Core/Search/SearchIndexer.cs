using Microsoft.Extensions.Logging;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

/// <summary>
/// Keeps the index in step with what is public. Publishing indexes the published version; taking an
/// item down (unpublish, trash) removes it; a save changes only the draft, which nobody can find.
/// </summary>
public sealed class SearchIndexer(
    ISearchIndex index,
    PublishedSearchDocuments documents,
    SearchSchema schema,
    WardDbContext db,
    PublicContentStamp stamp,
    ILogger<SearchIndexer> log) : IContentEventHandler
{
    public async Task OnChangedAsync(ContentChange change, CancellationToken ct)
    {
        if (change.Kind == ContentChangeKind.Saved)
        {
            return;
        }
        // Inside a caller's transaction (a recipe) the index writes join it, so both commit or neither does.
        var inTransaction = db.Database.CurrentTransaction is not null;
        try
        {
            await schema.EnsureAsync(index, inTransaction, ct);
            // Whatever the event, index what is public now: that also covers events arriving out of order.
            if (await documents.FindAsync(change.ItemId, ct) is { } document)
            {
                await index.UpsertAsync(document, ct);
            }
            else
            {
                await index.RemoveAsync(change.SiteId, change.ItemId, ct);
            }
            // Search pages are public pages too: one cached between the content change (which bumped
            // the stamp already) and this update would keep the old results under the new stamp.
            stamp.Bump();
        }
        catch (Exception ex) when (!inTransaction && ex is not OperationCanceledException)
        {
            // The content change is already committed; the index is derived data that `search rebuild` restores.
            log.LogError(ex, "Search index not updated for item {ItemId} ({Kind}); run `./wardcms search rebuild`.", change.ItemId, change.Kind);
        }
    }
}
