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

/// <summary>The bulletin builder: details, approved scripts in order, timings against the target.</summary>
public sealed class EditModel(SiteContext sites, WardDbContext db, RadioDesk desk, SpeechSynthesizer speech, TimeProvider clock, AnnouncerRoster roster) : PageModel
{
    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public BulletinSheet? Sheet { get; private set; }
    public List<Candidate> Candidates { get; private set; } = [];
    public List<(int Id, string Name)> Announcers { get; private set; } = [];
    public bool SpeechAvailable => speech.IsAvailable;
    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if (id is null)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, PublishedContent.Ict));
            var mine = await roster.ForUserAsync(site.Id, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            Input = new DetailsInput { Title = "Chuyên mục Cải cách hành chính", AirDate = today.AddDays(1), AirTime = new TimeOnly(6, 30), Target = "15:00", AnnouncerId = mine?.Id };
            await LoadListsAsync(site.Id, ct);
            return Page();
        }
        if (!await LoadAsync(site.Id, id.Value, ct))
        {
            return NotFound();
        }
        var b = Sheet!.Bulletin;
        Input = new DetailsInput
        {
            Title = b.Title, AirDate = b.AirDateLocal, AirTime = b.AirTime, Target = RadioForms.FormatDuration(b.TargetSeconds),
            OpeningLine = b.OpeningLine, ClosingLine = b.ClosingLine, AnnouncerId = b.AnnouncerId,
        };
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
        bulletin.AirTime = Input.AirTime!.Value;
        bulletin.TargetSeconds = target;
        bulletin.OpeningLine = Input.OpeningLine;
        bulletin.ClosingLine = Input.ClosingLine;
        bulletin.AnnouncerId = Input.AnnouncerId;
        bulletin.UpdatedUtc = now;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = id is null ? "Đã tạo bản tin. Thêm các kịch bản đã duyệt bên dưới." : "Đã lưu bản tin.";
        return Redirect($"/admin/radio/bulletins/edit/{bulletin.Id}");
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
        var usable = await RadioDesk.Usable(db.ContentItems.AsNoTracking())
            .Where(i => i.SiteId == siteId && !i.IsDeleted && i.ContentType == RadioDesk.ScriptType)
            .OrderByDescending(i => i.UpdatedUtc).Take(200)
            .Select(i => i.Id).ToListAsync(ct);
        var scripts = await desk.LoadScriptsAsync(siteId, usable.Where(u => !used.Contains(u)).ToList(), ct);
        foreach (var s in scripts.Values.OrderBy(s => s.Broadcast.AirDate ?? DateOnly.MaxValue).ThenBy(s => s.Title))
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

        [Required(ErrorMessage = "Hãy chọn giờ phát.")]
        public TimeOnly? AirTime { get; set; }

        public string Target { get; set; } = "15:00";

        [StringLength(2000, ErrorMessage = "Lời mở đầu tối đa 2.000 ký tự.")]
        public string OpeningLine { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Lời kết tối đa 2.000 ký tự.")]
        public string ClosingLine { get; set; } = "";

        public int? AnnouncerId { get; set; }
    }
}
