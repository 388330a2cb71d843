using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Engagement;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Feedback;

/// <summary>Citizens' feedback for moderation: comments stay Pending (never public) until approved.</summary>
public sealed class IndexModel(SiteContext sites, WardDbContext db, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "pending";
    [BindProperty(SupportsGet = true)] public int? Item { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PendingCount { get; private set; }
    public string? ItemTitle { get; private set; }
    public List<(int Id, string Title, int Count)> ItemsWithFeedback { get; private set; } = [];
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));

    public static readonly IReadOnlyList<(string Value, string Name)> StatusFilters =
    [
        ("pending", "Chờ duyệt"),
        ("approved", "Đã duyệt"),
        ("hidden", "Đã ẩn"),
        ("all", "Tất cả"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var query = db.Set<Core.Engagement.Feedback>().AsNoTracking().Where(f => f.SiteId == site.Id);
        PendingCount = await query.CountAsync(f => f.Status == FeedbackStatus.Pending, ct);
        ItemsWithFeedback = (await query.GroupBy(f => f.ContentItemId).Select(g => new { Id = g.Key, Count = g.Count() })
                .Join(db.ContentItems, g => g.Id, i => i.Id, (g, i) => new { g.Id, i.Title, g.Count }).ToListAsync(ct))
            .OrderBy(x => x.Title, StringComparer.Create(PublishedContent.Vi, false)).Select(x => (x.Id, x.Title, x.Count)).ToList();
        if (ParseStatus(Status) is { } status)
        {
            query = query.Where(f => f.Status == status);
        }
        else
        {
            Status = "all";
        }
        if (Item is { } itemId)
        {
            query = query.Where(f => f.ContentItemId == itemId);
            ItemTitle = await db.ContentItems.Where(i => i.Id == itemId && i.SiteId == site.Id).Select(i => i.Title).FirstOrDefaultAsync(ct);
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await query.OrderByDescending(f => f.CreatedUtc).ThenByDescending(f => f.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.ContentItems, f => f.ContentItemId, i => i.Id, (f, i) => new { f, i.Title, i.ContentType, i.PublishedSlug })
            .ToListAsync(ct);
        var types = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == site.Id).ToListAsync(ct)).ToDictionary(t => t.Name, t => t.Settings);
        Rows = rows.Select(r => new Row(r.f.Id, r.f.ContentItemId, r.Title, types.GetValueOrDefault(r.ContentType)?.UrlFor(r.PublishedSlug),
            r.f.Helpful, r.f.Comment, r.f.CreatedUtc, r.f.Status, r.f.PublicComment, r.f.Reply)).ToList();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) => ModerateAsync(id, FeedbackStatus.Approved, "Đã duyệt ý kiến.", ct);

    // One click from the list: hide phone numbers and e-mails in the public text (the original is kept), then approve.
    public async Task<IActionResult> OnPostRedactApproveAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var feedback = await db.Set<Core.Engagement.Feedback>().FirstOrDefaultAsync(f => f.Id == id && f.SiteId == site.Id, ct);
        if (feedback is null)
        {
            return NotFound();
        }
        if (feedback.ShownComment is { } shown && PersonalDataRedactor.HasPersonalData(shown))
        {
            feedback.PublicComment = PersonalDataRedactor.Redact(shown);
        }
        return await ModerateAsync(id, FeedbackStatus.Approved, "Đã che thông tin cá nhân và duyệt ý kiến; bản gốc vẫn được lưu.", ct, feedback);
    }

    public Task<IActionResult> OnPostHideAsync(int id, CancellationToken ct) => ModerateAsync(id, FeedbackStatus.Hidden, "Đã ẩn ý kiến; ý kiến này không được tính vào thống kê.", ct);

    private async Task<IActionResult> ModerateAsync(int id, FeedbackStatus status, string message, CancellationToken ct, Core.Engagement.Feedback? loaded = null)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var feedback = loaded ?? await db.Set<Core.Engagement.Feedback>().FirstOrDefaultAsync(f => f.Id == id && f.SiteId == site.Id, ct);
        if (feedback is null)
        {
            return NotFound();
        }
        feedback.Status = status;
        feedback.ModeratedById = users.GetUserId(User);
        feedback.ModeratedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = message;
        return Redirect(Link(page: PageNumber));
    }

    public string Link(string? status = null, int? page = null, bool keepItem = true)
    {
        var q = new List<string> { $"status={status ?? Status}" };
        if (keepItem && Item is { } i)
        {
            q.Add($"item={i}");
        }
        if (page is > 1)
        {
            q.Add($"trang={page}");
        }
        return "/admin/feedback?" + string.Join('&', q);
    }

    private static FeedbackStatus? ParseStatus(string? value) => value switch
    {
        "pending" => FeedbackStatus.Pending,
        "approved" => FeedbackStatus.Approved,
        "hidden" => FeedbackStatus.Hidden,
        _ => null,
    };

    public sealed record Row(int Id, int ItemId, string ItemTitle, string? ItemUrl, bool Helpful, string? Comment, DateTime CreatedUtc, FeedbackStatus Status, string? PublicComment, string? Reply)
    {
        public string? Shown => PublicComment ?? Comment;
        public bool HasPersonalData => PersonalDataRedactor.HasPersonalData(Shown);
    }
}
