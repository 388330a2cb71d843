using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Sites;
using WardCms.Web.Endpoints;

namespace WardCms.Web.Pages.Admin.Radio;

/// <summary>Broadcast scripts with their estimated read time and, once aired, the actual duration.</summary>
public sealed class IndexModel(SiteContext sites, WardDbContext db, RadioDesk desk, SpeechSynthesizer speech) : PageModel
{
    public bool SpeechAvailable => speech.IsAvailable;
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var ids = await (await desk.ScriptsAsync(site.Id, ct))
            .Where(i => !i.IsDeleted)
            .OrderByDescending(i => i.UpdatedUtc).Take(200).Select(i => i.Id).ToListAsync(ct);
        var scripts = await desk.LoadScriptsAsync(site.Id, ids, ct);
        var aired = await db.Set<AirRecord>().AsNoTracking()
            .Where(r => r.SiteId == site.Id && r.SupersededById == null && ids.Contains(r.ContentItemId))
            .Select(r => new { r.ContentItemId, r.AiredUtc, r.DurationSeconds }).ToListAsync(ct);
        foreach (var id in ids)
        {
            if (!scripts.TryGetValue(id, out var s))
            {
                continue;
            }
            var rate = await RadioExportEndpoints.ScriptRateAsync(db, desk, site.Id, s, ct);
            var timed = await desk.TimeScriptAsync(site.Id, s, rate, TimeSpan.Zero, ct);
            var last = aired.Where(a => a.ContentItemId == id).MaxBy(a => a.AiredUtc);
            Rows.Add(new Row(id, s.Title, s.Status, s.Usable, s.HasUnreviewedChanges, s.Broadcast.AirDate, s.Broadcast.Slot, timed.Estimate,
                last is null ? null : AsRunRows.ToLocal(last.AiredUtc), last?.DurationSeconds ?? s.Broadcast.ActualSeconds));
        }
    }

    public sealed record Row(int Id, string Title, string Status, bool Usable, bool HasUnreviewedChanges, DateOnly? AirDate, string Slot, TimeSpan Estimate, DateTime? AiredLocal, int? ActualSeconds);
}
