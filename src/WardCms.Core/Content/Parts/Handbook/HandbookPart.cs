using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Place of an entry in the e-handbook.</summary>
public sealed class HandbookPart : ContentPartDefinition<HandbookPart.Data>
{
    public const string PartName = "handbook";

    public override string Name => PartName;
    public override string DisplayName => "Cẩm nang";
    public override string? EditorView => "/Content/Parts/Handbook/Edit.cshtml";
    public override string? DisplayView => "/Content/Parts/Handbook/Display.cshtml";
    public override IReadOnlyList<string> DisplayZones { get; } = [ItemZone.Kicker, ItemZone.Header, ItemZone.Navigation, ItemZone.Aside];
    public override string? SectionView => "/Content/Parts/Handbook/Section.cshtml";
    public override IReadOnlyList<string> SectionZones { get; } = [SectionZone.Main];

    /// <summary>A chapter of the table of contents: chapters in order of their smallest entry order, entries by order.</summary>
    public sealed record Chapter(string Title, IReadOnlyList<PublicCard> Entries);

    // Ties go by Vietnamese alphabetical order (Đ right after D), as a reader scanning the list expects.
    private static readonly StringComparer Alphabetical = StringComparer.Create(PublishedContent.Vi, ignoreCase: false);

    /// <summary>The table of contents of a type's published entries (each card's own handbook data decides its place).</summary>
    public IReadOnlyList<Chapter> TableOfContents(IEnumerable<PublicCard> entries) =>
        entries.Select(e => (Entry: e, Place: e.DataOf<Data>(this)))
            .GroupBy(e => e.Place.Chapter is { Length: > 0 } c ? c : "Khác")
            .Select(g => (Title: g.Key, Entries: g.OrderBy(e => e.Place.Order).ThenBy(e => e.Entry.Title, Alphabetical).ToList()))
            .OrderBy(c => c.Entries.Min(e => e.Place.Order)).ThenBy(c => c.Title, Alphabetical)
            .Select(c => new Chapter(c.Title, c.Entries.Select(e => e.Entry).ToList()))
            .ToList();

    /// <summary>The section page: the whole table of contents instead of lists (one page whatever ?trang says); a topic page keeps its list.</summary>
    public sealed record Contents(IReadOnlyList<Chapter> Chapters) : IApproximateSize
    {
        public long ApproximateBytes => 1024 + Chapters.Sum(c => c.Entries.Sum(e => 2L * (e.Title.Length + e.Summary.Length + e.Body.Length + e.PartsJson.Length)));
    }

    public override async Task<object?> LoadSectionAsync(PartSectionContext c, CancellationToken ct) => c.Topic is not null ? null
        : new Contents(TableOfContents(await c.Services.GetRequiredService<PublicCatalog>().AllAsync(c.Site.Id, c.Type, 1000, ct)));

    /// <summary>An entry's page: its chapter, its review dates, the entries before and after it and the rest of its chapter.</summary>
    public sealed record Place(Data Entry, Handbook.HandbookReviewStatus? Review, PublicCard? Previous, PublicCard? Next, IReadOnlyList<PublicCard> SameChapter) : IApproximateSize
    {
        public long ApproximateBytes => 1024 + SameChapter.Sum(e => 2L * (e.Title.Length + e.Summary.Length + e.Body.Length + e.PartsJson.Length));
    }

    public override async Task<object?> LoadDisplayAsync(PartDisplayContext c, CancellationToken ct)
    {
        var entry = (Data)c.Data;
        var review = await c.Services.GetRequiredService<Handbook.HandbookReviewService>().StatusAsync(c.Site.Id, c.Page.Item.Id, ct);
        var chapters = TableOfContents(await c.Services.GetRequiredService<PublicCatalog>().AllAsync(c.Site.Id, c.Type, 1000, ct));
        var order = chapters.SelectMany(x => x.Entries).ToList();
        var at = order.FindIndex(e => e.Id == c.Page.Item.Id);
        var chapter = chapters.FirstOrDefault(x => x.Entries.Any(e => e.Id == c.Page.Item.Id));
        return new Place(entry, review, at > 0 ? order[at - 1] : null, at >= 0 && at < order.Count - 1 ? order[at + 1] : null,
            chapter?.Entries.Where(e => e.Id != c.Page.Item.Id).Take(6).ToList() ?? []);
    }

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
