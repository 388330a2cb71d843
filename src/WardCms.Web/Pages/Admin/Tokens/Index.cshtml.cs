using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Security;

namespace WardCms.Web.Pages.Admin.Tokens;

/// <summary>Each staff member's own API tokens: create (shown once), list, revoke.</summary>
public sealed class IndexModel(WardDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Name { get; set; }

    public List<ApiToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public string? NameError { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Vietnamese.Nfc((Name ?? "").Trim());
        if (name.Length is 0 or > 100)
        {
            NameError = "Tên khóa cần từ 1 đến 100 ký tự (ví dụ: \"Bảng tính báo cáo quý\").";
            Response.StatusCode = 400;
            await LoadAsync(ct);
            return Page();
        }
        var siteId = await db.Users.Where(u => u.Id == UserId).Select(u => u.SiteId).FirstAsync(ct);
        var token = ApiToken.NewToken();
        db.Set<ApiToken>().Add(new ApiToken
        {
            SiteId = siteId, UserId = UserId, Name = name, TokenHash = ApiToken.Hash(token), CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        // Shown in this response only; only the hash is stored.
        NewToken = token;
        Name = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var n = await db.Set<ApiToken>().Where(t => t.Id == id && t.UserId == UserId && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, clock.GetUtcNow().UtcDateTime), ct);
        if (n == 0)
            return NotFound();
        TempData["Message"] = "Đã thu hồi khóa API.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Tokens = await db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == UserId).OrderByDescending(t => t.CreatedUtc).ToListAsync(ct);
}
