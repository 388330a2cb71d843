using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Notifications;
using WardCms.Web.Pages.Shared;

namespace WardCms.Web.Pages.Admin.Notifications;

/// <summary>
/// /admin/notifications, "Thông báo": what the signed-in person was told, newest first, unread ones
/// marked; opening one marks it read and goes where to act; "Đánh dấu đã đọc tất cả". Each person
/// sees their own only (and only on their site).
/// </summary>
public sealed class IndexModel(WardDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Notification> Rows { get; private set; } = [];
    public int Unread { get; private set; }
    public PagerModel Pager { get; private set; } = new(1, 1, "/admin/notifications");

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private IQueryable<Notification> Mine => db.Set<Notification>().Where(n => n.UserId == Me);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var total = await Mine.CountAsync(ct);
        Unread = await Mine.CountAsync(n => n.ReadUtc == null, ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        Rows = await Mine.AsNoTracking().OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Pager = new PagerModel(PageNumber, pages, "/admin/notifications");
    }

    /// <summary>Marks it read and goes to where to act (an admin path; anything else stays here).</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct)
    {
        var n = await Mine.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null)
        {
            return NotFound();
        }
        n.ReadUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Redirect(IsAdminPath(n.Link) ? n.Link : "/admin/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await Mine.Where(n => n.ReadUtc == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, now), ct);
        TempData["Message"] = count > 0 ? $"Đã đánh dấu {count} thông báo là đã đọc." : "Không có thông báo nào chưa đọc.";
        return Redirect("/admin/notifications");
    }

    private static bool IsAdminPath(string link) =>
        link.StartsWith("/admin/", StringComparison.Ordinal) && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains('\\');

    public static string KindName(string kind) => NotificationKinds.All.FirstOrDefault(k => k.Kind == kind).Name ?? kind;
}
