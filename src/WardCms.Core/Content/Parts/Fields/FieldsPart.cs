using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Media;

namespace WardCms.Core.Content.Parts;

/// <summary>
/// Named fields a type declares in its settings (<see cref="FieldDeclaration"/>): a number, a date, a
/// choice, a file from the media library, a reference to another item… The editor's inputs, the
/// messages, the item page, the cards, the version diff, search and media usage all come from the
/// declaration, so a type such as the register of legal documents needs no code. With a
/// <c>"register"</c> setting the section is shown as a table of chosen fields with sorting and filters.
/// </summary>
public sealed class FieldsPart : ContentPartDefinition<FieldsPart.Data>
{
    public const string PartName = "fields";

    public override string Name => PartName;
    public override string DisplayName => "Thông tin chi tiết";
    public override string? EditorView => "/Content/Parts/Fields/Edit.cshtml";
    public override string? DisplayView => "/Content/Parts/Fields/Display.cshtml";
    public override IReadOnlyList<string> DisplayZones { get; } = [ItemZone.Lead];
    public override string? SectionView => "/Content/Parts/Fields/Register.cshtml";
    public override IReadOnlyList<string> SectionZones { get; } = [SectionZone.Main];

    public sealed class Data
    {
        /// <summary>Each declared field's value by its name, as text in its invariant form.</summary>
        [JsonConverter(typeof(FieldDeclaration.LenientStrings))]
        public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    }

    private static IReadOnlyList<FieldDeclaration> FieldsIn(ContentTypePart typePart) => FieldDeclaration.Of(typePart.Settings);

    // ---- The declaration, checked at recipe import ----

