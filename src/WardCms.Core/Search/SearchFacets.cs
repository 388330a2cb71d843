using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

/// <summary>
/// A public type: its section (where a visitor can browse it), how much search favours it (its
/// recipe's <c>searchWeight</c>) and the filters its parts offer once it is chosen.
/// </summary>
public sealed record SearchTypeOption(string Name, string DisplayName, string? SectionPath = null, double SearchWeight = 1.0)
{
    public IReadOnlyList<SearchPartFilter> Filters { get; init; } = [];

    public SearchPartFilter? FindFilter(string key) => Filters.FirstOrDefault(f => f.Key == key);
}

/// <summary>A filter of a type's part (<see cref="ContentPartDefinition.SearchFilters"/>) and the part that reads its values.</summary>
public sealed record SearchPartFilter(string Key, string Label, ContentPartDefinition Part, ContentTypePart TypePart);

/// <summary>A topic: Key is what the index holds, Slug what addresses show.</summary>
public sealed record SearchTopicOption(string Key, string Slug, string Name);

/// <summary>What a visitor can filter a site's search by: its public types, its topics, the years with content.</summary>
public sealed record SearchFacetSet(IReadOnlyList<SearchTypeOption> Types, IReadOnlyList<SearchTopicOption> Topics, IReadOnlyList<int> Years)
{
    public SearchTypeOption? FindType(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : Types.FirstOrDefault(t => string.Equals(t.Name, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Accepts the topic's slug (as in addresses) or its key.</summary>
    public SearchTopicOption? FindTopic(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Topics.FirstOrDefault(t => string.Equals(t.Slug, value.Trim(), StringComparison.OrdinalIgnoreCase))
          ?? Topics.FirstOrDefault(t => string.Equals(t.Key, value.Trim(), StringComparison.Ordinal));

    public string TypeDisplayName(string name) => Types.FirstOrDefault(t => t.Name == name)?.DisplayName ?? name;
}

public sealed class SearchFacets(WardDbContext db, ContentPartRegistry parts)
{
    public async Task<SearchFacetSet> ForSiteAsync(int siteId, CancellationToken ct = default)
    {
        var types = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ToListAsync(ct))
            .Where(t => t.Settings.SlugPattern is not null)
            .Select(t => new SearchTypeOption(t.Name, t.DisplayName, t.Settings.EffectiveSectionPath, t.Settings.SearchWeight) { Filters = FiltersOf(t) })
            .ToList();
        var topics = await db.Terms.AsNoTracking().Where(t => t.Taxonomy!.SiteId == siteId)
            .OrderBy(t => t.TaxonomyId).ThenBy(t => t.Order)
            .Select(t => new SearchTopicOption(t.Key, t.Slug, t.Name))
            .ToListAsync(ct);
        var dates = await db.ContentItems.Where(i => i.SiteId == siteId && !i.IsDeleted && i.PublishedVersionId != null && i.FirstPublishedUtc != null)
            .GroupBy(_ => 1)
            .Select(g => new { First = g.Min(i => i.FirstPublishedUtc), Last = g.Max(i => i.FirstPublishedUtc) })
            .FirstOrDefaultAsync(ct);
        var years = new List<int>();
        if (dates is { First: { } first, Last: { } last })
        {
            for (var y = Ict(last).Year; y >= Ict(first).Year; y--)
            {
                years.Add(y);
            }
        }
        return new SearchFacetSet(types, topics, years);
    }

    /// <summary>The type's part filters in its part order; a key the first part to declare it keeps (as the index does).</summary>
    private List<SearchPartFilter> FiltersOf(ContentTypeDefinition type)
    {
        var filters = new List<SearchPartFilter>();
        foreach (var (part, typePart) in parts.Of(type))
        {
            filters.AddRange(part.SearchFilters(typePart).Where(f => filters.All(x => x.Key != f.Key))
                .Select(f => new SearchPartFilter(f.Key, f.Label, part, typePart)));
        }
        return filters;
    }

    /// <summary>Values of a part filter as a visitor reads them, in the order the filter lists them.</summary>
    public Task<IReadOnlyList<PartFilterOption>> OptionsAsync(int siteId, SearchPartFilter filter, IReadOnlyCollection<string> values, CancellationToken ct = default) =>
        filter.Part.FilterOptionsAsync(new PartQueryContext(siteId, db), filter.TypePart, filter.Key, values, ct);

    private static DateTime Ict(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), PublishedContent.Ict);
}
