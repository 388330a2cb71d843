using System.Globalization;
using System.Text.Json.Nodes;

namespace WardCms.Core.Content.Parts;

/// <summary>
/// A section shown as a register (<c>"register"</c> in the fields part's settings):
/// <c>{ "columns": ["soKyHieu", "ngayBanHanh", "loai"], "sort": "-ngayBanHanh", "filters": ["ngayBanHanh", "loai", "coQuan"] }</c>.
/// Columns and filters name declared fields (without "filters", the fields declared <c>filterable</c>);
/// a date field filters by year, a choice or text field by its values, a reference by the item; "-"
/// before the sort field means newest (largest) first.
/// </summary>
public sealed record RegisterSettings(IReadOnlyList<string> Columns, string? Sort, bool Descending, IReadOnlyList<string> Filters)
{
    public static RegisterSettings? Of(JsonObject? settings)
    {
        if (settings?["register"] is not JsonObject r)
        {
            return null;
        }
        static List<string> Names(JsonNode? node) => node is JsonArray a
            ? a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [];
        var sort = r["sort"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        return new RegisterSettings(Names(r["columns"]), sort?.TrimStart('-'), sort?.StartsWith('-') == true, Names(r["filters"]));
    }

    public static IEnumerable<(string Path, string Message)> Check(JsonNode register, IReadOnlyList<FieldDeclaration> fields)
    {
        if (register is not JsonObject r)
        {
            yield return ("register", "phải là một đối tượng { \"columns\": [...], \"sort\": ..., \"filters\": [...] }");
            yield break;
        }
        foreach (var key in r.Select(p => p.Key).Where(k => k is not ("columns" or "sort" or "filters")))
        {
            yield return ($"register.{key}", $"không có thuộc tính \"{key}\" (các thuộc tính có: columns, sort, filters)");
        }
        var names = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var list in new[] { "columns", "filters" })
        {
            if (r[list] is null)
            {
                continue;
            }
            if (r[list] is not JsonArray a)
            {
                yield return ($"register.{list}", "phải là danh sách tên trường, ví dụ [\"soKyHieu\", \"ngayBanHanh\"]");
                continue;
            }
            for (var i = 0; i < a.Count; i++)
            {
                var name = a[i] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
                if (name is null || !names.Contains(name))
                {
                    yield return ($"register.{list}[{i}]", $"không có trường \"{name}\" trong \"fields\" ({string.Join(", ", names)})");
                }
                else if (list == "filters" && fields.First(f => f.Name == name).Kind is not (FieldKind.Date or FieldKind.DateTime or FieldKind.Choice or FieldKind.Text or FieldKind.Reference or FieldKind.Number))
                {
                    yield return ($"register.{list}[{i}]", $"không lọc được theo trường \"{name}\": lọc theo năm của một ngày, theo một lựa chọn, một chữ ngắn hoặc một mục tham chiếu");
                }
            }
        }
        if (r["sort"] is { } sort && (sort is not JsonValue sv || !sv.TryGetValue<string>(out var s) || !names.Contains(s.TrimStart('-'))))
        {
            yield return ("register.sort", $"sắp xếp theo một trường trong \"fields\" (thêm - phía trước để xếp giảm dần), ví dụ \"-ngayBanHanh\"");
        }
    }
}

