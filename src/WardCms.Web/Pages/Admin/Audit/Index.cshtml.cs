using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Audit;

/// <summary>The whole audit trail, for administrators: by user, item, date range; 50 a page.</summary>
public sealed class IndexModel(WardDbContext db, SiteContext sites) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Item { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public List<(string Id, string Name)> Users { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public sealed record Row(AuditEntry Entry, string ItemTitle);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Users = (await db.Users.Where(u => u.SiteId == site.Id).OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName, u.FullName }).ToListAsync(ct))
            .Select(u => (u.Id, $"{u.FullName} ({u.UserName})")).ToList();
        var q = db.Set<AuditEntry>().AsNoTracking().Where(a => a.SiteId == site.Id);
        if (!string.IsNullOrEmpty(UserId))
            q = q.Where(a => a.UserId == UserId);
        if (Item is { } item)
            q = q.Where(a => a.ContentItemId == item);
        if (Date(From, "From") is { } from)
        {
            var (fromUtc, _) = PlanProgressService.UtcRange(from, from);
            q = q.Where(a => a.AtUtc >= fromUtc);
        }
        if (Date(To, "To") is { } to)
        {
            var (_, toUtc) = PlanProgressService.UtcRange(to, to);
            q = q.Where(a => a.AtUtc <= toUtc);
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = 400;
            return Page();
        }
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await q.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a, db.ContentItems.Where(i => i.Id == a.ContentItemId).Select(i => i.Title).FirstOrDefault() ?? ""))
            .ToListAsync(ct);
        return Page();
    }

    private DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        Errors[field] = field == "From" ? "Ngày bắt đầu không hợp lệ." : "Ngày kết thúc không hợp lệ.";
        return null;
    }

    public string PageLink(int page) =>
        $"?userId={Uri.EscapeDataString(UserId ?? "")}&item={Item}&from={From}&to={To}&p={page}";
}
