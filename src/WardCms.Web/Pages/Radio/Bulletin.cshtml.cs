using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Radio;

[AllowAnonymous]
public sealed class BulletinModel(SiteContext sites, WardDbContext db, RadioDesk desk, BulletinAudio audio) : PageModel
{
    public PublicBulletin Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if ((await desk.ScriptTypesAsync(site.Id, ct)).Count == 0 || await PublicBulletin.LoadAsync(db, desk, audio, site.Id, id, ct) is not { } b)
        {
            return NotFound();
        }
        Item = b;
        return Page();
    }
}
