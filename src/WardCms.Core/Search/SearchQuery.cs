namespace WardCms.Core.Search;

/// <summary>
/// A visitor's search. Text is raw user input: any string is accepted. Type, Topic, Year and
/// PartFilters (values of the type's parts, <c>ContentPartDefinition.SearchFilters</c>) filter;
/// with no searchable words but a filter set, the filtered items are listed newest first.
/// </summary>
public sealed record SearchQuery(int SiteId, string? Text, string? Type = null, string? Topic = null, int? Year = null, int Page = 1, int PageSize = SearchQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 50;

    // Deep pages are never useful to a visitor and an unbounded OFFSET is an easy way to load the database.
    public const int MaxPage = 1000;

    public int EffectivePage => Math.Clamp(Page, 1, MaxPage);

    public int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>The site's synonyms (<see cref="SearchSynonymCache"/>); each group's forms find each other.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Synonyms { get; init; } = [];

    /// <summary>Count matches per type, topic and year too (the search page's filters).</summary>
    public bool WithCounts { get; init; }

    public bool HasType => !string.IsNullOrWhiteSpace(Type);

    public bool HasTopic => !string.IsNullOrWhiteSpace(Topic);

    /// <summary>
    /// Values of the chosen type's part filters by their key (the register's <c>loc-{key}</c>): a
    /// document's kind, its issuing body, a date's year. Counted only when a type is chosen.
    /// </summary>
    public IReadOnlyDictionary<string, string> PartFilters { get; init; } = new Dictionary<string, string>();

    public const int MaxPartFilterValueLength = 200;

    /// <summary>A value a visitor may filter by: at most <see cref="MaxPartFilterValueLength"/> characters, no control characters.</summary>
    public static bool IsUsablePartFilterValue(string value) => value.Length <= MaxPartFilterValueLength && !value.Any(char.IsControl);

    internal string PartFiltersKey => string.Join('|', PartFilters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    public bool HasFilter => !string.IsNullOrWhiteSpace(Type) || !string.IsNullOrWhiteSpace(Topic) || Year is not null || PartFilters.Count > 0;
}