    public override IEnumerable<(string Path, string Message)> CheckSettings(JsonObject? settings, IReadOnlyCollection<string> typeNames)
    {
        if (settings?["fields"] is not JsonArray fields || fields.Count == 0)
        {
            yield return ("fields", "thành phần \"fields\" cần danh sách trường: \"fields\": [ { \"name\": \"soKyHieu\", \"label\": \"Số ký hiệu\", \"kind\": \"text\" } ]");
            yield break;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var at = $"fields[{i}]";
            if (fields[i] is not JsonObject f)
            {
                yield return (at, "mỗi trường phải là một đối tượng { \"name\": …, \"label\": …, \"kind\": … }");
                continue;
            }
            foreach (var key in f.Select(p => p.Key).Where(k => !FieldDeclaration.Keys.Contains(k)))
            {
                yield return ($"{at}.{key}", $"không có thuộc tính \"{key}\" (các thuộc tính có: {string.Join(", ", FieldDeclaration.Keys)})");
            }
            var name = f["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
            if (name is null || name.Length is 0 or > 64 || !char.IsAsciiLetterLower(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
            {
                yield return ($"{at}.name", $"tên trường \"{name}\" phải viết liền không dấu, bắt đầu bằng chữ thường, ví dụ soKyHieu");
            }
            else if (!names.Add(name))
            {
                yield return ($"{at}.name", $"tên trường \"{name}\" đã có ở trên; mỗi trường một tên");
            }
            if (f["label"] is not JsonValue lv || !lv.TryGetValue<string>(out var label) || string.IsNullOrWhiteSpace(label) || label.Length > 120)
            {
                yield return ($"{at}.label", "cần nhãn tiếng Việt của trường (tối đa 120 ký tự), ví dụ \"Số ký hiệu\"");
            }
            var kindName = f["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
            if (kindName is null || !FieldDeclaration.Kinds.TryGetValue(kindName, out var kind))
            {
                yield return ($"{at}.kind", $"không có kiểu trường \"{kindName}\" (các kiểu có: {string.Join(", ", FieldDeclaration.Kinds.Keys)})");
                continue;
            }
            var options = f["options"] as JsonArray;
            if (kind == FieldKind.Choice && (options is null || options.Count == 0 || options.Any(o => o is not JsonValue ov || !ov.TryGetValue<string>(out var os) || string.IsNullOrWhiteSpace(os))))
            {
                yield return ($"{at}.options", "trường chọn cần danh sách lựa chọn không rỗng: \"options\": [\"Quyết định\", \"Kế hoạch\"]");
            }
            if (kind == FieldKind.Reference)
            {
                var target = f["type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
                if (target is null || !typeNames.Contains(target))
                {
                    yield return ($"{at}.type", $"trường tham chiếu cần loại nội dung có thật: \"{target}\" không có ({string.Join(", ", typeNames.Order(StringComparer.Ordinal))})");
                }
            }
            if (f["maxLength"] is { } ml && (ml is not JsonValue mv || !mv.TryGetValue<int>(out var max) || max is < 1 or > 100_000))
            {
                yield return ($"{at}.maxLength", "độ dài tối đa phải là số từ 1 đến 100000");
            }
        }
        if (settings["register"] is { } register)
        {
            foreach (var problem in RegisterSettings.Check(register, FieldDeclaration.Of(settings)))
            {
                yield return problem;
            }
        }
    }

    // ---- Values: cleaned, checked and put in their invariant form ----

    protected override void Normalize(Data d)
    {
        foreach (var key in d.Values.Keys.ToList())
        {
            var value = d.Values[key];
            d.Values[key] = string.IsNullOrWhiteSpace(value) ? null : TextInput.Clean(value).Trim();
        }
    }

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var fields = FieldDeclaration.Of(c.Settings);
        // Only declared fields are kept (a field taken out of the declaration stops being stored at the next save).
        foreach (var key in d.Values.Keys.Where(k => fields.All(f => f.Name != k)).ToList())
        {
            d.Values.Remove(key);
        }
        var errors = new List<ContentError>();
        foreach (var field in fields)
        {
            var value = d.Values.GetValueOrDefault(field.Name);
            if (value is null)
            {
                d.Values.Remove(field.Name);
                if (field.Required)
                {
                    errors.Add(new(Key(field), $"{field.Label} không được để trống."));
                }
                continue;
            }
            if (field.Kind is FieldKind.Text or FieldKind.Choice or FieldKind.Url && value.Contains('\n'))
            {
                value = TextInput.CleanLine(value);
            }
            var (stored, message) = await CheckAsync(field, value, c, ct);
            if (message is not null)
            {
                errors.Add(new(Key(field), message));
            }
            else
            {
                d.Values[field.Name] = stored;
            }
        }
        return errors;
    }

    /// <summary>The form key of a field's input and of its error: "Parts.fields.Values[soKyHieu]".</summary>
    public string Key(FieldDeclaration field) => $"Parts.{Name}.Values[{field.Name}]";

    private static async Task<(string Stored, string? Message)> CheckAsync(FieldDeclaration f, string value, PartContext c, CancellationToken ct)
    {
        string Bad(string what) => $"{f.Label}: “{value}” {what}";
        switch (f.Kind)
        {
            case FieldKind.Text or FieldKind.LongText:
                return value.Length > f.MaxLength ? (value, $"{f.Label} dài {value.Length:N0} ký tự, tối đa {f.MaxLength:N0} ký tự.") : (value, null);
            case FieldKind.Number:
                return FieldDeclaration.TryNumber(value, out var number)
                    ? (number.ToString(CultureInfo.InvariantCulture), null)
                    : (value, Bad("không phải là số; hãy nhập số, ví dụ 12 hoặc 1.234,5."));
            case FieldKind.Date:
                return FieldDeclaration.TryDate(value, out var date)
                    ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : (value, Bad("không phải ngày có thật; hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/03/2025."));
            case FieldKind.DateTime:
                return FieldDeclaration.TryDateTime(value, out var at)
                    ? (at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), null)
                    : (value, Bad("không phải thời điểm có thật; hãy nhập giờ:phút ngày/tháng/năm, ví dụ 08:30 15/03/2025."));
            case FieldKind.Url:
                return IsSafeAddress(value)
                    ? (value, null)
                    : (value, Bad("không phải địa chỉ dùng được; hãy nhập địa chỉ bắt đầu bằng https:// hoặc một đường dẫn trong trang bắt đầu bằng /."));
            case FieldKind.Choice:
                return f.Options.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase)) is { } option
                    ? (option, null)
                    : (value, Bad($"không có trong danh sách; hãy chọn một trong: {string.Join(", ", f.Options)}."));
            case FieldKind.File or FieldKind.Image:
                if (c.InRecipe && value.StartsWith(Recipes.RecipeValidator.MediaReference, StringComparison.Ordinal))
                {
                    return (value, null); // a file of the recipe's own media step: imported when the recipe is applied
                }
                var key = MediaUrls.KeyOf(value) ?? value;
                if (!MediaKey.IsValid(key))
                {
                    return (value, $"{f.Label}: hãy chọn một tệp trong thư viện.");
                }
                var kind = f.Kind == FieldKind.Image ? MediaKind.Image : MediaKind.Document;
                var exists = await c.Db.Set<MediaAssetFile>().AnyAsync(x => x.Key == key && !x.Asset!.IsDeleted && x.Asset.SiteId == c.SiteId
                    && (f.Kind == FieldKind.File || x.Asset.Kind == kind), ct);
                return exists ? (key, null) : (value, $"{f.Label}: tệp đã chọn không còn trong thư viện của trang (có thể đã bị xoá); hãy chọn lại.");
            case FieldKind.Reference:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    || !await c.Db.ContentItems.AnyAsync(i => i.Id == id && i.SiteId == c.SiteId && i.ContentType == f.ReferenceType && !i.IsDeleted, ct))
                {
                    return (value, $"{f.Label}: mục đã chọn không có (hoặc đã vào thùng rác); hãy chọn lại trong danh sách.");
                }
                return (id.ToString(CultureInfo.InvariantCulture), null);
            default:
                return (value, null);
        }
    }

