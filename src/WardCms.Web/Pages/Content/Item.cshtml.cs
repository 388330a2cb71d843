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
    MarkdownRenderer markdown, WardDbContext db, PublicCatalog catalog, PreviewLinks previews, TimeProvider clock) : PublicContentPage(sites, published, readModel, parts, catalog, db)
{
    /// <summary>The route value of a preview link's token (<see cref="PreviewLinks"/>): the page then shows that saved version.</summary>
    public const string PreviewTokenKey = "token";

    public const int WordsPerMinute = 200;
    public const int MaxComments = 20;

    /// <summary>The item's data as the read model holds it (shared between requests: read only).</summary>
    public ItemView View { get; private set; } = null!;
    public PublishedPage Item => View.Page;
    public ItemPageData Data { get; private set; } = null!;

    /// <summary>The preview link this page was opened by; null for the public page.</summary>
    public PreviewLinks.Link? Preview { get; private set; }
    public bool IsPreview => Preview is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (RouteData.Values[PreviewTokenKey] is string token)
        {
            return await PreviewAsync(token, ct);
        }
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

    /// <summary>
    /// A draft's version as citizens would see it, by a preview link: no comments, feedback form, sharing
    /// or page-view count; never cached, never indexed, and no Referer carrying the token to the links in it.
    /// A link altered or of another site is a 404; an expired one, or one whose item went to the trash, a 410.
    /// </summary>
    private async Task<IActionResult> PreviewAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var site = await UseSiteAsync(ct);
        if (previews.Read(token) is not { } link || link.SiteId != site.Id)
        {
            return NotFound();
        }
        var item = await Db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == link.ItemId, ct);
        var version = item is null ? null
            : await Db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == link.VersionId && v.ContentItemId == item.Id, ct);
        if (item is null || version is null)
        {
            return NotFound();
        }
        if (previews.HasExpired(link) || item.IsDeleted)
        {
            HttpContext.Items[Setup.ErrorResponses.MessageItem] = item.IsDeleted
                ? "Bài này đã được chuyển vào thùng rác nên liên kết xem trước không còn dùng được."
                : $"Liên kết xem trước này đã hết hạn lúc {PublishedContent.FormatDateTime(link.ExpiresUtc.UtcDateTime)}. Xin người gửi tạo liên kết mới.";
            return StatusCode(StatusCodes.Status410Gone);
        }
        if (await FindTypeAsync(item.ContentType, ct) is not { } type)
        {
            return NotFound();
        }
        UseType(type);
        Preview = link;
        // Dated as it would be if published now (a published item keeps its first date).
        item.FirstPublishedUtc ??= clock.GetUtcNow().UtcDateTime;
        var unit = version.UnitId is { } u ? await Db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var terms = await Db.ContentItemTerms.Where(x => x.ContentItemId == item.Id && !x.Published)
            .Join(Db.Terms, x => x.TermId, t => t.Id, (x, t) => t).OrderBy(t => t.Order).AsNoTracking().ToListAsync(ct);
        var page = new PublishedPage(type, item, version, ContentDraft.FromVersion(version, type, Parts), unit, terms);
        View = await BuildViewAsync(page, comments: false, ct);
        Data = new ItemPageData(Site, page, View.BodyHtml, View.ReadingMinutes, SectionPath, SectionTitle);
        return Page();
    }

    private async Task<ItemView?> LoadAsync(string slug, CancellationToken ct)
    {
        // One connection for the loader's queries (the page opens none when the read model has the item).
        await Db.Database.OpenConnectionAsync(ct);
        var item = await Published.FindAsync(Site.Id, Type, slug, ct);
        return item is null ? null : await BuildViewAsync(item, comments: true, ct);
    }

    private async Task<ItemView> BuildViewAsync(PublishedPage item, bool comments, CancellationToken ct)
    {
        var body = markdown.Render(item.Version.Body, await BodyImagesAsync(item.Version.Body, ct));
        var views = new List<PartView>();
        foreach (var (part, typePart) in Parts.Of(Type).Where(x => x.Part.DisplayView is not null && x.Part.DisplayZones.Count > 0))
        {
            var data = part.DataIn(item.Draft);
            var loaded = await part.LoadDisplayAsync(new PartDisplayContext(Site, Type, typePart, item, data, Db, HttpContext.RequestServices), ct);
            views.Add(new PartView(part, typePart, data, loaded));
        }
        var minutes = Math.Max(1, (int)Math.Ceiling(body.Words / (double)WordsPerMinute));
        if (!comments)
        {
            return new ItemView(item, body.Html, minutes, views, [], 0);
        }
        var approved = Db.Set<WardCms.Core.Engagement.Feedback>().AsNoTracking()
            .Where(f => f.ContentItemId == item.Item.Id && f.Status == FeedbackStatus.Approved && f.Comment != null && f.Comment != "");
        var shown = await approved.OrderByDescending(f => f.CreatedUtc).ThenByDescending(f => f.Id).Take(MaxComments)
            .Select(f => new PublicComment(f.CreatedUtc, f.Helpful, f.PublicComment ?? f.Comment!, f.Reply)).ToListAsync(ct);
        var commentCount = shown.Count < MaxComments ? shown.Count : await approved.CountAsync(ct);
        return new ItemView(item, body.Html, minutes, views, shown, commentCount);
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
