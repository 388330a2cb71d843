using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>A section's home ("/cchc"): featured and newest items, and what the type's parts add (topic links and blocks), or a part's own view in place of the list (the handbook's table of contents).</summary>
[AllowAnonymous]
[PublicReadModel.Page]
public sealed class SectionModel(SiteContext sites, PublishedContent published, PublicReadModel readModel, ContentPartRegistry parts,
    PublicCatalog catalog, WardDbContext db) : PublicContentPage(sites, published, readModel, parts, catalog, db)
{
    public ListView Listing { get; private set; } = null!;
    public string PagePath => SectionPath;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        if (!await UseTypeAsync(ct))
        {
            return NotFound();
        }
        // The first page tells whether a part's view replaces the list (a table of contents, a register):
        // that view is the whole section and reads ?trang itself, so it is loaded once for every page.
        var view = await ReadModel.GetAsync($"section:{Site.Id}:{Type.Name}:1", this, static (s, ct) => s.LoadListAsync(null, 1, ct), ct, Site.Id);
        if (view is { HasMain: false } && page != 1)
        {
            view = await ReadModel.GetAsync($"section:{Site.Id}:{Type.Name}:{page}", (this, page),
                static (s, ct) => s.Item1.LoadListAsync(null, s.page, ct), ct, Site.Id);
        }
        if (view is null)
        {
            return NotFound();
        }
        Listing = view;
        CanonicalUrl = PublicUrls.Absolute(Request, page > 1 ? $"{SectionPath}?trang={page}" : SectionPath);
        return Page();
    }
}
