using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Engagement;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>
/// An item's page ("/cchc/{slug}"): the title and date line, then each of the type's parts in the zones
/// it fills (<see cref="ItemZone"/>) in the type's order, the citizens' approved comments and the feedback form.
/// </summary>
[AllowAnonymous]
[PublicReadModel.Page]
public sealed class ItemModel(SiteContext sites, PublishedContent published, PublicReadModel readModel, ContentPartRegistry parts,
    MarkdownRenderer markdown, WardDbContext db, PublicCatalog catalog) : PublicContentPage(sites, published, readModel, parts, catalog, db)
{
    public const int WordsPerMinute = 200;
    public const int MaxComments = 20;

    /// <summary>The item's data as the read model holds it (shared between requests: read only).</summary>
    public ItemView View { get; private set; } = null!;
    public PublishedPage Item => View.Page;
    public ItemPageData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await UseTypeAsync(ct) || RouteData.Values[PublicContentRoutes.SlugKey] is not string slug)
        {
            return NotFound();
        }
        var view = await ReadModel.GetAsync($"item:{Site.Id}:{Type.Name}:{slug}", (this, slug), static (s, ct) => s.Item1.LoadAsync(s.slug, ct), ct, Site.Id);
        if (view is null)
        {
            return NotFound();
        }
        View = view;
        Data = new ItemPageData(Site, view.Page, view.BodyHtml, view.ReadingMinutes, SectionPath, SectionTitle);
        CanonicalUrl = PublicUrls.Absolute(Request, view.Page.Url);
        // Counted by PageViewCounting outside the output cache, so cached hits count too.
        Response.Headers[PageViewCounting.Header] = $"{Site.Id}:{view.Page.Item.Id}";
        return Page();
    }

    /// <summary>The parts that fill a zone, in the type's order, as their views' models.</summary>
    public IEnumerable<PartDisplayModel> In(string zone) =>
        View.Parts.Where(p => p.Part.DisplayZones.Contains(zone)).Select(p => new PartDisplayModel(p.Part, p.TypePart, p.Data, p.Loaded, zone, Data));

    /// <summary>The image for link previews: the first a part offers (the cover's 1200×630 crop), else none.</summary>
    public IShareImage? ShareImage => View.Parts.Select(p => p.Loaded).OfType<IShareImage>().FirstOrDefault();

    /// <summary>Everything an item page shows, from the database; shared between requests by the read model.</summary>
    public sealed record ItemView(PublishedPage Page, string BodyHtml, int ReadingMinutes, IReadOnlyList<PartView> Parts,
        IReadOnlyList<PublicComment> Comments, int CommentCount) : PublicReadModel.ISized
    {
        public long ApproximateBytes => 4096 + 2L * (Page.Version.Body.Length + Page.Version.PartsJson.Length + BodyHtml.Length
            + Comments.Sum(c => (long)c.Text.Length)) + Parts.Sum(p => p.Loaded is IApproximateSize s ? s.ApproximateBytes : 256);

        /// <summary>The JSON-LD block last built for this item (replaced whole, so readers never see half of it).</summary>
        public volatile ArticleJsonLd.Memo? JsonLd;
    }

    /// <summary>A part of the item with a display view: its data and what it loaded for the page.</summary>
    public sealed record PartView(ContentPartDefinition Part, ContentTypePart TypePart, object Data, object? Loaded);

    private async Task<ItemView?> LoadAsync(string slug, CancellationToken ct)
    {
        // One connection for the loader's queries (the page opens none when the read model has the item).
        await Db.Database.OpenConnectionAsync(ct);
        var item = await Published.FindAsync(Site.Id, Type, slug, ct);
        if (item is null)
        {
            return null;
        }
        var body = markdown.Render(item.Version.Body, await BodyImagesAsync(item.Version.Body, ct));
        var views = new List<PartView>();
        foreach (var (part, typePart) in Parts.Of(Type).Where(x => x.Part.DisplayView is not null && x.Part.DisplayZones.Count > 0))
        {
            var data = part.DataIn(item.Draft);
            var loaded = await part.LoadDisplayAsync(new PartDisplayContext(Site, Type, typePart, item, data, Db, HttpContext.RequestServices), ct);
            views.Add(new PartView(part, typePart, data, loaded));
        }
        var approved = Db.Set<WardCms.Core.Engagement.Feedback>().AsNoTracking()
            .Where(f => f.ContentItemId == item.Item.Id && f.Status == FeedbackStatus.Approved && f.Comment != null && f.Comment != "");
        var comments = await approved.OrderByDescending(f => f.CreatedUtc).ThenByDescending(f => f.Id).Take(MaxComments)
            .Select(f => new PublicComment(f.CreatedUtc, f.Helpful, f.PublicComment ?? f.Comment!, f.Reply)).ToListAsync(ct);
        var commentCount = comments.Count < MaxComments ? comments.Count : await approved.CountAsync(ct);
        return new ItemView(item, body.Html, Math.Max(1, (int)Math.Ceiling(body.Words / (double)WordsPerMinute)), views, comments, commentCount);
    }

    /// <summary>The library images of a body (key → descriptor) for responsive pictures; live assets of this site only.</summary>
    private async Task<IReadOnlyDictionary<string, WardCms.Core.Media.MediaDescriptor>?> BodyImagesAsync(string body, CancellationToken ct)
    {
        var keys = markdown.MediaKeysIn(body);
        if (keys.Count == 0)
        {
            return null;
        }
        var rows = await Db.Set<WardCms.Core.Media.MediaAssetFile>().AsNoTracking()
            .Where(f => keys.Contains(f.Key) && !f.Asset!.IsDeleted && f.Asset.SiteId == Site.Id && f.Asset.Kind == WardCms.Core.Media.MediaKind.Image)
            .Select(f => new { f.Key, f.Asset!.DescriptorJson })
            .ToListAsync(ct);
        return rows.DistinctBy(r => r.Key).ToDictionary(r => r.Key, r => new WardCms.Core.Media.MediaAsset { DescriptorJson = r.DescriptorJson }.Descriptor, StringComparer.Ordinal);
    }

    /// <summary>Citizens' comments that staff approved, newest first (at most <see cref="MaxComments"/>).</summary>
    public IReadOnlyList<PublicComment> Comments => View.Comments;

    public int CommentCount => View.CommentCount;

    /// <summary>An approved comment as the moderator left it (edited or redacted text, never the original then) and the ward's reply.</summary>
    public sealed record PublicComment(DateTime CreatedUtc, bool Helpful, string Text, string? Reply);

    public string ShareZalo => PublicUrls.ZaloShare + Uri.EscapeDataString(CanonicalUrl);
    public string ShareFacebook => PublicUrls.FacebookShare + Uri.EscapeDataString(CanonicalUrl);
}
