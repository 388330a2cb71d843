using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Radio;
using WardCms.Core.Sites;
using WardCms.Web.Endpoints;

namespace WardCms.Web.Pages.Admin.Radio;

/// <summary>"Đánh dấu đã phát": a bulletin (each of its scripts), one script, or a correction of a record.</summary>
public sealed class MarkAiredModel(SiteContext sites, WardDbContext db, RadioDesk desk, AsRunLog log, AnnouncerRoster roster) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? BulletinId { get; set; }
    [BindProperty(SupportsGet = true)] public int? ScriptId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Correct { get; set; }
    [BindProperty] public AiringForm Input { get; set; } = new();

    public string What { get; private set; } = "";
    public string Estimate { get; private set; } = "";
    public List<string> AnnouncerNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var found = await DescribeAsync(site.Id, ct);
        if (found is null)
        {
            return NotFound();
        }
        Input = found;
        if (Correct is null && await roster.ForUserAsync(site.Id, User.FindFirstValue(ClaimTypes.NameIdentifier), ct) is { } mine)
        {
            // Whoever records the airing usually read it: their own announcer beats the planned one.
            Input.Announcer = mine.Name;
        }
        AnnouncerNames = await roster.ActiveNamesAsync(site.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if (await DescribeAsync(site.Id, ct) is null)
        {
            return NotFound();
        }
        if (!RadioForms.TryParseDuration(Input.Duration, out var seconds) || seconds == 0)
        {
            ModelState.AddModelError("Input.Duration", "Thời lượng thực tế cần dạng phút:giây, ví dụ 12:30.");
        }
        if (!VietnameseTime.TryParse(Input.Time, out var time))
        {
            ModelState.AddModelError("Input.Time", $"Giờ phát “{Input.Time}” không hợp lệ; nhập giờ Việt Nam, {VietnameseTime.Hint}.");
        }
        var input = new AiringInput(AsRunRows.ToUtc((Input.Date ?? default).ToDateTime(time)), seconds, Input.Announcer ?? "", Input.Note ?? "");
        if (ModelState.IsValid && log.Check(input) is { } refused)
        {
            ModelState.AddModelError("Input.Time", refused);
        }
        if (!ModelState.IsValid)
        {
            AnnouncerNames = await roster.ActiveNamesAsync(site.Id, ct);
            Response.StatusCode = 422;
            return Page();
        }
        var actor = await RadioForms.ActorAsync(db, User, ct);
        if (Correct is { } recordId)
        {
            await log.CorrectAsync(site.Id, recordId, input, actor, ct);
            TempData["Message"] = "Đã ghi bản sửa; bản ghi cũ vẫn được giữ trong lịch sử.";
        }
        else if (BulletinId is { } bid)
        {
            var sheet = (await desk.LoadBulletinAsync(site.Id, bid, ct))!;
            if (sheet.Items.Count == 0)
            {
                ModelState.AddModelError("", "Bản tin chưa có kịch bản nào nên chưa đánh dấu đã phát được.");
                Response.StatusCode = 422;
                return Page();
            }
            await log.RecordBulletinAsync(site.Id, sheet, input, actor, ct);
            TempData["Message"] = $"Đã ghi nhật ký phát sóng cho {sheet.Items.Count} kịch bản của bản tin.";
        }
        else
        {
            await log.RecordAsync(site.Id, ScriptId!.Value, null, input, actor, ct);
            TempData["Message"] = "Đã ghi nhật ký phát sóng.";
        }
        var local = Input.Date!.Value;
        return Redirect($"/admin/radio/as-run?thang={local.Year}-{local.Month:00}");
    }

    private async Task<AiringForm?> DescribeAsync(int siteId, CancellationToken ct)
    {
        if (Correct is { } recordId)
        {
            var r = await db.Set<AirRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == recordId && x.SiteId == siteId && x.SupersededById == null, ct);
            if (r is null)
            {
                return null;
            }
            var title = await db.ContentItems.Where(i => i.Id == r.ContentItemId).Select(i => i.Title).FirstAsync(ct);
            What = $"Sửa bản ghi phát sóng: {title}";
            var local = AsRunRows.ToLocal(r.AiredUtc);
            return new AiringForm { Date = DateOnly.FromDateTime(local), Time = VietnameseTime.Format(TimeOnly.FromDateTime(local)), Duration = RadioForms.FormatDuration(r.DurationSeconds), Announcer = r.AnnouncerName, Note = r.Note };
        }
        if (BulletinId is { } bid)
        {
            var sheet = await desk.LoadBulletinAsync(siteId, bid, ct);
            if (sheet is null)
            {
                return null;
            }
            What = $"Bản tin: {sheet.Bulletin.Title} ({sheet.Items.Count} kịch bản)";
            Estimate = RadioDesk.FormatEstimate(sheet.Total);
            return new AiringForm { Date = sheet.Bulletin.AirDateLocal, Time = VietnameseTime.Format(sheet.Bulletin.AirTime), Duration = RadioForms.FormatDuration((int)sheet.Total.TotalSeconds), Announcer = sheet.AnnouncerName };
        }
        if (ScriptId is { } sid)
        {
            var script = await desk.FindScriptAsync(siteId, sid, ct);
            if (script is null || !script.Usable)
            {
                return null;
            }
            var rate = await RadioExportEndpoints.ScriptRateAsync(db, desk, siteId, script, ct);
            var timed = await desk.TimeScriptAsync(siteId, script, rate, TimeSpan.Zero, ct);
            What = $"Kịch bản: {script.Title}";
            Estimate = RadioDesk.FormatEstimate(timed.Estimate);
            return new AiringForm
            {
                Date = script.Broadcast.AirDate, Time = VietnameseTime.TryParse(script.Broadcast.Slot, out var t) ? VietnameseTime.Format(t) : null,
                Duration = RadioForms.FormatDuration((int)timed.Estimate.TotalSeconds), Announcer = script.Broadcast.Announcer,
            };
        }
        return null;
    }

    public sealed class AiringForm
    {
        [Required(ErrorMessage = "Hãy nhập ngày phát thực tế.")]
        public DateOnly? Date { get; set; }

        // Text, not <input type="time">: people type "6h30" as often as "06:30".
        [Required(ErrorMessage = "Hãy nhập giờ phát thực tế (giờ Việt Nam).")]
        public string? Time { get; set; }

        public string Duration { get; set; } = "";

        [StringLength(200, ErrorMessage = "Tên phát thanh viên tối đa 200 ký tự.")]
        public string? Announcer { get; set; }

        [StringLength(1000, ErrorMessage = "Ghi chú tối đa 1.000 ký tự.")]
        public string? Note { get; set; }
    }
}
