using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Handbook;
using WardCms.Core.Data;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Admin.Content;

namespace WardCms.Web.Pages.Admin.Handbook;

/// <summary>Handbook entries due for review: confirm one is still accurate, or open it to edit.</summary>
public sealed class IndexModel(SiteContext sites, HandbookReviewService reviews, WardDbContext db, TimeProvider clock) : ContentPageModel
{
    public IReadOnlyList<HandbookReviewStatus> Overdue { get; private set; } = [];
    public IReadOnlyList<HandbookReviewStatus> DueSoon { get; private set; } = [];
    public int Total { get; private set; }
    public DateTime NowUtc { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var all = await reviews.StatusesAsync(site.Id, ct);
        Total = all.Count;
        Overdue = all.Where(s => s.IsOverdue(NowUtc)).ToList();
        DueSoon = all.Where(s => s.IsDueSoon(NowUtc)).ToList();
    }

    public async Task<IActionResult> OnPostReviewAsync(int itemId, string? note, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if ((note ?? "").Length > 1000)
        {
            Flash = "Ghi chú rà soát tối đa 1000 ký tự; chưa ghi nhận.";
            return RedirectToPage();
        }
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.SiteId == site.Id, ct);
        if (item is null)
        {
            return NotFound();
        }
        // "Vẫn đúng" vouches for the entry's text: its own unit's call, like editing it.
        if (!(await ContentEditorUser.LoadAsync(db, User, ct)).CanEdit(item))
        {
            return Denied("Mục cẩm nang này thuộc phòng khác. Bạn chỉ ghi nhận rà soát được các mục của phòng mình hoặc do bạn soạn.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var status = await reviews.StatusAsync(site.Id, itemId, ct);
        if (status is null || !await reviews.RecordAsync(site.Id, itemId, User.FindFirstValue(ClaimTypes.NameIdentifier), note ?? "", now, ct))
        {
            return NotFound();
        }
        Flash = $"Đã ghi nhận “{status.Title}” vẫn chính xác. Kỳ rà soát tiếp theo: {Core.Content.PublishedContent.FormatDate(now.AddMonths(status.ReviewMonths))}.";
        return RedirectToPage();
    }
}
