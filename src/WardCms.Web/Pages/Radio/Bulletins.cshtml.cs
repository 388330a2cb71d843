using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Radio;

/// <summary>"Bản tin phát thanh": what went out on the ward loudspeakers, newest first, as text and audio.</summary>
[AllowAnonymous]
public sealed class BulletinsModel(SiteContext sites, WardDbContext db, RadioDesk desk, SpeechSynthesizer speech, PublishedContent published) : PageModel
{
    public const int PageSize = 5;

    public List<PublicBulletin> Items { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int Pages { get; private set; }
    // The RadioScript type's section shares /phat-thanh: its latest scripts stay reachable from here.
    public IReadOnlyList<PublishedSummary> Scripts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var aired = db.Set<Bulletin>().AsNoTracking().Where(b => b.SiteId == site.Id && b.Status == BulletinStatus.Aired);
        var total = await aired.CountAsync(ct);
        Pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        if (page < 1 || page > Pages)
        {
            return NotFound();
        }
        PageNumber = page;
        var ids = await aired.OrderByDescending(b => b.AirDateLocal).ThenByDescending(b => b.AirTime).ThenByDescending(b => b.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).Select(b => b.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            if (await PublicBulletin.LoadAsync(desk, speech, site.Id, id, ct) is { } b)
            {
                Items.Add(b);
            }
        }
        Scripts = page == 1 ? (await published.ListAsync(site.Id, RadioDesk.ScriptType, 1, 10, ct: ct)).Items : [];
        return Page();
    }
}

public sealed record PublicBulletin(BulletinSheet Sheet, bool HasAudio)
{
    public static async Task<PublicBulletin?> LoadAsync(RadioDesk desk, SpeechSynthesizer speech, int siteId, int id, CancellationToken ct)
    {
        var sheet = await desk.LoadBulletinAsync(siteId, id, ct);
        if (sheet is null || sheet.Bulletin.Status != BulletinStatus.Aired)
        {
            return null;
        }
        var hasAudio = sheet.Bulletin.AudioHash is { } h && File.Exists(Path.Combine(speech.CacheDirectory, h + ".ogg"));
        return new PublicBulletin(sheet, hasAudio);
    }
}
