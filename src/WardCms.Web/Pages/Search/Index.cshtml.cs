using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Search;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Search;

/// <summary>/tim-kiem: any input renders a page; only letters and digits ever reach the database (ParsedQuery).</summary>
[AllowAnonymous]
public sealed class IndexModel(SiteContext sites, SearchFacets facets, ISearchIndex index, SearchSynonymCache synonyms) : PageModel
{
    public const int MaxQueryLength = 500;

    // Strings, not ints: "trang=abc" or "nam=x" is ignored instead of failing model binding.
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "loai")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "chu-de")] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true, Name = "nam")] public string? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public string? PageText { get; set; }

    public SearchFacetSet Facets { get; private set; } = new([], [], []);
    public SearchResults? Results { get; private set; }
    public SearchTypeOption? SelectedType { get; private set; }

    /// <summary>The chosen type's part filters that have a value (<c>loc-{key}</c>, as in the type's register).</summary>
    public Dictionary<string, string> SelectedFilters { get; } = new(StringComparer.Ordinal);

    /// <summary>Each of the chosen type's part filters with its values as a visitor reads them and their counts.</summary>
    public List<(SearchPartFilter Filter, IReadOnlyList<PartFilterOption> Options)> PartFilters { get; } = [];

    public const string FilterPrefix = "loc-";
    public SearchTopicOption? SelectedTopic { get; private set; }
    public int? SelectedYear { get; private set; }
    public List<string> Notices { get; } = [];
    public int Pages => Results is null ? 1 : Math.Max(1, (int)Math.Ceiling(Results.Total / (double)Results.PageSize));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Facets = await facets.ForSiteAsync(site.Id, ct);
        Q = string.IsNullOrWhiteSpace(Q) ? null : Core.Language.Vietnamese.Nfc(Q).Trim();
        if (Q is { Length: > MaxQueryLength })
        {
            Notices.Add($"Từ khóa dài {Q.Length.ToString("N0", PublishedContent.Vi)} ký tự; chỉ {MaxQueryLength} ký tự đầu được dùng để tìm.");
            Q = Q[..MaxQueryLength];
        }
        SelectedType = Facets.FindType(Type);
        if (!string.IsNullOrWhiteSpace(Type) && SelectedType is null)
        {
            Notices.Add("Loại nội dung đã chọn không có trên trang; đã tìm trong mọi loại.");
        }
        SelectedTopic = Facets.FindTopic(Topic);
        if (!string.IsNullOrWhiteSpace(Topic) && SelectedTopic is null)
        {
            Notices.Add("Chủ đề đã chọn không có trên trang; đã tìm trong mọi chủ đề.");
        }
        ReadPartFilters();
        if (int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 9999)
        {
            SelectedYear = year;
        }
        var page = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, SearchQuery.MaxPage) : 1;

        if (Q is null && SelectedType is null && SelectedTopic is null && SelectedYear is null)
        {
            return; // the empty form
        }
        Results = await index.SearchAsync(new SearchQuery(site.Id, Q, SelectedType?.Name, SelectedTopic?.Key, SelectedYear, page)
        {
            Synonyms = await synonyms.ForSiteAsync(site.Id, ct),
            WithCounts = true,
            PartFilters = SelectedFilters,
        }, ct);
        foreach (var filter in SelectedType?.Filters ?? [])
        {
            // The values the matches hold, and the chosen one even when nothing holds it any more.
            var counts = Results.Counts?.Filters.GetValueOrDefault(filter.Key) ?? new Dictionary<string, int>();
            var values = counts.Keys.ToHashSet(StringComparer.Ordinal);
            if (SelectedFilters.TryGetValue(filter.Key, out var chosen))
            {
                values.Add(chosen);
            }
            if (values.Count > 0)
            {
                PartFilters.Add((filter, await facets.OptionsAsync(site.Id, filter, values, ct)));
            }
        }
    }

    /// <summary>
    /// The chosen type's part filters from <c>loc-{key}</c>. A filter of another type (left in the
    /// address when the visitor changed the type) is dropped quietly; a key no type has gets a notice.
    /// </summary>
    private void ReadPartFilters()
    {
        foreach (var (name, values) in Request.Query)
        {
            if (!name.StartsWith(FilterPrefix, StringComparison.Ordinal) || values.LastOrDefault() is not { } raw || string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var key = name[FilterPrefix.Length..];
            if (SelectedType?.FindFilter(key) is { } filter)
            {
                var value = Core.Language.Vietnamese.Nfc(raw).Trim();
                if (!SearchQuery.IsUsablePartFilterValue(value))
                {
                    Notices.Add($"Giá trị lọc “{filter.Label}” không hợp lệ; đã bỏ qua bộ lọc này.");
                    continue;
                }
                SelectedFilters[key] = value;
            }
            else if (!Facets.Types.Any(t => t.FindFilter(key) is not null))
            {
                Notices.Add("Bộ lọc đã chọn không có trên trang; đã bỏ qua.");
            }
        }
    }

    public int? FilterCount(string key, string value) =>
        Results?.Counts is { } c ? c.Filters.GetValueOrDefault(key)?.GetValueOrDefault(value) ?? 0 : null;

    public bool HasAnyFilter => SelectedType is not null || SelectedTopic is not null || SelectedYear is not null || SelectedFilters.Count > 0;

    /// <summary>This search's address with some parameters changed (null removes one).</summary>
    public string Link(string? q = null, bool keepQ = true, string? topicSlug = null, bool keepFilters = true, int page = 1)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("q", q ?? (keepQ ? Q : null));
        if (keepFilters)
        {
            Add("loai", SelectedType?.Name);
            Add("chu-de", topicSlug ?? SelectedTopic?.Slug);
            Add("nam", SelectedYear?.ToString(CultureInfo.InvariantCulture));
            foreach (var (key, value) in SelectedFilters)
            {
                Add(FilterPrefix + key, value);
            }
        }
        else
        {
            Add("chu-de", topicSlug);
        }
        if (page > 1)
        {
            Add("trang", page.ToString(CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "/tim-kiem" : "/tim-kiem?" + string.Join('&', parts);
    }

    public string PagerQuery()
    {
        var link = Link();
        var i = link.IndexOf('?');
        return i < 0 ? "" : link[(i + 1)..];
    }

    /// <summary>", loại “Cẩm nang”, năm 2025" for the result count line.</summary>
    public string FilterDescription()
    {
        var parts = new List<string>();
        if (SelectedType is not null)
        {
            parts.Add($"loại “{SelectedType.DisplayName}”");
        }
        if (SelectedTopic is not null)
        {
            parts.Add($"chủ đề “{SelectedTopic.Name}”");
        }
        if (SelectedYear is not null)
        {
            parts.Add($"năm {SelectedYear}");
        }
        foreach (var (filter, options) in PartFilters)
        {
            if (SelectedFilters.TryGetValue(filter.Key, out var value))
            {
                parts.Add($"{filter.Label.ToLower(PublishedContent.Vi)} “{options.FirstOrDefault(o => o.Value == value)?.Label ?? value}”");
            }
        }
        return parts.Count == 0 ? "" : (Q is null ? " thuộc " : ", ") + string.Join(", ", parts);
    }

    /// <summary>"Cẩm nang (12)": a filter option with its number of matches, when the search counted them.</summary>
    public string OptionLabel(string label, int? count) => count is { } n ? $"{label} ({n.ToString("N0", PublishedContent.Vi)})" : label;

    public int? TypeCount(string name) => Results?.Counts is { } c ? c.Types.GetValueOrDefault(name) : null;

    public int? TopicCount(string key) => Results?.Counts is { } c ? c.Topics.GetValueOrDefault(key) : null;

    public int? YearCount(int year) => Results?.Counts is { } c ? c.Years.GetValueOrDefault(year) : null;

    /// <summary>
    /// Where a visitor can browse instead: the sections of the types search favours first (the demo
    /// recipe's handbook, <c>searchWeight</c> 1.5), then the others in the recipe's order.
    /// </summary>
    public IEnumerable<SearchTypeOption> BrowseSections() =>
        Facets.Types.Where(t => t.SectionPath is not null).OrderByDescending(t => t.SearchWeight);

    public string TopicName(string key) => Facets.Topics.FirstOrDefault(t => t.Key == key)?.Name ?? key;

    public string TopicSlug(string key) => Facets.Topics.FirstOrDefault(t => t.Key == key)?.Slug ?? key;
}
