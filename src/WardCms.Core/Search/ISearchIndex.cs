namespace WardCms.Core.Search;

/// <summary>
/// The full-text index of published content: derived data, kept in tables of its own that
/// EnsureSchemaAsync creates idempotently, and rebuildable from the content at any time.
/// </summary>
public interface ISearchIndex
{
    Task EnsureSchemaAsync(CancellationToken ct = default);

    Task UpsertAsync(SearchDocument document, CancellationToken ct = default);

    /// <summary>Adds or replaces many documents in one transaction (bulk loads and rebuilds).</summary>
    Task UpsertManyAsync(IEnumerable<SearchDocument> documents, CancellationToken ct = default);

    Task RemoveAsync(int siteId, long id, CancellationToken ct = default);

    Task ClearAsync(int siteId, CancellationToken ct = default);

    /// <summary>Replaces a site's whole index with the given documents in one transaction.</summary>
    Task RebuildAsync(int siteId, IEnumerable<SearchDocument> documents, CancellationToken ct = default);

    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default);

    /// <summary>How many documents a site has in the index (to tell an empty or stale index at startup).</summary>
    Task<int> CountAsync(int siteId, CancellationToken ct = default);
}
