using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>A topic's page of a section ("/cchc/chu-de/mot-cua"), for types with the topics part: the items of that topic, newest first.</summary>
[AllowAnonymous]
[PublicReadModel.Page]
public sealed class TopicModel(SiteContext sites, PublishedContent published, PublicReadModel readModel, ContentPartRegistry parts,
    PublicCatalog catalog, WardDbContext db) : PublicContentPage(sites, published, readModel, parts, catalog, db)
{
    public ListView Listing { get; private set; } = null!;
    public Term Topic { get; private set; } = null!;
    public string PagePath => TopicsPart.TopicPath(SectionPath, Topic.Slug);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        if (!await UseTypeAsync(ct) || RouteData.Values[PublicContentRoutes.TermKey] is not string termSlug)
        {
            return NotFound();
        }
        var view = await ReadModel.GetAsync($"topic:{Site.Id}:{Type.Name}:{termSlug}:{page}", (this, termSlug, page),
            static async (s, ct) =>
            {
                var topic = (await s.Item1.Catalog.TermsForAsync(s.Item1.Site.Id, s.Item1.Type, ct)).FirstOrDefault(t => t.Slug == s.termSlug);
                return topic is null ? null : (await s.Item1.LoadListAsync(topic, s.page, ct)) is { } list ? new TopicView(topic, list) : null;
            }, ct, Site.Id);
        if (view is null)
        {
            return NotFound();
        }
        Topic = view.Topic;
        Listing = view.Listing;
        FeedPath = PagePath;
        CanonicalUrl = PublicUrls.Absolute(Request, page > 1 ? $"{PagePath}?trang={page}" : PagePath);
        return Page();
    }

    private sealed record TopicView(Term Topic, ListView Listing) : PublicReadModel.ISized
    {
        public long ApproximateBytes => 512 + Listing.ApproximateBytes;
    }
}
