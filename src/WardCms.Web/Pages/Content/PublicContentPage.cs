using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>What the section, topic and item pages share: the site, the type the address belongs to (<see cref="PublicContentRoutes"/>), its section.</summary>
public abstract class PublicContentPage(SiteContext sites, PublishedContent published, PublicReadModel readModel, ContentPartRegistry parts,
    PublicCatalog catalog, WardCms.Core.Data.WardDbContext db) : PageModel
{
    public const int PageSize = 12;

    protected PublicReadModel ReadModel => readModel;
    protected PublishedContent Published => published;
    protected PublicCatalog Catalog => catalog;
    protected WardCms.Core.Data.WardDbContext Db => db;
    public ContentPartRegistry Parts => parts;

    public Site Site { get; private set; } = null!;
    public ContentTypeDefinition Type { get; private set; } = null!;
    public string SectionTitle { get; private set; } = "";
    public string SectionPath { get; private set; } = "";
    public string CanonicalUrl { get; protected set; } = "";
    /// <summary>The page's feeds: "{FeedPath}/rss.xml", "{FeedPath}/atom.xml".</summary>
    public string? FeedPath { get; protected set; }

    /// <summary>The type the routes chose; false when the page was reached any other way.</summary>
    protected async Task<bool> UseTypeAsync(CancellationToken ct)
    {
        if (RouteData.Values[PublicContentRoutes.TypeKey] is not string name)
        {
            return false;
        }
        // The site was resolved before the page ran (SiteOfRequest): no query.
        if (await FindTypeAsync(name, ct) is not { } type)
        {
            return false;
        }
        UseType(type);
        return true;
    }

    /// <summary>The site's type named <paramref name="name"/>, from the read model; null when the site has none.</summary>
    protected async Task<ContentTypeDefinition?> FindTypeAsync(string name, CancellationToken ct)
    {
        await UseSiteAsync(ct);
        var types = await readModel.GetAsync("types:" + Site.Id, (published, Site.Id), static (s, ct) => s.published.TypesAsync(s.Id, ct), ct, Site.Id);
        return types.FirstOrDefault(t => t.Name == name);
    }

    /// <summary>The request's site (resolved before the page ran, by SiteOfRequest: no query).</summary>
    protected async Task<Site> UseSiteAsync(CancellationToken ct) => Site = await sites.GetAsync(Request.Host.Host, ct);

    protected void UseType(ContentTypeDefinition type)
    {
        Type = type;
        SectionTitle = type.Settings.SectionTitle ?? type.DisplayName;
        SectionPath = type.Settings.EffectiveSectionPath ?? "/";
        FeedPath = SectionPath.TrimEnd('/');
    }

    /// <summary>What a section or topic page shows: the list of cards (or a part's replacement of it) and the parts' own pieces; shared by the read model.</summary>
    public sealed record ListView(PagedList<PublicCard>? List, IReadOnlyList<PublicCard> Featured, IReadOnlyList<PartSection> Parts) : PublicReadModel.ISized
    {
        /// <summary>A part fills the Main zone (the handbook's table of contents): no list of cards.</summary>
        public bool HasMain => Parts.Any(p => p.Part.SectionZones.Contains(SectionZone.Main));

        public long ApproximateBytes => 4096 + 2L * (Cards(List?.Items ?? []) + Cards(Featured))
            + Parts.Sum(p => p.Loaded is IApproximateSize s ? s.ApproximateBytes : 1024);
    }

    /// <summary>A part's loaded piece of a section or topic page.</summary>
    public sealed record PartSection(ContentPartDefinition Part, ContentTypePart TypePart, object Loaded);

    // The strings of a list of cards (bodies included: feeds use them).
    protected static long Cards(IEnumerable<PublicCard> cards) =>
        cards.Sum(c => (long)c.Title.Length + c.Summary.Length + c.Body.Length + c.Url.Length + c.PartsJson.Length);

    /// <summary>A section's or a topic's page of cards, with what the type's parts add (or put in its place).</summary>
    protected async Task<ListView?> LoadListAsync(Term? topic, int page, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct); // one connection for the loader's queries
        var pieces = new List<PartSection>();
        foreach (var (part, typePart) in parts.Of(Type).Where(x => x.Part.SectionView is not null && x.Part.SectionZones.Count > 0))
        {
            var context = new PartSectionContext(Site, Type, typePart, topic, page, db, HttpContext.RequestServices);
            if (await part.LoadSectionAsync(context, ct) is { } loaded)
            {
                pieces.Add(new PartSection(part, typePart, loaded));
            }
        }
        var view = new ListView(null, [], pieces);
        if (view.HasMain)
        {
            return view; // the part's view is the whole page (and pages itself, if it pages)
        }
        var list = await catalog.ListAsync(Site.Id, Type, page, PageSize, topic?.Id, ct);
        if (page < 1 || page > list.Pages)
        {
            return null;
        }
        var featured = topic is null && page == 1 ? await catalog.FeaturedAsync(Site.Id, Type, 3, ct) : [];
        return view with { List = list, Featured = featured };
    }
}

/// <summary>What the shared listing (section and topic pages) renders.</summary>
public sealed record ListingModel(PublicContentPage Page, PublicContentPage.ListView View, Term? Topic, string PagePath);
