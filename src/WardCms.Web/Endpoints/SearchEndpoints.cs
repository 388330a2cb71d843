using System.Globalization;
using WardCms.Core.Search;
using WardCms.Core.Sites;

namespace WardCms.Web.Endpoints;

/// <summary>The public search API: the same index and ranking as the /tim-kiem page, as JSON.</summary>
public static class SearchEndpoints
{
    public const int MaxQueryLength = 500;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).AllowAnonymous();
        return app;
    }

    public const string FilterPrefix = "filter.";

    /// <summary>
    /// <c>filter.{key}=value</c>: a filter of the chosen type's parts (the values its register and the
    /// search page's <c>loc-{key}</c> offer: <c>type=VanBan&amp;filter.loai=Quyết định&amp;filter.ngayBanHanh=2025</c>).
    /// </summary>
    private static Dictionary<string, string> PartFilters(IQueryCollection query, SearchTypeOption? type, Dictionary<string, string[]> errors)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (!name.StartsWith(FilterPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var key = name[FilterPrefix.Length..];
            var value = values.LastOrDefault()?.Trim() ?? "";
            if (value.Length == 0)
            {
                continue; // an empty filter, as a form sends "all"
            }
            if (type is null)
            {
                errors[name] = [$"Tham số “{name}” cần tham số “type”: mỗi loại nội dung có bộ lọc riêng."];
            }
            else if (type.FindFilter(key) is null)
            {
                errors[name] = [type.Filters.Count == 0
                    ? $"Tham số “{name}” không hợp lệ: loại “{type.Name}” không có bộ lọc nào."
                    : $"Tham số “{name}” không hợp lệ: loại “{type.Name}” không có bộ lọc “{key}”. Các bộ lọc có: {string.Join(", ", type.Filters.Select(f => FilterPrefix + f.Key))}."];
            }
            else if (!SearchQuery.IsUsablePartFilterValue(value))
            {
                errors[name] = [$"Tham số “{name}” dài quá hoặc có ký tự điều khiển (tối đa {SearchQuery.MaxPartFilterValueLength} ký tự)."];
            }
            else
            {
                chosen[key] = WardCms.Core.Language.Vietnamese.Nfc(value);
            }
        }
        return chosen;
    }

    /// <summary>Total is every match, exactly; every match is ranked.</summary>
    public sealed record SearchResponse(int Total, int Page, int PageSize, IReadOnlyList<SearchHitResponse> Hits);

    public sealed record SearchHitResponse(string Title, string Url, string Type, string Snippet, DateTimeOffset? PublishedAt);

    // Raw strings, not int?: "page=abc" must get a Vietnamese message naming the parameter, not the framework's 400.
    private static async Task<IResult> SearchAsync(HttpContext http, SiteContext sites, SearchFacets facets, ISearchIndex index, SearchSynonymCache synonyms,
        string? q, string? type, string? topic, string? page, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var options = await facets.ForSiteAsync(site.Id, ct);
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"Tham số “q” dài {q.Length:N0} ký tự; tối đa {MaxQueryLength} ký tự."];
        }
        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > SearchQuery.MaxPage))
        {
            errors["page"] = [$"Tham số “page” phải là số nguyên từ 1 đến {SearchQuery.MaxPage}."];
        }
        var typeOption = options.FindType(type);
        if (!string.IsNullOrWhiteSpace(type) && typeOption is null)
        {
            errors["type"] = [$"Tham số “type” không hợp lệ: không có loại nội dung “{type}”. Các giá trị được phép: {string.Join(", ", options.Types.Select(t => t.Name))}."];
        }
        var topicOption = options.FindTopic(topic);
        if (!string.IsNullOrWhiteSpace(topic) && topicOption is null)
        {
            errors["topic"] = [$"Tham số “topic” không hợp lệ: không có chủ đề “{topic}”."];
        }
        var partFilters = PartFilters(http.Request.Query, typeOption, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Tham số tìm kiếm không hợp lệ",
                detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var results = await index.SearchAsync(new SearchQuery(site.Id, q, typeOption?.Name, topicOption?.Key, Page: pageNumber)
        {
            Synonyms = await synonyms.ForSiteAsync(site.Id, ct),
            PartFilters = partFilters,
        }, ct);
        return Results.Ok(new SearchResponse(results.Total, results.Page, results.PageSize,
            results.Hits.Select(h => new SearchHitResponse(h.Title, h.Url, h.ContentType, h.Snippet, h.PublishedAt)).ToList()));
    }
}
