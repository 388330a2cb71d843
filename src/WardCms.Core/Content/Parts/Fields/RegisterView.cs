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
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < a.Count; i++)
            {
                var name = a[i] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
                if (name is not null && !seen.Add(name))
                {
                    yield return ($"register.{list}[{i}]", $"trường \"{name}\" đã có ở trên");
                }
                else if (name is null || !names.Contains(name))
                {
                    yield return ($"register.{list}[{i}]", $"không có trường \"{name}\" trong \"fields\" ({string.Join(", ", names)})");
                }
                else if (list == "filters" && !RegisterView.CanFilterBy(fields.First(f => f.Name == name)))
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
public sealed record RegisterView(RegisterSettings Settings, IReadOnlyList<FieldDeclaration> Fields, IReadOnlyList<FieldDeclaration> Columns,
    IReadOnlyList<RegisterFilter> Filters, IReadOnlyList<RegisterRow> Rows, IReadOnlyDictionary<string, (string Title, string? Url)> References) : IApproximateSize
{
    public const int MaxRows = 5000;
    public const int PageSize = 20;

    public long ApproximateBytes => 1024 + Rows.Sum(r => 2L * (r.Title.Length + r.Url.Length + r.Values.Sum(v => 32 + (v.Value?.Length ?? 0))));

    /// <summary>The kinds a register can filter by: a date (by year), a number, a choice, a short text, a reference.</summary>
    public static bool CanFilterBy(FieldDeclaration f) =>
        f.Kind is FieldKind.Date or FieldKind.DateTime or FieldKind.Choice or FieldKind.Text or FieldKind.Reference or FieldKind.Number;

    /// <param name="references">The published title and address of every item the rows refer to, by id.</param>
    /// <summary>Each item's published field values, read from its parts once.</summary>
    public static List<RegisterRow> RowsOf(FieldsPart part, IEnumerable<PublicCard> items) =>
        items.Select(i => new RegisterRow(i.Id, i.Title, i.Url, i.PublishedUtc, i.DataOf<FieldsPart.Data>(part).Values)).ToList();

    public static RegisterView Build(RegisterSettings settings, IReadOnlyList<FieldDeclaration> fields, IReadOnlyList<RegisterRow> rows,
        IReadOnlyDictionary<string, (string Title, string? Url)> references)
    {
        var columns = settings.Columns.Distinct().Select(n => fields.FirstOrDefault(f => f.Name == n)).OfType<FieldDeclaration>().ToList();
        var filters = new List<RegisterFilter>();
        // The register's own list of filters, else every field declared filterable (of a kind that can be filtered by).
        var filterFields = (settings.Filters.Count > 0
            ? settings.Filters.Distinct().Select(n => fields.FirstOrDefault(f => f.Name == n)).OfType<FieldDeclaration>()
            : fields.Where(f => f.Filterable)).Where(CanFilterBy);
        foreach (var field in filterFields)
        {
            // One pass over the rows: the value each filter option stands for, and how many rows hold it.
            var counts = rows.Select(r => FilterKey(field, r.Values.GetValueOrDefault(field.Name))).OfType<string>()
                .GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var options = Options(field, counts.Keys, references).Select(o => new RegisterOption(o.Value, o.Label, counts[o.Value])).ToList();
            if (options.Count > 0)
            {
                filters.Add(new RegisterFilter(field, options));
            }
        }
        return new RegisterView(settings, fields, columns, filters, rows, references);
    }

    /// <summary>The value a filter option stands for (here and in search): a date's year, else the stored value; null when empty.</summary>
    public static string? FilterKey(FieldDeclaration field, string? value) =>
        field.Kind is FieldKind.Date or FieldKind.DateTime ? FieldDeclaration.YearOf(value)?.ToString(CultureInfo.InvariantCulture)
        : string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// A filter's values in the order it lists them (years newest first, choices in the declared
    /// order, the rest the field's way) and as a visitor reads each (a referred item by its title).
    /// </summary>
    public static IEnumerable<PartFilterOption> Options(FieldDeclaration field, IEnumerable<string> values, IReadOnlyDictionary<string, (string Title, string? Url)> references)
    {
        var set = values.ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> order = field.Kind switch
        {
            FieldKind.Date or FieldKind.DateTime => set.OrderDescending(StringComparer.Ordinal),
            // A value the declaration no longer offers (kept by an older item) after the declared ones.
            FieldKind.Choice => field.Options.Where(set.Contains).Concat(set.Where(v => !field.Options.Contains(v)).Order(StringComparer.Ordinal)),
            _ => set.Order(field.Comparer),
        };
        return order.Select(v => new PartFilterOption(v, field.Kind switch
        {
            FieldKind.Reference => references.TryGetValue(v, out var r) ? r.Title : $"#{v}",
            FieldKind.Date or FieldKind.DateTime => v,
            _ => field.Format(v),
        }));
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
            ?? Fields.FirstOrDefault(c => c.Name == Settings.Sort);
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
