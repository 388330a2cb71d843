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
public sealed class BulletinsModel(SiteContext sites, WardDbContext db, RadioDesk desk, BulletinAudio audio, PublishedContent published) : PageModel
{
    public const int PageSize = 5;

    public List<PublicBulletin> Items { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int Pages { get; private set; }
    /// <summary>The newest published scripts of the site's script types, so readers find the written texts too.</summary>
    public IReadOnlyList<PublishedSummary> Scripts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "trang")] int page = 1, CancellationToken ct = default)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var scriptTypes = await desk.ScriptTypesAsync(site.Id, ct);
        if (scriptTypes.Count == 0)
        {
            return NotFound(); // a site without a type made with the broadcast part has no radio
        }
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
            if (await PublicBulletin.LoadAsync(db, desk, audio, site.Id, id, ct) is { } b)
            {
                Items.Add(b);
            }
        }
        if (page == 1)
        {
            var scripts = new List<PublishedSummary>();
            foreach (var type in scriptTypes)
            {
                scripts.AddRange((await published.ListAsync(site.Id, type, 1, 10, ct: ct)).Items);
            }
            Scripts = scripts.OrderByDescending(s => s.PublishedUtc).Take(10).ToList();
        }
        return Page();
    }
}

/// <summary>An aired bulletin as citizens see it: when and how long it actually aired (the as-run log), not the plan.</summary>
public sealed record PublicBulletin(BulletinSheet Sheet, AudioKind? Audio, DateTime? AiredLocal, TimeSpan? AiredLength)
{
    public static async Task<PublicBulletin?> LoadAsync(WardDbContext db, RadioDesk desk, BulletinAudio audio, int siteId, int id, CancellationToken ct)
    {
        var sheet = await desk.LoadBulletinAsync(siteId, id, ct);
        if (sheet is null || sheet.Bulletin.Status != BulletinStatus.Aired)
        {
            return null;
        }
        // Only what staff published (a recording or chosen synthetic speech), never a preview.
        var hasAudio = audio.PathOf(sheet.Bulletin.PublicAudioFile) is { } path && File.Exists(path) ? BulletinAudio.KindOfFile(path) : null;
        var log = await db.Set<AirRecord>().AsNoTracking()
            .Where(r => r.SiteId == siteId && r.BulletinId == id && r.SupersededById == null)
            .Select(r => new { r.AiredUtc, r.DurationSeconds }).ToListAsync(ct);
        return log.Count == 0
            ? new PublicBulletin(sheet, hasAudio, null, null)
            : new PublicBulletin(sheet, hasAudio, Endpoints.AsRunRows.ToLocal(log.Min(r => r.AiredUtc)), TimeSpan.FromSeconds(log.Sum(r => r.DurationSeconds)));
    }
}
