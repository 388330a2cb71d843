using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Web.Endpoints;

namespace WardCms.Web.Pages.Radio;

/// <summary>
/// The print / read-aloud view of a bulletin or a script. Radio staff open it with their login;
/// headless Chromium opens it with a short-lived signed link from the PDF export.
/// </summary>
[AllowAnonymous]
public sealed class PrintModel(SiteContext sites, RadioDesk desk, WardDbContext db, IDataProtectionProvider protection) : PageModel
{
    public Site Site { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public List<(string Label, string Value)> Meta { get; private set; } = [];
    public Reading? Opening { get; private set; }
    public Reading? Closing { get; private set; }
    public List<TimedScript> Items { get; private set; } = [];
    public bool Original { get; private set; }
    public bool IsBulletin { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, int id, string? token, bool goc = false, CancellationToken ct = default)
    {
        if (kind is not ("bulletin" or "script"))
        {
            return NotFound();
        }
        if (!User.HasClaim(Permissions.ClaimType, Permissions.ManageRadio) && !PrintLinks.IsValid(protection, token, kind, id))
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }
        Original = goc;
        Site = await sites.GetAsync(Request.Host.Host, ct);
        if (kind == "bulletin")
        {
            var sheet = await desk.LoadBulletinAsync(Site.Id, id, ct);
            if (sheet is null)
            {
                return NotFound();
            }
            IsBulletin = true;
            Title = sheet.Bulletin.Title;
            Meta =
            [
                ("Phát thanh viên", sheet.AnnouncerName ?? "…"),
                ("Ngày phát", sheet.Bulletin.AirDateLocal.ToString("dd/MM/yyyy")),
                ("Giờ phát", sheet.Bulletin.AirTime.ToString("HH:mm")),
                ("Thời lượng ước tính", $"{ReadTimeEstimator.Format(sheet.Total)} ({sheet.Balance.ToLowerInvariant()})"),
            ];
            Opening = sheet.Opening;
            Closing = sheet.Closing;
            Items = sheet.Items.ToList();
            return Page();
        }
        var script = await desk.FindScriptAsync(Site.Id, id, ct);
        if (script is null)
        {
            return NotFound();
        }
        var rate = await RadioExportEndpoints.ScriptRateAsync(db, desk, Site.Id, script, ct);
        var timed = await desk.TimeScriptAsync(Site.Id, script, rate, TimeSpan.Zero, ct);
        Title = script.Title;
        var d = script.Broadcast;
        Meta =
        [
            ("Phát thanh viên", d.Announcer.Length > 0 ? d.Announcer : "…"),
            ("Ngày phát", d.AirDate?.ToString("dd/MM/yyyy") ?? "…"),
            ("Giờ phát", d.Slot.Length > 0 ? d.Slot : "…"),
            ("Thời lượng ước tính", ReadTimeEstimator.Format(timed.Estimate)),
        ];
        if (d.PronunciationNotes.Length > 0)
        {
            Meta.Add(("Lưu ý phát âm", d.PronunciationNotes));
        }
        // The script's own opening and closing lines travel with it (as in a bulletin).
        Items = [timed];
        return Page();
    }

    public string Text(Reading r) => Original ? r.Original : r.Normalised;
}
