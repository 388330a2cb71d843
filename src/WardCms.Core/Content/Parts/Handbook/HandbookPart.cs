using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Place of an entry in the e-handbook.</summary>
public sealed class HandbookPart : ContentPartDefinition<HandbookPart.Data>
{
    public const string PartName = "handbook";

    public override string Name => PartName;
    public override string DisplayName => "Cẩm nang";
    public override string? EditorView => "/Content/Parts/Handbook/Edit.cshtml";

    public sealed class Data
    {
        public string Chapter { get; set; } = "";
        public int Order { get; set; }
        /// <summary>Months between reviews; null uses the site default.</summary>
        public int? ReviewMonths { get; set; }
    }

    protected override void Normalize(Data d) => d.Chapter = Vietnamese.Nfc(d.Chapter).Trim();

    public override IReadOnlyDictionary<string, (string Label, string Expected)> InputLabels { get; } = new Dictionary<string, (string, string)>
    {
        ["Order"] = ("Thứ tự trong chương", "một số nguyên từ 0 đến 10000"),
        ["ReviewMonths"] = ("Chu kỳ rà soát", "số tháng từ 1 đến 60"),
    };

    /// <summary>The chapters the type's entries already use (to pick from) and the site's review period.</summary>
    public sealed class Choices
    {
        public List<string> Chapters { get; init; } = [];
        public int DefaultReviewMonths { get; init; } = 6;
    }

    public override async Task<object?> LoadChoicesAsync(PartChoicesContext c, CancellationToken ct)
    {
        var json = await c.Db.ContentItems.AsNoTracking().Where(i => i.SiteId == c.Site.Id && i.ContentType == c.Type.Name && !i.IsDeleted)
            .Join(c.Db.ContentVersions, i => i.LatestVersionId, v => v.Id, (i, v) => v.PartsJson).ToListAsync(ct);
        return new Choices
        {
            Chapters = json.Select(j => (System.Text.Json.Nodes.JsonNode.Parse(j) as System.Text.Json.Nodes.JsonObject)?[PartName]?["chapter"]?.GetValue<string>())
                .OfType<string>().Where(x => x.Length > 0).Distinct().Order(StringComparer.Create(PublishedContent.Vi, false)).ToList(),
            DefaultReviewMonths = c.Site.HandbookReviewMonths,
        };
    }

    protected override Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        if (d.Chapter.Length == 0)
        {
            errors.Add(new(Field("Chapter"), "Chọn hoặc nhập chương của cẩm nang."));
        }
        if (d.Order is < 0 or > 10_000)
        {
            errors.Add(new(Field("Order"), "Thứ tự phải từ 0 đến 10000."));
        }
        if (d.ReviewMonths is < 1 or > 60)
        {
            errors.Add(new(Field("ReviewMonths"), "Chu kỳ rà soát phải từ 1 đến 60 tháng."));
        }
        return Task.FromResult<IReadOnlyList<ContentError>>(errors);
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Chương", d.Chapter);
        yield return ("Thứ tự", d.Order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Chu kỳ rà soát (tháng)", d.ReviewMonths?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }
}
