namespace WardCms.Core.Search;

/// <summary>
/// The full-text index of published content: derived data, rebuildable from the database at any
/// time. The portal writes it only through the outbox (<see cref="SearchOutbox"/>); these writes are
/// for rebuilds, tools and tests, and are visible to searches at once.
/// </summary>
public interface ISearchIndex
{
    Task UpsertAsync(SearchDocument document, CancellationToken ct = default);

    Task UpsertManyAsync(IEnumerable<SearchDocument> documents, CancellationToken ct = default);

    Task RemoveAsync(int siteId, long id, CancellationToken ct = default);

    Task ClearAsync(int siteId, CancellationToken ct = default);

    /// <summary>Replaces a site's whole index with the given documents; searches see the old ones until it is done.</summary>
    Task RebuildAsync(int siteId, IEnumerable<SearchDocument> documents, CancellationToken ct = default);

    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default);

    /// <summary>How many documents a site has in the index.</summary>
    Task<int> CountAsync(int siteId, CancellationToken ct = default);
}
