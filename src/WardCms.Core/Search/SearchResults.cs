namespace WardCms.Core.Search;

/// <summary>
/// One page of results. Total counts every match, not just this page; when more than
/// <see cref="SearchIndexBase.MaxResults"/> items match, only the newest that many are counted and
/// ranked, Total is that limit and TotalIsLowerBound says there are more.
/// </summary>
public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits, IReadOnlyList<SearchSuggestion> Suggestions, bool TotalIsLowerBound = false)
{
    public static SearchResults Empty(int page, int pageSize) => new(0, page, pageSize, [], []);
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

    /// <summary>A topic key with many items on this site, for browsing instead.</summary>
    PopularTopic,
}

/// <summary>Offered only when a search finds nothing; every text suggestion is known to find something.</summary>
public sealed record SearchSuggestion(SearchSuggestionKind Kind, string Text);