    /// <summary>An address a page may link to: https:// or a path on this site (no javascript:, no //host, no backslash).</summary>
    public static bool IsSafeAddress(string value) =>
        MediaUrls.IsAllowedImageAddress(value) && (value.StartsWith('/') || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        foreach (var f in FieldDeclaration.Of(c.Settings))
        {
            yield return (f.Label, f.Format(d.Values.GetValueOrDefault(f.Name)));
        }
    }

    // ---- What the rest of the system asks ----

    /// <summary>Every value a citizen might type: texts, choices, numbers and dates as written (15/03/2025).</summary>
    protected override IEnumerable<string> SearchText(Data d, ContentTypePart typePart) =>
        FieldsIn(typePart).Where(f => f.Kind is not (FieldKind.File or FieldKind.Image or FieldKind.Reference or FieldKind.Url))
            .Select(f => f.Format(d.Values.GetValueOrDefault(f.Name))).Where(v => v.Length > 0);

    /// <summary>Search filters: the fields declared <c>filterable</c> (a date by its year), as in the register.</summary>
    public override IReadOnlyList<PartFilter> SearchFilters(ContentTypePart typePart) =>
        FilterFieldsIn(typePart).Select(f => new PartFilter(f.Name, f.Label)).ToList();

    private static IEnumerable<FieldDeclaration> FilterFieldsIn(ContentTypePart typePart) =>
        FieldsIn(typePart).Where(f => f.Filterable && RegisterView.CanFilterBy(f));

    protected override IEnumerable<(string Filter, string Value)> FilterValues(Data d, ContentTypePart typePart) =>
        FilterFieldsIn(typePart).Select(f => (f.Name, Value: RegisterView.FilterKey(f, d.Values.GetValueOrDefault(f.Name))))
            .Where(x => x.Value is not null).Select(x => (x.Name, x.Value!));

    public override async Task<IReadOnlyList<PartFilterOption>> FilterOptionsAsync(PartQueryContext c, ContentTypePart typePart, string filter,
        IReadOnlyCollection<string> values, CancellationToken ct)
    {
        if (FilterFieldsIn(typePart).FirstOrDefault(f => f.Name == filter) is not { } field)
        {
            return await base.FilterOptionsAsync(c, typePart, filter, values, ct);
        }
        var references = field.Kind == FieldKind.Reference ? await ReferencesAsync(c.Db, c.SiteId, values, ct) : new();
        return RegisterView.Options(field, values, references).ToList();
    }

