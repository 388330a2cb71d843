namespace WardCms.Core.Search;

/// <summary>One page of results. Total counts every match exactly, and every match is ranked.</summary>
public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits, IReadOnlyList<SearchSuggestion> Suggestions)
{
    public static SearchResults Empty(int page, int pageSize) => new(0, page, pageSize, [], []);

    /// <summary>
    /// For a query typed without marks that the index writes in more than one way ("thu tuc dat dai":
    /// đất đai, đặt đài), the way it is most often written; results with it rank first.
    /// </summary>
    public string? DidYouMean { get; init; }

    /// <summary>How many matches each filter value has (when the query asked for counts).</summary>
    public SearchFacetCounts? Counts { get; init; }
}

/// <summary>
/// Matches per type name, topic key and year. Each dimension is counted with the other dimensions'
/// filters applied but not its own, so a chosen type still shows what the other types hold.
/// </summary>
public sealed record SearchFacetCounts(IReadOnlyDictionary<string, int> Types, IReadOnlyDictionary<string, int> Topics, IReadOnlyDictionary<int, int> Years)
{
    /// <summary>Matches per value of each of the chosen type's part filters (empty without a type).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Filters { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>();
}

/// <summary>
/// A matching item. TitleHtml and Snippet are safe to write into a page unencoded: the original text
/// HTML-encoded, with the matched words wrapped in &lt;mark&gt;.
/// </summary>
public sealed record SearchHit(long Id, string Title, string TitleHtml, string Url, string ContentType, string Snippet, DateTimeOffset? PublishedAt);

public enum SearchSuggestionKind
{
    /// <summary>The same words without diacritics (typing marks narrows the results).</summary>
    WithoutDiacritics,

    /// <summary>The query with a word or phrase left out.</summary>
    FewerWords,

    /// <summary>The query with a word the index does not hold replaced by the nearest one it does.</summary>
    Spelling,

    /// <summary>A topic key with many items on this site, for browsing instead.</summary>
    PopularTopic,
}

/// <summary>Offered only when a search finds nothing; every text suggestion is known to find something.</summary>
public sealed record SearchSuggestion(SearchSuggestionKind Kind, string Text);
