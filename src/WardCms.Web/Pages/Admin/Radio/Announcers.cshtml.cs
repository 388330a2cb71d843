using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Radio;

/// <summary>Announcers and their reading pace (syllables a minute), used for bulletin timings.</summary>
public sealed class AnnouncersModel(SiteContext sites, WardDbContext db) : PageModel
{
    public List<Announcer> Rows { get; private set; } = [];

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public int? Rate { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Name = Vietnamese.Nfc(Name).Trim();
        if (Name.Length is 0 or > 200)
        {
            ModelState.AddModelError(nameof(Name), "Hãy nhập họ tên phát thanh viên (tối đa 200 ký tự).");
        }
        if (Rate is null or < ReadTimeEstimator.MinSyllablesPerMinute or > ReadTimeEstimator.MaxSyllablesPerMinute)
        {
            ModelState.AddModelError(nameof(Rate), $"Tốc độ đọc phải từ {ReadTimeEstimator.MinSyllablesPerMinute} đến {ReadTimeEstimator.MaxSyllablesPerMinute} tiếng/phút.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            Response.StatusCode = 422;
            return Page();
        }
        db.Add(new Announcer { SiteId = site.Id, Name = Name, SyllablesPerMinute = Rate!.Value });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Đã thêm phát thanh viên {Name}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        await db.Set<Bulletin>().Where(b => b.SiteId == site.Id && b.AnnouncerId == id).ExecuteUpdateAsync(u => u.SetProperty(b => b.AnnouncerId, (int?)null), ct);
        await db.Set<Announcer>().Where(a => a.Id == id && a.SiteId == site.Id).ExecuteDeleteAsync(ct);
        TempData["Message"] = "Đã xóa phát thanh viên.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Rows = await db.Set<Announcer>().AsNoTracking().Where(a => a.SiteId == site.Id).OrderBy(a => a.Name).ToListAsync(ct);
        Rate ??= site.ReadingRate;
    }
}
