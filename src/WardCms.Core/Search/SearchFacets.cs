using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

/// <summary>A public type: its section (where a visitor can browse it) and how much search favours it (its recipe's <c>searchWeight</c>).</summary>
public sealed record SearchTypeOption(string Name, string DisplayName, string? SectionPath = null, double SearchWeight = 1.0);

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

public sealed class SearchFacets(WardDbContext db)
{
    public async Task<SearchFacetSet> ForSiteAsync(int siteId, CancellationToken ct = default)
    {
        var types = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ToListAsync(ct))
            .Where(t => t.Settings.SlugPattern is not null)
            .Select(t => new SearchTypeOption(t.Name, t.DisplayName, t.Settings.EffectiveSectionPath, t.Settings.SearchWeight))
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

    private static DateTime Ict(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), PublishedContent.Ict);
}
