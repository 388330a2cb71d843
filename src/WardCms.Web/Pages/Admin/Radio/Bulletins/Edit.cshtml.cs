using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Radio.Bulletins;

/// <summary>The bulletin builder: details, approved scripts in order, timings against the target, the audio citizens hear.</summary>
// The recorded reading is uploaded here: room for the largest accepted file plus the form around it.
[RequestSizeLimit(BulletinAudio.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = BulletinAudio.MaxBytes + 1024 * 1024)]
public sealed class EditModel(SiteContext sites, WardDbContext db, RadioDesk desk, SpeechSynthesizer speech, BulletinAudio audio, TimeProvider clock, AnnouncerRoster roster) : PageModel
{
    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public BulletinSheet? Sheet { get; private set; }
    public List<Candidate> Candidates { get; private set; } = [];
    public List<(int Id, string Name)> Announcers { get; private set; } = [];
    public bool SpeechAvailable => speech.IsAvailable;
    public int? Id { get; private set; }
    public string? AudioError { get; private set; }
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if (id is null)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, PublishedContent.Ict));
            var mine = await roster.ForUserAsync(site.Id, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            Input = new DetailsInput { Title = "Chuyên mục Cải cách hành chính", AirDate = today.AddDays(1), AirTime = "06:30", Target = "15:00", AnnouncerId = mine?.Id };
            await LoadListsAsync(site.Id, ct);
            return Page();
        }
        if (!await LoadAsync(site.Id, id.Value, ct))
        {
            return NotFound();
        }
        FillDetails();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Input.Title = Vietnamese.Nfc(Input.Title).Trim();
        Input.OpeningLine = Vietnamese.Nfc(Input.OpeningLine).Trim();
        Input.ClosingLine = Vietnamese.Nfc(Input.ClosingLine).Trim();
        if (!RadioForms.TryParseDuration(Input.Target, out var target))
        {
            ModelState.AddModelError("Input.Target", "Thời lượng dự kiến cần dạng phút:giây, ví dụ 15:00.");
        }
        if (!VietnameseTime.TryParse(Input.AirTime, out var airTime))
        {
            ModelState.AddModelError("Input.AirTime", $"Giờ phát “{Input.AirTime}” không hợp lệ; {VietnameseTime.Hint}.");
        }
        if (Input.AnnouncerId is { } aid && !await db.Set<Announcer>().AnyAsync(a => a.Id == aid && a.SiteId == site.Id, ct))
        {
            ModelState.AddModelError("Input.AnnouncerId", "Phát thanh viên đã chọn không tồn tại.");
        }
        Bulletin? bulletin = null;
        if (id is not null)
        {
            bulletin = await db.Set<Bulletin>().FirstOrDefaultAsync(b => b.Id == id && b.SiteId == site.Id, ct);
            if (bulletin is null)
            {
                return NotFound();
            }
            if (Input.Stamp != bulletin.ConcurrencyStamp)
            {
                return await ConflictAsync(site.Id, bulletin.Id, ct);
            }
        }
        if (!ModelState.IsValid)
        {
            if (id is not null)
            {
                await LoadAsync(site.Id, id.Value, ct);
            }
            else
            {
                await LoadListsAsync(site.Id, ct);
            }
            Response.StatusCode = 422;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (bulletin is null)
        {
            bulletin = new Bulletin { SiteId = site.Id, CreatedUtc = now, CreatedById = RadioForms.ActorOf(User).UserId };
            db.Add(bulletin);
        }
        bulletin.Title = Input.Title;
        bulletin.AirDateLocal = Input.AirDate!.Value;
        bulletin.AirTime = airTime;
        bulletin.TargetSeconds = target;
        bulletin.OpeningLine = Input.OpeningLine;
        bulletin.ClosingLine = Input.ClosingLine;
        bulletin.AnnouncerId = Input.AnnouncerId;
        bulletin.UpdatedUtc = now;
        // A save from another session between our read and this write fails the stamp check in the UPDATE.
        bulletin.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(site.Id, bulletin.Id, ct);
        }
        TempData["Message"] = id is null ? "Đã tạo bản tin. Thêm các kịch bản đã duyệt bên dưới." : "Đã lưu bản tin.";
        return Redirect($"/admin/radio/bulletins/edit/{bulletin.Id}");
    }

    // Someone saved the details since this form was opened: show their version's timings, keep what this person typed.
    private async Task<IActionResult> ConflictAsync(int siteId, int id, CancellationToken ct)
    {
        await LoadAsync(siteId, id, ct);
        var current = Sheet!.Bulletin;
        Conflict = $"Thông tin bản tin vừa được lưu ở một phiên khác lúc {LocalTime(current.UpdatedUtc)}. "
            + "Nội dung bạn nhập vẫn còn trong ô bên dưới; hãy xem lại rồi bấm “Lưu thông tin” lần nữa để ghi đè.";
        ModelState.Remove("Input.Stamp");
        Input.Stamp = current.ConcurrencyStamp;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private static string LocalTime(DateTime utc) => Endpoints.AsRunRows.ToLocal(utc).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The recorded reading, checked by content; it becomes what citizens hear once the bulletin airs.</summary>
    public async Task<IActionResult> OnPostAudioAsync(int id, IFormFile? recording, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var bulletin = await db.Set<Bulletin>().FirstOrDefaultAsync(b => b.Id == id && b.SiteId == site.Id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        if (recording is null)
        {
            return await AudioRefusedAsync(site.Id, id, "Hãy chọn tệp bản ghi âm để tải lên.", ct);
        }
        string file;
        try
        {
            await using var stream = recording.OpenReadStream();
            file = await audio.SaveRecordingAsync(stream, recording.FileName, recording.Length, ct);
        }
        catch (AudioUploadException e)
        {
            return await AudioRefusedAsync(site.Id, id, e.Message, ct);
        }
        bulletin.PublicAudioFile = file;
        bulletin.PublicAudioIsSynthetic = false;
        bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã tải lên bản ghi âm; người dân nghe được bản này khi bản tin đã phát.";
        return Redirect($"/admin/radio/bulletins/edit/{id}#audio");
    }

    /// <summary>Machine speech goes public only when staff say so, knowingly.</summary>
    public async Task<IActionResult> OnPostPublishSpeechAsync(int id, bool confirmSynthetic, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var bulletin = await db.Set<Bulletin>().FirstOrDefaultAsync(b => b.Id == id && b.SiteId == site.Id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        if (!confirmSynthetic)
        {
            return await AudioRefusedAsync(site.Id, id, "Hãy đánh dấu ô xác nhận: người dân sẽ nghe giọng đọc máy, không phải giọng phát thanh viên.", ct);
        }
        var sheet = (await desk.LoadBulletinAsync(site.Id, id, ct))!;
        if (!speech.IsAvailable || sheet.ReadingText.Length == 0)
        {
            return await AudioRefusedAsync(site.Id, id, speech.IsAvailable ? "Bản tin chưa có nội dung để đọc." : Endpoints.RadioExportEndpoints.NoSpeechMessage, ct);
        }
        var draft = await speech.SynthesizeAsync(sheet.ReadingText, sheet.Rate, ct: ct);
        try
        {
            bulletin.PublicAudioFile = await audio.PublishSyntheticAsync(draft, ct);
        }
        catch (SpeechSynthesisException)
        {
            return await AudioRefusedAsync(site.Id, id, Endpoints.RadioExportEndpoints.NoMp3Message, ct);
        }
        bulletin.PublicAudioIsSynthetic = true;
        bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã chọn bản đọc máy làm âm thanh công khai; trang công khai ghi rõ đây là giọng đọc máy.";
        return Redirect($"/admin/radio/bulletins/edit/{id}#audio");
    }

    public async Task<IActionResult> OnPostRemoveAudioAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var bulletin = await db.Set<Bulletin>().FirstOrDefaultAsync(b => b.Id == id && b.SiteId == site.Id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        bulletin.PublicAudioFile = null;
        bulletin.PublicAudioIsSynthetic = false;
        bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã gỡ âm thanh công khai của bản tin.";
        return Redirect($"/admin/radio/bulletins/edit/{id}#audio");
    }

    private async Task<IActionResult> AudioRefusedAsync(int siteId, int id, string message, CancellationToken ct)
    {
        await LoadAsync(siteId, id, ct);
        FillDetails();
        AudioError = message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private void FillDetails()
    {
        var b = Sheet!.Bulletin;
        Input = new DetailsInput
        {
            Title = b.Title, AirDate = b.AirDateLocal, AirTime = VietnameseTime.Format(b.AirTime), Target = RadioForms.FormatDuration(b.TargetSeconds),
            OpeningLine = b.OpeningLine, ClosingLine = b.ClosingLine, AnnouncerId = b.AnnouncerId, Stamp = b.ConcurrencyStamp,
        };
    }

    public async Task<IActionResult> OnPostAddAsync(int id, int contentItemId, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var bulletin = await db.Set<Bulletin>().Include(b => b.Items).FirstOrDefaultAsync(b => b.Id == id && b.SiteId == site.Id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        var script = await desk.FindScriptAsync(site.Id, contentItemId, ct);
        if (script is null || !script.Usable)
        {
            TempData["Message"] = "Chỉ thêm được kịch bản đã duyệt hoặc đã xuất bản.";
            Response.StatusCode = 400;
            return Redirect($"/admin/radio/bulletins/edit/{id}");
        }
        if (bulletin.Items.All(i => i.ContentItemId != contentItemId))
        {
            bulletin.Items.Add(new BulletinItem { ContentItemId = contentItemId, Order = bulletin.Items.Count == 0 ? 1 : bulletin.Items.Max(i => i.Order) + 1 });
            bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        TempData["Message"] = $"Đã thêm “{script.Title}”.";
        return Redirect($"/admin/radio/bulletins/edit/{id}#items");
    }

    // Keyboard reordering without script: each move is a form post, focus returns to the moved row.
    public async Task<IActionResult> OnPostMoveAsync(int id, int itemId, string direction, CancellationToken ct)
    {
        var (bulletin, items) = await ItemsAsync(id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        var index = items.FindIndex(i => i.Id == itemId);
        var other = direction == "up" ? index - 1 : index + 1;
        if (index >= 0 && other >= 0 && other < items.Count)
        {
            (items[index], items[other]) = (items[other], items[index]);
            Renumber(items);
            bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return Redirect($"/admin/radio/bulletins/edit/{id}#item-{itemId}");
    }

    // The drag-and-drop enhancement posts the whole new order at once.
    public async Task<IActionResult> OnPostReorderAsync(int id, [FromForm] int[] order, CancellationToken ct)
    {
        var (bulletin, items) = await ItemsAsync(id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        if (order.Length != items.Count || order.Distinct().Count() != items.Count || order.Any(o => items.All(i => i.Id != o)))
        {
            return BadRequest("Thứ tự gửi lên không khớp với các mục của bản tin; hãy tải lại trang.");
        }
        var ordered = order.Select(o => items.First(i => i.Id == o)).ToList();
        Renumber(ordered);
        bulletin.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal)
            ? new JsonResult(new { ok = true })
            : Redirect($"/admin/radio/bulletins/edit/{id}#items");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int itemId, CancellationToken ct)
    {
        var (bulletin, items) = await ItemsAsync(id, ct);
        if (bulletin is null)
        {
            return NotFound();
        }
        if (items.FirstOrDefault(i => i.Id == itemId) is { } item)
        {
            db.Remove(item);
            items.Remove(item);
            Renumber(items);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = "Đã bỏ mục khỏi bản tin.";
        }
        return Redirect($"/admin/radio/bulletins/edit/{id}#items");
    }

    private static void Renumber(List<BulletinItem> items)
    {
        for (var n = 0; n < items.Count; n++)
        {
            items[n].Order = n + 1;
        }
    }

    private async Task<(Bulletin?, List<BulletinItem>)> ItemsAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var bulletin = await db.Set<Bulletin>().Include(b => b.Items).FirstOrDefaultAsync(b => b.Id == id && b.SiteId == site.Id, ct);
        return (bulletin, bulletin?.Items.OrderBy(i => i.Order).ThenBy(i => i.Id).ToList() ?? []);
    }

    private async Task<bool> LoadAsync(int siteId, int id, CancellationToken ct)
    {
        Sheet = await desk.LoadBulletinAsync(siteId, id, ct);
        if (Sheet is null)
        {
            return false;
        }
        Id = id;
        await LoadListsAsync(siteId, ct);
        var used = Sheet.Bulletin.Items.Select(i => i.ContentItemId).ToHashSet();
        var usable = await RadioDesk.Usable(await desk.ScriptsAsync(siteId, ct))
            .Where(i => !i.IsDeleted)
            .OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id).Take(200)
            .Select(i => i.Id).ToListAsync(ct);
        var scripts = await desk.LoadScriptsAsync(siteId, usable.Where(u => !used.Contains(u)).ToList(), ct);
        // Newest first: the scripts written for the coming bulletin are the ones staff look for.
        foreach (var s in usable.Where(scripts.ContainsKey).Select(u => scripts[u]))
        {
            var timed = await desk.TimeScriptAsync(siteId, s, Sheet.Rate, TimeSpan.Zero, ct);
            Candidates.Add(new Candidate(s.Id, s.Title, s.Status, s.Broadcast.AirDate, timed.Estimate));
        }
        return true;
    }

    private async Task LoadListsAsync(int siteId, CancellationToken ct)
    {
        // A deactivated announcer stays selectable only on the bulletin that already names them.
        var current = Sheet?.Bulletin.AnnouncerId ?? Input.AnnouncerId;
        Announcers = (await db.Set<Announcer>().AsNoTracking().Where(a => a.SiteId == siteId && (a.IsActive || a.Id == current)).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name)).ToList();
    }

    public sealed record Candidate(int Id, string Title, string Status, DateOnly? AirDate, TimeSpan Estimate);

    public sealed class DetailsInput
    {
        [Required(ErrorMessage = "Hãy nhập tên bản tin.")]
        [StringLength(300, ErrorMessage = "Tên bản tin tối đa 300 ký tự.")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Hãy chọn ngày phát.")]
        public DateOnly? AirDate { get; set; }

        // Text, not <input type="time">: "6h30" is as common as "06:30".
        [Required(ErrorMessage = "Hãy nhập giờ phát.")]
        public string? AirTime { get; set; }

        public string Target { get; set; } = "15:00";

        [StringLength(2000, ErrorMessage = "Lời mở đầu tối đa 2.000 ký tự.")]
        public string OpeningLine { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Lời kết tối đa 2.000 ký tự.")]
        public string ClosingLine { get; set; } = "";

        public int? AnnouncerId { get; set; }

        /// <summary>The bulletin's stamp when the form was opened.</summary>
        public Guid? Stamp { get; set; }
    }
}
