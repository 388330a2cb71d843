using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>The public address. Validated for format here; uniqueness is checked by the content manager.</summary>
public sealed class RoutePart : ContentPartDefinition<RoutePart.Data>
{
    public const string PartName = "route";

    public override string Name => PartName;
    public override string DisplayName => "Đường dẫn";
    public override string? EditorView => "/Content/Parts/Route/Edit.cshtml";
    public override bool StoredInColumns => true;

    public sealed class Data
    {
        public string? Slug { get; set; }
    }

    public override object DataIn(ContentDraft draft) => draft.Route;

    public override void ClearIn(ContentDraft draft) => draft.Route.Slug = null;

    public override (string At, string Message)? RequiredBy(ContentTypeSettings settings) => settings.SlugPattern is null ? null
        : ("settings.slugPattern", $"mẫu đường dẫn cần thành phần \"{PartName}\" (Đường dẫn); thêm {{ \"name\": \"{PartName}\" }} vào parts");

    protected override void Normalize(Data d) => d.Slug = string.IsNullOrWhiteSpace(d.Slug) ? null : Vietnamese.Nfc(d.Slug).Trim().ToLowerInvariant();

    /// <summary>Checks the format; then a slug another item holds is refused, and a missing one is made from the title.</summary>
    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        if (d.Slug is not null && !Vietnamese.IsValidSlug(d.Slug))
        {
            return [new("Slug", $"Đường dẫn “{d.Slug}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: dang-ky-tam-tru).")];
        }
        if (d.Slug is { } wanted)
        {
            return await OwnerAsync(c, wanted, ct) is { } owner
                ? [new("Slug", $"Đường dẫn “{wanted}” đã được dùng cho “{owner}”. Hãy chọn đường dẫn khác.")]
                : [];
        }
        var baseSlug = Vietnamese.Slugify(c.Draft?.Common.Title ?? "");
        if (baseSlug.Length == 0)
        {
            baseSlug = "bai-viet";
        }
        var candidate = baseSlug;
        for (var n = 2; await OwnerAsync(c, candidate, ct) is not null; n++)
        {
            candidate = $"{baseSlug}-{n}";
        }
        d.Slug = candidate;
        return [];
    }

    /// <summary>A slug another item took since the old version was written is dropped: a fresh one is made from the title.</summary>
    protected override async Task PrepareRestoreAsync(Data d, PartContext c, CancellationToken ct)
    {
        if (d.Slug is { } slug && await OwnerAsync(c, slug, ct) is not null)
        {
            d.Slug = null;
        }
    }

    /// <summary>The title of another item of the site that holds the slug (as its draft or its public address), if any.</summary>
    private static Task<string?> OwnerAsync(PartContext c, string slug, CancellationToken ct) =>
        c.Db.ContentItems.Where(i => i.SiteId == c.SiteId && i.Id != c.ItemId && (i.Slug == slug || i.PublishedSlug == slug))
            .Select(i => i.Title).FirstOrDefaultAsync(ct);

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Đường dẫn", d.Slug ?? "");
    }
}
