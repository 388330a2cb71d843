using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Engagement;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>Every public content address, resolved from the content types' slug patterns (no code per type).</summary>
[AllowAnonymous]
public sealed class DisplayModel(SiteContext sites, PublishedContent published, MarkdownRenderer markdown, PageViewCounter views) : PageModel
{
    public const int PageSize = 12;

    public PagedList<PublishedSummary>? Section { get; private set; }
    public string SectionTitle { get; private set; } = "";
    public string PagePath { get; private set; } = "";
    public PublishedPage? Item { get; private set; }
    public string BodyHtml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? path, [FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var types = await published.TypesAsync(site.Id, ct);
        var route = PublishedContent.Resolve(types, path ?? "");
        if (route is null)
        {
            return NotFound();
        }
        if (route.Slug is null)
        {
            Section = await published.ListAsync(site.Id, route.Type.Name, page, PageSize, ct: ct);
            if (page > Section.Pages)
            {
                return NotFound();
            }
            SectionTitle = route.Type.Settings.SectionTitle ?? route.Type.DisplayName;
            PagePath = route.Type.Settings.EffectiveSectionPath!;
            return Page();
        }
        Item = await published.FindAsync(site.Id, route.Type, route.Slug, ct);
        if (Item is null)
        {
            return NotFound();
        }
        BodyHtml = markdown.ToHtml(Item.Version.Body);
        views.Record(HttpContext, site.Id, Item.Item.Id);
        return Page();
    }
}
