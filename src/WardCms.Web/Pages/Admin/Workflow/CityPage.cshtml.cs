using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Workflow;

/// <summary>"Đã gửi đăng Trang CCHC Thành phố": records a posting (date, link) that counts for the City-page quota.</summary>
public sealed class CityPageModel(WardDbContext db, SiteContext sites, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? PostedOn { get; set; }
    [BindProperty] public string? Link { get; set; }

    public string Title { get; private set; } = "";
    public List<CityPagePosting> Postings { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        if (!DateOnly.TryParseExact(PostedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            Errors["PostedOn"] = "Chọn ngày bài được đăng trên Trang CCHC Thành phố.";
        else if (date > PeriodCalculator.LocalDate(clock.GetUtcNow()))
            Errors["PostedOn"] = "Ngày đăng không được sau hôm nay.";
        var url = (Link ?? "").Trim();
        if (!(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") || url.Length > 1000)
            Errors["Link"] = "Nhập đường dẫn bài trên Trang CCHC Thành phố (bắt đầu bằng http:// hoặc https://).";
        if (Errors.Count > 0)
        {
            Response.StatusCode = 400;
            return Page();
        }
        var site = await sites.GetAsync(Request.Host.Host, ct);
        db.Set<CityPagePosting>().Add(new CityPagePosting
        {
            SiteId = site.Id, ContentItemId = Id, PostedOn = date, Url = url,
            RecordedById = User.FindFirstValue(ClaimTypes.NameIdentifier), RecordedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã ghi nhận bài được đăng trên Trang CCHC Thành phố.";
        return RedirectToPage(new { Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var title = await db.ContentItems.Where(i => i.Id == Id && i.SiteId == site.Id && !i.IsDeleted).Select(i => i.Title).FirstOrDefaultAsync(ct);
        if (title is null)
            return false;
        Title = title;
        Postings = await db.Set<CityPagePosting>().AsNoTracking().Where(p => p.ContentItemId == Id).OrderByDescending(p => p.PostedOn).ToListAsync(ct);
        return true;
    }
}
