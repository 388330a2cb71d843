using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Title, summary, Markdown body, author and unit; stored in version columns.</summary>
public sealed class CommonPart : ContentPartDefinition<CommonPart.Data>
{
    public const string PartName = "common";
    public const int MaxTitle = 300;
    public const int MaxSummary = 1000;
    public const int MaxBody = 200_000;

    public override string Name => PartName;
    public override string DisplayName => "Thông tin chung";
    public override string? EditorView => "/Content/Parts/Common/Edit.cshtml";
    public override string? DisplayView => "/Content/Parts/Common/Display.cshtml";
    public override IReadOnlyList<string> DisplayZones { get; } = [ItemZone.Lead, ItemZone.Body];
    public override bool StoredInColumns => true;

    public override object DataIn(ContentDraft draft) => draft.Common;

    public override void ClearIn(ContentDraft draft)
    {
    }

    public override (string At, string Message)? RequiredBy(ContentTypeSettings settings) =>
        ("parts", $"mỗi loại nội dung phải có thành phần \"{PartName}\" (Thông tin chung: tiêu đề, tóm tắt, nội dung); thêm {{ \"name\": \"{PartName}\" }}");

    public override IReadOnlyDictionary<string, (string Label, string Expected)> InputLabels { get; } = new Dictionary<string, (string, string)>
    {
        ["UnitId"] = ("Phòng, đơn vị", "một phòng trong danh sách"),
    };

    /// <summary>The units the person editing may file the item under.</summary>
    public sealed class Choices
    {
        public List<(int Id, string Name)> Units { get; init; } = [];
    }

    public override async Task<object?> LoadChoicesAsync(PartChoicesContext c, CancellationToken ct)
    {
        var units = await c.Db.Units.AsNoTracking().Where(u => u.SiteId == c.Site.Id).OrderBy(u => u.Order)
            .Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        // Editors limited to their unit may only file under it (or keep the unit the item already has).
        return new Choices { Units = units.Where(u => c.UnitAllowed(u.Id) || u.Id == c.CurrentUnitId).Select(u => (u.Id, u.Name)).ToList() };
    }

    public sealed class Data
    {
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Body { get; set; } = "";
        public string AuthorName { get; set; } = "";
        public int? UnitId { get; set; }
    }

    protected override void Normalize(Data d)
    {
        // Cleaned as all input is (TextInput): no control characters, bidirectional overrides or CR; NFC.
        d.Title = TextInput.CleanLine(d.Title);
        d.Summary = TextInput.Clean(d.Summary).Trim();
        d.Body = TextInput.Clean(d.Body);
        d.AuthorName = TextInput.CleanLine(d.AuthorName);
    }

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        if (d.Title.Length == 0)
        {
            errors.Add(new("Title", "Tiêu đề không được để trống."));
        }
        else if (d.Title.Length > MaxTitle)
        {
            errors.Add(new("Title", $"Tiêu đề dài {d.Title.Length} ký tự, tối đa {MaxTitle} ký tự."));
        }
        if (d.Summary.Length > MaxSummary)
        {
            errors.Add(new("Summary", $"Tóm tắt dài {d.Summary.Length} ký tự, tối đa {MaxSummary} ký tự."));
        }
        if (d.Body.Length > MaxBody)
        {
            errors.Add(new("Body", $"Nội dung dài {d.Body.Length:N0} ký tự, tối đa {MaxBody:N0} ký tự."));
        }
        if (d.AuthorName.Length > 200)
        {
            errors.Add(new("AuthorName", "Tên tác giả tối đa 200 ký tự."));
        }
        if (d.UnitId is { } unitId && !await c.Db.Units.AnyAsync(u => u.Id == unitId && u.SiteId == c.SiteId, ct))
        {
            errors.Add(new("UnitId", "Phòng, đơn vị đã chọn không tồn tại."));
        }
        return errors;
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Tiêu đề", d.Title);
        yield return ("Tóm tắt", d.Summary);
        yield return ("Tác giả", d.AuthorName);
        yield return ("Nội dung", d.Body);
        yield return ("Phòng, đơn vị", d.UnitId is { } u ? c.UnitNames.GetValueOrDefault(u, "") : "");
    }
}
