using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Terms of a taxonomy (the plan's topics by default).</summary>
public sealed class TopicsPart : ContentPartDefinition<TopicsPart.Data>
{
    public const string PartName = "topics";

    public override string Name => PartName;
    public override string DisplayName => "Chủ đề";
    public override string? EditorView => "/Content/Parts/Topics/Edit.cshtml";
    public override string? DisplayView => "/Content/Parts/Topics/Display.cshtml";
    public override IReadOnlyList<string> DisplayZones { get; } = [ItemZone.Footer, ItemZone.Aside];
    public override string? SectionView => "/Content/Parts/Topics/Section.cshtml";
    public override IReadOnlyList<string> SectionZones { get; } = [SectionZone.Nav, SectionZone.End];

    // ---- Topic pages: {section}/chu-de/{term} for every type with this part ----

    public const string TopicSegment = "chu-de";

    public static string TopicPath(string sectionPath, string termSlug) => $"{sectionPath.TrimEnd('/')}/{TopicSegment}/{termSlug}";

    /// <summary>"/cchc/chu-de/mot-cua": the type (with this part and a section) and the term's slug, or null.</summary>
    public (ContentTypeDefinition Type, string TermSlug)? TopicRoute(IEnumerable<ContentTypeDefinition> types, string path)
    {
        foreach (var type in types)
        {
            if (type.Settings.EffectiveSectionPath is not { Length: > 0 } section || !IsIn(type))
            {
                continue;
            }
            var prefix = section.TrimEnd('/') + "/" + TopicSegment + "/";
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path[prefix.Length..] is { Length: > 0 } slug && !slug.Contains('/'))
            {
                return (type, slug.ToLowerInvariant());
            }
        }
        return null;
    }

    /// <summary>The item page's related items: the newest items of the type sharing a topic with it.</summary>
    public sealed record Related(IReadOnlyList<PublicCard> Items) : IApproximateSize
    {
        public long ApproximateBytes => 512 + Items.Sum(c => 2L * (c.Title.Length + c.Summary.Length + c.Body.Length + c.Url.Length + c.PartsJson.Length));
    }

    public override async Task<object?> LoadDisplayAsync(PartDisplayContext c, CancellationToken ct) =>
        new Related(await c.Services.GetRequiredService<PublicCatalog>().RelatedAsync(c.Site.Id, c.Type, c.Page.Item.Id, 4, ct));

    /// <summary>A section's or topic page's topic links and, on a section's first page, a block of the newest items per topic.</summary>
    public sealed record Topics(IReadOnlyList<Term> Terms, IReadOnlyList<(Term Term, IReadOnlyList<PublicCard> Items)> Blocks) : IApproximateSize
    {
        public long ApproximateBytes => 1024 + Terms.Sum(t => 2L * (t.Name.Length + t.Description.Length))
            + Blocks.Sum(b => b.Items.Sum(c => 2L * (c.Title.Length + c.Summary.Length + c.Body.Length + c.PartsJson.Length)));
    }

    public override async Task<object?> LoadSectionAsync(PartSectionContext c, CancellationToken ct)
    {
        var catalog = c.Services.GetRequiredService<PublicCatalog>();
        var terms = await catalog.TermsForAsync(c.Site.Id, c.Type, ct);
        var blocks = new List<(Term, IReadOnlyList<PublicCard>)>();
        if (c.Topic is null && c.Page == 1)
        {
            foreach (var term in terms)
            {
                var items = await catalog.ListAsync(c.Site.Id, c.Type, 1, 3, term.Id, ct);
                if (items.Items.Count > 0)
                {
                    blocks.Add((term, items.Items));
                }
            }
        }
        return terms.Count == 0 ? null : new Topics(terms, blocks);
    }

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
