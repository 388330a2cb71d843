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
        var view = await ReadModel.GetAsync($"section:{Site.Id}:{Type.Name}:{page}", (this, page),
            static (s, ct) => s.Item1.LoadListAsync(null, s.page, ct), ct, Site.Id);
        if (view is null)
        {
            return NotFound();
        }
        Listing = view;
        CanonicalUrl = PublicUrls.Absolute(Request, page > 1 ? $"{SectionPath}?trang={page}" : SectionPath);
        return Page();
    }
}