    protected override IEnumerable<MediaUse> MediaUses(Data d, ContentTypePart typePart) =>
        FieldsIn(typePart).Where(f => f.Kind is FieldKind.File or FieldKind.Image)
            .Select(f => (f, Key: d.Values.GetValueOrDefault(f.Name))).Where(x => x.Key is not null)
            .Select(x => new MediaUse(x.Key!, x.f.Label));

    protected override PartCard? CardOf(Data d, ContentTypePart typePart)
    {
        var facts = FieldsIn(typePart).Where(f => f.Card && f.Kind is not (FieldKind.File or FieldKind.Image or FieldKind.Reference))
            .Select(f => new CardFact(f.Label, f.Format(d.Values.GetValueOrDefault(f.Name)))).Where(x => x.Value.Length > 0).ToList();
        var image = FieldsIn(typePart).FirstOrDefault(f => f.Card && f.Kind == FieldKind.Image) is { } imageField
            && d.Values.GetValueOrDefault(imageField.Name) is { } key ? new CoverImage(MediaUrls.Of(key), "", "") : null;
        return facts.Count == 0 && image is null ? null : new PartCard(image, facts);
    }

    /// <summary>What the editor offers for reference fields (items of the referenced type, newest first) and file fields (the library's files).</summary>
    public sealed class Choices
    {
        public Dictionary<string, List<(string Value, string Label)>> Options { get; init; } = new(StringComparer.Ordinal);
    }

