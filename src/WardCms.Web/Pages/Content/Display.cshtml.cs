using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Content.Parts;
using WardCms.Core.Handbook;
using WardCms.Core.Engagement;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>
/// Every public content address, resolved from the content types' slug patterns (no code per type):
/// a section home, a topic page of a section ({section}/chu-de/{term}) or an item. What is shown
/// follows the parts a type declares (topics → topic blocks, handbook → table of contents).
/// </summary>
[AllowAnonymous]
[PublicReadModel.Page]
public sealed class DisplayModel(SiteContext sites, PublishedContent published, PublicCatalog catalog, HandbookReviewService reviews, MarkdownRenderer markdown,
    WardCms.Core.Data.WardDbContext db, PublicReadModel readModel, TimeProvider clock) : PageModel
{
    public const int PageSize = 12;
    public const int WordsPerMinute = 200;

    public Site Site { get; private set; } = null!;
    public ContentTypeDefinition Type { get; private set; } = null!;
    public string SectionTitle { get; private set; } = "";
    public string SectionPath { get; private set; } = "";
    public string PagePath { get; private set; } = "";

    // Section and topic pages.
    /// <summary>The section's or topic's listing as the read model holds it (shared between requests: read only).</summary>
    public ListView? Listing { get; private set; }
    public PagedList<PublicCard>? List => Listing?.List;
    public Term? Topic => Listing?.Topic;
    public IReadOnlyList<Term> Topics => Listing?.Topics ?? [];
    public IReadOnlyList<PublicCard> Featured => Listing?.Featured ?? [];
    public IReadOnlyList<(Term Term, IReadOnlyList<PublicCard> Items)> TopicBlocks => Listing?.TopicBlocks ?? [];
    public IReadOnlyList<HandbookChapter> Toc => Listing?.Toc ?? [];
    public bool IsHandbook { get; private set; }

    // Item pages.
    public PublishedPage? Item => View?.Page;
    /// <summary>The item's data as the read model holds it (shared between requests: read only).</summary>
    public ItemView? View { get; private set; }
    public string BodyHtml => View?.BodyHtml ?? "";
    public int ReadingMinutes => View?.ReadingMinutes ?? 0;
    public CoverImage? Cover => View?.Cover;
    /// <summary>The cover as a responsive picture when it comes from the media library.</summary>
    public WardCms.Core.Media.ResponsiveImage? CoverPicture => View?.CoverPicture;
    /// <summary>The 1200×630 crop for link previews (Zalo, Facebook), when the library made one.</summary>
    public string? OpenGraphImage => View?.OpenGraphImage;
    public IReadOnlyList<PublicCard> Related => View?.Related ?? [];
    public HandbookReviewStatus? Review => View?.Review;

    /// <summary>The entry's review date has passed: citizens are told the text awaits re-checking.</summary>
    public bool ReviewOverdue => Review?.IsOverdue(clock.GetUtcNow().UtcDateTime) == true;
    public PublicCard? Previous => View?.Previous;
    public PublicCard? Next => View?.Next;
    public HandbookPlace? Place => View?.Place;

    public string CanonicalUrl { get; private set; } = "";
    public string? FeedPath { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? path, [FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        Site = await sites.GetAsync(Request.Host.Host, ct); // resolved before the page ran (SiteOfRequest): no query
        var types = (await readModel.GetAsync("types:" + Site.Id, (published, Site.Id), static (s, ct) => s.published.TypesAsync(s.Id, ct), ct, Site.Id));
        var clean = "/" + (path ?? "").Trim('/');
        if (TopicRoute(types, clean) is { } topicRoute)
        {
            return await TopicAsync(topicRoute.Type, topicRoute.TermSlug, page, ct);
        }
        var route = PublishedContent.Resolve(types, clean);
        if (route is null)
        {
            return NotFound();
        }
        UseType(route.Type);
        return route.Slug is null ? await SectionAsync(page, ct) : await ItemAsync(route.Slug, ct);
    }

    /// <summary>"/cchc/chu-de/mot-cua" for a type with a topics part and section "/cchc".</summary>
    public static (ContentTypeDefinition Type, string TermSlug)? TopicRoute(IEnumerable<ContentTypeDefinition> types, string path)
    {
        foreach (var type in types)
        {
            if (type.Settings.EffectiveSectionPath is not { Length: > 0 } section || !type.HasPart(TopicsPart.PartName))
            {
                continue;
            }
            var prefix = section.TrimEnd('/') + "/" + PublicUrls.TopicSegment + "/";
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path[prefix.Length..] is { Length: > 0 } slug && !slug.Contains('/'))
            {
                return (type, slug.ToLowerInvariant());
            }
        }
        return null;
    }

    private void UseType(ContentTypeDefinition type)
    {
        Type = type;
        SectionTitle = type.Settings.SectionTitle ?? type.DisplayName;
        SectionPath = type.Settings.EffectiveSectionPath ?? "/";
        IsHandbook = type.HasPart(HandbookPart.PartName);
        FeedPath = SectionPath.TrimEnd('/');
    }

    private async Task<IActionResult> SectionAsync(int page, CancellationToken ct)
    {
        PagePath = SectionPath;
        CanonicalUrl = PublicUrls.Absolute(Request, page > 1 ? $"{SectionPath}?trang={page}" : SectionPath);
        // The handbook's home is its whole table of contents: one page whatever ?trang says.
        var key = IsHandbook ? $"section:{Site.Id}:{Type.Name}" : $"section:{Site.Id}:{Type.Name}:{page}";
        var view = await readModel.GetAsync(key, (this, page), static (s, ct) => s.Item1.LoadSectionAsync(s.page, ct), ct, Site.Id);
        if (view is null)
        {
            return NotFound();
        }
        Listing = view;
        return Page();
    }

    /// <summary>What a section home or a topic page lists; shared between requests by the read model.</summary>
    public sealed record ListView(IReadOnlyList<Term> Topics, Term? Topic, IReadOnlyList<HandbookChapter> Toc, PagedList<PublicCard>? List,
        IReadOnlyList<PublicCard> Featured, IReadOnlyList<(Term Term, IReadOnlyList<PublicCard> Items)> TopicBlocks) : PublicReadModel.ISized
    {
        public long ApproximateBytes => 4096 + 2L * (Cards(List?.Items ?? []) + Cards(Featured)
            + TopicBlocks.Sum(b => Cards(b.Items)) + Toc.Sum(c => Cards(c.Entries)));
    }

    // The strings of a list of cards (bodies included: feeds use them).
    private static long Cards(IEnumerable<PublicCard> cards) =>
        cards.Sum(c => (long)c.Title.Length + c.Summary.Length + c.Body.Length + c.Url.Length);

    private async Task<ListView?> LoadSectionAsync(int page, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var topics = await catalog.TermsForAsync(Site.Id, Type, ct);
        if (IsHandbook)
        {
            return new ListView(topics, null, HandbookChapter.Build(await catalog.AllAsync(Site.Id, Type, 1000, ct)), null, [], []);
        }
        var list = await catalog.ListAsync(Site.Id, Type, page, PageSize, ct: ct);
        if (page < 1 || page > list.Pages)
        {
            return null;
        }
        IReadOnlyList<PublicCard> featured = [];
        var blocks = new List<(Term, IReadOnlyList<PublicCard>)>();
        if (page == 1)
        {
            featured = await catalog.FeaturedAsync(Site.Id, Type, 3, ct);
            foreach (var term in topics)
            {
                var items = await catalog.ListAsync(Site.Id, Type, 1, 3, term.Id, ct);
                if (items.Items.Count > 0)
                {
                    blocks.Add((term, items.Items));
                }
            }
        }
        return new ListView(topics, null, [], list, featured, blocks);
    }

    private async Task<IActionResult> TopicAsync(ContentTypeDefinition type, string termSlug, int page, CancellationToken ct)
    {
        UseType(type);
        var view = await readModel.GetAsync($"topic:{Site.Id}:{type.Name}:{termSlug}:{page}", (this, termSlug, page),
            static (s, ct) => s.Item1.LoadTopicAsync(s.termSlug, s.page, ct), ct, Site.Id);
        if (view is null)
        {
            return NotFound();
        }
        Listing = view;
        PagePath = PublicUrls.TopicPath(SectionPath, view.Topic!.Slug);
        FeedPath = PagePath;
        CanonicalUrl = PublicUrls.Absolute(Request, page > 1 ? $"{PagePath}?trang={page}" : PagePath);
        return Page();
    }

    private async Task<ListView?> LoadTopicAsync(string termSlug, int page, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var topics = await catalog.TermsForAsync(Site.Id, Type, ct);
        if (topics.FirstOrDefault(t => t.Slug == termSlug) is not { } topic)
        {
            return null;
        }
        var list = await catalog.ListAsync(Site.Id, Type, page, PageSize, topic.Id, ct);
        return page < 1 || page > list.Pages ? null : new ListView(topics, topic, [], list, [], []);
    }

    private async Task<IActionResult> ItemAsync(string slug, CancellationToken ct)
    {
        var view = await readModel.GetAsync($"item:{Site.Id}:{Type.Name}:{slug}", (this, slug), static (s, ct) => s.Item1.LoadItemAsync(s.slug, ct), ct, Site.Id);
        if (view is null)
        {
            return NotFound();
        }
        View = view;
        CanonicalUrl = PublicUrls.Absolute(Request, view.Page.Url);
        // Counted by PageViewCounting outside the output cache, so cached hits count too.
        Response.Headers[PageViewCounting.Header] = $"{Site.Id}:{view.Page.Item.Id}";
        return Page();
    }

    /// <summary>Everything an item page shows, from the database; shared between requests by the read model.</summary>
    public sealed record ItemView(PublishedPage Page, string BodyHtml, int ReadingMinutes, CoverImage? Cover,
        WardCms.Core.Media.ResponsiveImage? CoverPicture, string? OpenGraphImage, IReadOnlyList<PublicCard> Related,
        HandbookPlace? Place, HandbookReviewStatus? Review, PublicCard? Previous, PublicCard? Next,
        IReadOnlyList<PublicComment> Comments, int CommentCount) : PublicReadModel.ISized
    {
        public long ApproximateBytes => 4096 + 2L * (Page.Version.Body.Length + Page.Version.PartsJson.Length + BodyHtml.Length
            + Cards(Related) + Comments.Sum(c => (long)c.Text.Length));

        /// <summary>The JSON-LD block last built for this item (replaced whole, so readers never see half of it).</summary>
        public volatile ArticleJsonLd.Memo? JsonLd;
    }

    private async Task<ItemView?> LoadItemAsync(string slug, CancellationToken ct)
    {
        // One connection for the loader's queries (the page opens none when the read model has the item).
        await db.Database.OpenConnectionAsync(ct);
        var item = await published.FindAsync(Site.Id, Type, slug, ct);
        if (item is null)
        {
            return null;
        }
        var body = markdown.Render(item.Version.Body, await BodyImagesAsync(item.Version.Body, ct));
        WardCms.Core.Media.ResponsiveImage? picture = null;
        string? openGraph = null;
        if (item.Draft.Parts.GetValueOrDefault(MediaPart.PartName) is MediaPart.Data { MediaKey: { } coverKey } media)
        {
            var asset = await db.Set<WardCms.Core.Media.MediaAssetFile>().Where(f => f.Key == coverKey && !f.Asset!.IsDeleted)
                .Select(f => f.Asset).FirstOrDefaultAsync(ct);
            if (asset is not null)
            {
                picture = WardCms.Core.Media.ResponsiveImage.For(asset, media.Alt, "(min-width: 800px) 760px, 100vw", "cover-image");
                openGraph = WardCms.Core.Media.MediaUrls.OpenGraph(asset.Descriptor);
            }
        }
        HandbookPlace? place = null;
        HandbookReviewStatus? review = null;
        PublicCard? previous = null, next = null;
        IReadOnlyList<PublicCard> related;
        if (IsHandbook)
        {
            place = item.Draft.Part<HandbookPart.Data>(HandbookPart.PartName) is { } h ? new HandbookPlace(h.Chapter, h.Order, h.ReviewMonths) : null;
            review = await reviews.StatusAsync(Site.Id, item.Item.Id, ct);
            var order = HandbookChapter.Build(await catalog.AllAsync(Site.Id, Type, 1000, ct)).SelectMany(c => c.Entries).ToList();
            var at = order.FindIndex(e => e.Id == item.Item.Id);
            previous = at > 0 ? order[at - 1] : null;
            next = at >= 0 && at < order.Count - 1 ? order[at + 1] : null;
            related = order.Where(e => e.Id != item.Item.Id && e.Handbook?.Chapter == place?.Chapter).Take(6).ToList();
        }
        else
        {
            related = await catalog.RelatedAsync(Site.Id, Type, item.Item.Id, 4, ct);
        }
        var approved = db.Set<WardCms.Core.Engagement.Feedback>().AsNoTracking()
            .Where(f => f.ContentItemId == item.Item.Id && f.Status == FeedbackStatus.Approved && f.Comment != null && f.Comment != "");
        var comments = await approved.OrderByDescending(f => f.CreatedUtc).ThenByDescending(f => f.Id).Take(MaxComments)
            .Select(f => new PublicComment(f.CreatedUtc, f.Helpful, f.PublicComment ?? f.Comment!, f.Reply)).ToListAsync(ct);
        var commentCount = comments.Count < MaxComments ? comments.Count : await approved.CountAsync(ct);
        return new ItemView(item, body.Html, Math.Max(1, (int)Math.Ceiling(body.Words / (double)WordsPerMinute)), CoverImage.From(item.Draft),
            picture, openGraph, related, place, review, previous, next, comments, commentCount);
    }

    /// <summary>The library images of a body (key → descriptor) for responsive pictures; live assets of this site only.</summary>
    private async Task<IReadOnlyDictionary<string, WardCms.Core.Media.MediaDescriptor>?> BodyImagesAsync(string body, CancellationToken ct)
    {
        var keys = markdown.MediaKeysIn(body);
        if (keys.Count == 0)
        {
            return null;
        }
        var rows = await db.Set<WardCms.Core.Media.MediaAssetFile>().AsNoTracking()
            .Where(f => keys.Contains(f.Key) && !f.Asset!.IsDeleted && f.Asset.SiteId == Site.Id && f.Asset.Kind == WardCms.Core.Media.MediaKind.Image)
            .Select(f => new { f.Key, f.Asset!.DescriptorJson })
            .ToListAsync(ct);
        return rows.DistinctBy(r => r.Key).ToDictionary(r => r.Key, r => new WardCms.Core.Media.MediaAsset { DescriptorJson = r.DescriptorJson }.Descriptor, StringComparer.Ordinal);
    }

    public string TopicUrl(Term term) => PublicUrls.TopicPath(SectionPath, term.Slug);

    /// <summary>Citizens' comments that staff approved, newest first (at most <see cref="MaxComments"/>).</summary>
    public IReadOnlyList<PublicComment> Comments => View?.Comments ?? [];

    public int CommentCount => View?.CommentCount ?? 0;

    public const int MaxComments = 20;

    /// <summary>An approved comment as the moderator left it (edited or redacted text, never the original then) and the ward's reply.</summary>
    public sealed record PublicComment(DateTime CreatedUtc, bool Helpful, string Text, string? Reply);

    public string ShareZalo => PublicUrls.ZaloShare + Uri.EscapeDataString(CanonicalUrl);
    public string ShareFacebook => PublicUrls.FacebookShare + Uri.EscapeDataString(CanonicalUrl);
}

/// <summary>A handbook chapter: chapters in order of their smallest entry order, entries by order.</summary>
public sealed record HandbookChapter(string Title, IReadOnlyList<PublicCard> Entries)
{
    // Ties go by Vietnamese alphabetical order (Đ right after D), as a reader scanning the list expects.
    private static readonly StringComparer Alphabetical = StringComparer.Create(PublishedContent.Vi, ignoreCase: false);

    public static IReadOnlyList<HandbookChapter> Build(IEnumerable<PublicCard> entries) =>
        entries.GroupBy(e => e.Handbook?.Chapter is { Length: > 0 } c ? c : "Khác")
            .Select(g => new HandbookChapter(g.Key, g.OrderBy(e => e.Handbook?.Order ?? 0).ThenBy(e => e.Title, Alphabetical).ToList()))
            .OrderBy(c => c.Entries.Min(e => e.Handbook?.Order ?? 0)).ThenBy(c => c.Title, Alphabetical)
            .ToList();
}