/// <summary>
/// The rows of a register (every published item of the type, at most <see cref="MaxRows"/>) and its
/// filters' values, kept by the read model; the page sorts, filters and pages them per request from
/// its query string (sap-xep, chieu, loc-{field}, trang), so no query string makes a database round trip.
/// </summary>
public sealed record RegisterView(RegisterSettings Settings, IReadOnlyList<FieldDeclaration> Columns, IReadOnlyList<RegisterFilter> Filters,
    IReadOnlyList<RegisterRow> Rows) : IApproximateSize
{
    public const int MaxRows = 5000;
    public const int PageSize = 20;

    public long ApproximateBytes => 1024 + Rows.Sum(r => 2L * (r.Title.Length + r.Url.Length + r.Values.Sum(v => 32 + (v.Value?.Length ?? 0))));

    public static RegisterView Build(FieldsPart part, RegisterSettings settings, IReadOnlyList<FieldDeclaration> fields, IReadOnlyList<PublicCard> items)
    {
        var rows = items.Select(i => new RegisterRow(i.Id, i.Title, i.Url, i.PublishedUtc, i.DataOf<FieldsPart.Data>(part).Values)).ToList();
        var columns = settings.Columns.Select(n => fields.FirstOrDefault(f => f.Name == n)).OfType<FieldDeclaration>().ToList();
        var filters = new List<RegisterFilter>();
        // The register's own list of filters, else every field declared filterable.
        var filterFields = settings.Filters.Count > 0
            ? settings.Filters.Select(n => fields.FirstOrDefault(f => f.Name == n)).OfType<FieldDeclaration>()
            : fields.Where(f => f.Filterable);
        foreach (var field in filterFields)
        {
            IEnumerable<(string Value, string Label)> options = field.Kind switch
            {
                FieldKind.Date or FieldKind.DateTime => rows.Select(r => FieldDeclaration.YearOf(r.Values.GetValueOrDefault(field.Name)))
                    .OfType<int>().Distinct().OrderDescending().Select(y => (y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture))),
                FieldKind.Choice => field.Options.Where(o => rows.Any(r => r.Values.GetValueOrDefault(field.Name) == o)).Select(o => (o, o)),
                FieldKind.Reference => rows.Select(r => r.Values.GetValueOrDefault(field.Name)).OfType<string>().Distinct()
                    .Select(id => (id, items.FirstOrDefault(i => i.Id.ToString(CultureInfo.InvariantCulture) == id)?.Title ?? $"#{id}")),
                _ => rows.Select(r => r.Values.GetValueOrDefault(field.Name)).OfType<string>().Distinct()
                    .Order(StringComparer.Create(PublishedContent.Vi, true)).Select(v => (v, field.Format(v))),
            };
            var list = options.ToList();
            if (list.Count > 0)
            {
                filters.Add(new RegisterFilter(field, list.Select(o => new RegisterOption(o.Value, o.Label, rows.Count(r => Matches(field, r, o.Value)))).ToList()));
            }
        }
        return new RegisterView(settings, columns, filters, rows);
    }

    /// <summary>Whether a row holds a filter's value (a date field: its year).</summary>
    public static bool Matches(FieldDeclaration field, RegisterRow row, string value)
    {
        var v = row.Values.GetValueOrDefault(field.Name);
        return field.Kind is FieldKind.Date or FieldKind.DateTime
            ? FieldDeclaration.YearOf(v)?.ToString(CultureInfo.InvariantCulture) == value
            : string.Equals(v, value, StringComparison.Ordinal);
    }

    /// <summary>A page of the register for a query: the rows that pass every chosen filter, sorted, and how many there are.</summary>
    public RegisterPage Query(IReadOnlyDictionary<string, string?> chosen, string? sortField, bool? descending, int page)
    {
        IEnumerable<RegisterRow> rows = Rows;
        foreach (var filter in Filters)
        {
            if (chosen.GetValueOrDefault(filter.Field.Name) is { Length: > 0 } value)
            {
                rows = rows.Where(r => Matches(filter.Field, r, value));
            }
        }
        var sort = Columns.FirstOrDefault(c => c.Name == sortField && c.Sortable)
            ?? Columns.Concat(Filters.Select(f => f.Field)).FirstOrDefault(c => c.Name == Settings.Sort);
        var desc = sort is not null && (descending ?? (sort.Name == Settings.Sort && Settings.Descending));
        var ordered = sort is null
            ? rows.OrderByDescending(r => r.PublishedUtc).ThenByDescending(r => r.Id)
            : desc
                ? rows.OrderByDescending(r => r.Values.GetValueOrDefault(sort.Name), sort.Comparer).ThenByDescending(r => r.Id)
                : rows.OrderBy(r => r.Values.GetValueOrDefault(sort.Name), sort.Comparer).ThenBy(r => r.Id);
        var all = ordered.ToList();
        var pages = Math.Max(1, (int)Math.Ceiling(all.Count / (double)PageSize));
        page = Math.Clamp(page, 1, pages);
        return new RegisterPage(all.Skip((page - 1) * PageSize).Take(PageSize).ToList(), all.Count, page, pages, sort, desc);
    }
}

public sealed record RegisterRow(int Id, string Title, string Url, DateTime? PublishedUtc, IReadOnlyDictionary<string, string?> Values);

public sealed record RegisterFilter(FieldDeclaration Field, IReadOnlyList<RegisterOption> Options);

public sealed record RegisterOption(string Value, string Label, int Count);

public sealed record RegisterPage(IReadOnlyList<RegisterRow> Rows, int Total, int Page, int Pages, FieldDeclaration? SortedBy, bool Descending);