    public override async Task<object?> LoadChoicesAsync(PartChoicesContext c, CancellationToken ct)
    {
        var choices = new Choices();
        foreach (var f in FieldsIn(c.TypePart))
        {
            if (f.Kind == FieldKind.Reference)
            {
                var items = await c.Db.ContentItems.AsNoTracking().Where(i => i.SiteId == c.Site.Id && i.ContentType == f.ReferenceType && !i.IsDeleted)
                    .OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id).Take(500).Select(i => new { i.Id, i.Title }).ToListAsync(ct);
                choices.Options[f.Name] = items.Select(i => (i.Id.ToString(CultureInfo.InvariantCulture), i.Title)).ToList();
            }
            else if (f.Kind is FieldKind.File or FieldKind.Image)
            {
                var files = await c.Db.Set<MediaAsset>().AsNoTracking()
                    .Where(a => a.SiteId == c.Site.Id && !a.IsDeleted && (f.Kind == FieldKind.File || a.Kind == MediaKind.Image))
                    .OrderByDescending(a => a.UploadedUtc).ThenByDescending(a => a.Id).Take(500)
                    .Select(a => new { a.OriginalKey, a.Title, a.FileName, a.Extension }).ToListAsync(ct);
                choices.Options[f.Name] = files.Select(a => (a.OriginalKey, $"{(a.Title.Length > 0 ? a.Title : a.FileName)} ({a.Extension.ToUpperInvariant()})")).ToList();
            }
        }
        return choices;
    }

    // ---- The item page: a table of the fields, files to download, links to referenced items ----

    /// <summary>A field as the item page shows it: its text, and the address when it links somewhere.</summary>
    public sealed record Shown(string Label, string Text, string? Href, FieldKind Kind, string? Detail);

    public sealed record Display(IReadOnlyList<Shown> Rows) : IApproximateSize
    {
        public long ApproximateBytes => 256 + Rows.Sum(r => 2L * (r.Label.Length + r.Text.Length + (r.Href?.Length ?? 0)));
    }

    public override async Task<object?> LoadDisplayAsync(PartDisplayContext c, CancellationToken ct)
    {
        var d = (Data)c.Data;
        var rows = new List<Shown>();
        foreach (var f in FieldsIn(c.TypePart))
        {
            if (d.Values.GetValueOrDefault(f.Name) is not { } value)
            {
                continue;
            }
            switch (f.Kind)
            {
                case FieldKind.File or FieldKind.Image:
                    var asset = await c.Db.Set<MediaAssetFile>().AsNoTracking().Where(x => x.Key == value && !x.Asset!.IsDeleted && x.Asset.SiteId == c.Site.Id)
                        .Select(x => new { x.Asset!.Title, x.Asset.FileName, x.Asset.Extension, x.Asset.Length }).FirstOrDefaultAsync(ct);
                    if (asset is not null)
                    {
                        rows.Add(new Shown(f.Label, asset.Title.Length > 0 ? asset.Title : asset.FileName, MediaUrls.Of(value), f.Kind,
                            $"{asset.Extension.ToUpperInvariant()}, {Size(asset.Length)}"));
                    }
                    break;
                case FieldKind.Reference:
                    // A value kept from before the field became a reference is not an id: nothing to link.
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        break;
                    }
                    // The published version's title: the item's own Title column is its latest draft's.
                    var target = await c.Db.ContentItems.AsNoTracking()
                        .Where(i => i.Id == id && i.SiteId == c.Site.Id && i.ContentType == f.ReferenceType && i.PublishedVersionId != null && !i.IsDeleted)
                        .Join(c.Db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new { v.Title, i.PublishedSlug, i.ContentType })
                        .FirstOrDefaultAsync(ct);
                    var targetType = target is null ? null : await c.Db.ContentTypes.AsNoTracking().FirstOrDefaultAsync(t => t.SiteId == c.Site.Id && t.Name == target.ContentType, ct);
                    if (target is not null)
                    {
                        rows.Add(new Shown(f.Label, target.Title, targetType?.Settings.UrlFor(target.PublishedSlug), f.Kind, null));
                    }
                    break;
                case FieldKind.Url:
                    // Checked again: a value stored before the field was a URL was never checked as one.
                    rows.Add(IsSafeAddress(value) ? new Shown(f.Label, value, value, f.Kind, null) : new Shown(f.Label, value, null, FieldKind.Text, null));
                    break;
                default:
                    rows.Add(new Shown(f.Label, f.Format(value), null, f.Kind, null));
                    break;
            }
        }
        return rows.Count == 0 ? null : new Display(rows);
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Format(PublishedContent.Vi, "{0:0.#} MB", bytes / 1024d / 1024d)
        : string.Format(PublishedContent.Vi, "{0:N0} KB", Math.Max(1, bytes / 1024));

    // ---- The register: the section as a table of chosen fields ----

    public override async Task<object?> LoadSectionAsync(PartSectionContext c, CancellationToken ct)
    {
        if (c.Topic is not null || RegisterSettings.Of(c.TypePart.Settings) is not { } register)
        {
            return null; // no register declared (or a topic page): the section keeps its cards
        }
        var items = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<PublicCatalog>(c.Services).AllAsync(c.Site.Id, c.Type, RegisterView.MaxRows, ct);
        var fields = FieldsIn(c.TypePart);
        var rows = RegisterView.RowsOf(this, items);
        // The published titles and addresses of the items the rows refer to (filters and columns show them, not ids).
        var references = await ReferencesAsync(c.Db, c.Site.Id,
            fields.Where(f => f.Kind == FieldKind.Reference).SelectMany(f => rows.Select(r => r.Values.GetValueOrDefault(f.Name))), ct);
        return RegisterView.Build(register, fields, rows, references);
    }

    /// <summary>The published title and address of each item a reference value names (by its id as text); others are absent.</summary>
    private static async Task<Dictionary<string, (string Title, string? Url)>> ReferencesAsync(WardDbContext db, int siteId, IEnumerable<string?> values, CancellationToken ct)
    {
        var ids = values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        var references = new Dictionary<string, (string Title, string? Url)>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return references;
        }
        var targets = await db.ContentItems.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.SiteId == siteId && i.PublishedVersionId != null && !i.IsDeleted)
            .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new { i.Id, v.Title, i.PublishedSlug, i.ContentType })
            .ToListAsync(ct);
        var types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct);
        foreach (var t in targets)
        {
            references[t.Id.ToString(CultureInfo.InvariantCulture)] = (t.Title, types.FirstOrDefault(x => x.Name == t.ContentType)?.Settings.UrlFor(t.PublishedSlug));
        }
        return references;
    }
}
