using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Terms of a taxonomy (the plan's topics by default).</summary>
public sealed class TopicsPart : ContentPartDefinition<TopicsPart.Data>
{
    public const string PartName = "topics";

    public override string Name => PartName;
    public override string DisplayName => "Chủ đề";
    public override string? EditorView => "/Content/Parts/Topics/Edit.cshtml";

    public sealed class Data
    {
        public List<int> TermIds { get; set; } = [];
    }

    /// <summary>The taxonomy whose terms the part offers: its "taxonomy" setting, by default "topics".</summary>
    public static string TaxonomyOf(System.Text.Json.Nodes.JsonObject? settings) =>
        settings?["taxonomy"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var key) ? key : "topics";

    public static string TaxonomyKey(PartContext c) => TaxonomyOf(c.Settings);

    public override IReadOnlyDictionary<string, (string Label, string Expected)> InputLabels { get; } = new Dictionary<string, (string, string)>
    {
        ["TermIds"] = ("Chủ đề", "một chủ đề trong danh sách"),
    };

    public sealed record TermChoice(int Id, string Name, string Description);

    public sealed class Choices
    {
        public List<TermChoice> Terms { get; init; } = [];
    }

    public override async Task<object?> LoadChoicesAsync(PartChoicesContext c, CancellationToken ct)
    {
        var key = TaxonomyOf(c.TypePart.Settings);
        return new Choices
        {
            Terms = await c.Db.Terms.AsNoTracking().Where(t => t.Taxonomy!.SiteId == c.Site.Id && t.Taxonomy.Key == key).OrderBy(t => t.Order)
                .Select(t => new TermChoice(t.Id, t.Name, t.Description)).ToListAsync(ct),
        };
    }

    /// <summary>One ContentItemTerm row per term (topic pages, related items and the plan's topic filters read them).</summary>
    protected override async Task WriteLinksAsync(PartLinkContext c, Data? d, CancellationToken ct)
    {
        await c.Db.ContentItemTerms.Where(x => x.ContentItemId == c.ItemId && x.Published == c.Published).ExecuteDeleteAsync(ct);
        if (d is not null)
        {
            c.Db.ContentItemTerms.AddRange(d.TermIds.Select(t => new ContentItemTerm { ContentItemId = c.ItemId, TermId = t, Published = c.Published }));
        }
    }

    protected override void Normalize(Data d) => d.TermIds = d.TermIds.Distinct().ToList();

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        if (d.TermIds.Count == 0)
        {
            return c.Settings?["required"]?.GetValue<bool>() == true ? [new(Field("TermIds"), "Chọn ít nhất một chủ đề.")] : [];
        }
        var key = TaxonomyKey(c);
        var known = await c.Db.Terms.Where(t => d.TermIds.Contains(t.Id) && t.Taxonomy!.Key == key && t.Taxonomy.SiteId == c.SiteId)
            .Select(t => t.Id).ToListAsync(ct);
        var unknown = d.TermIds.Except(known).ToList();
        return unknown.Count == 0 ? [] : [new(Field("TermIds"), $"Chủ đề không tồn tại: {string.Join(", ", unknown)}.")];
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Chủ đề", string.Join("; ", d.TermIds.Select(id => c.TermNames.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.Ordinal)));
    }
}
