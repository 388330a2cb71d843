using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Planning;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Dashboard;

/// <summary>
/// Downloads a milestone evidence file. It sits in the Dashboard folder, so it needs the same
/// permission as the dashboard that links to it; the bytes are never served from the public /media URLs.
/// </summary>
public sealed class EvidenceModel(MilestoneEvidenceFiles files, SiteContext sites) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var file = await files.OpenAsync(site.Id, id, ct);
        if (file is null)
            return NotFound();
        // Evidence can be personal (attendance lists): not kept by shared caches, never sniffed into HTML.
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Content, file.MediaType, file.FileName);
    }
}
