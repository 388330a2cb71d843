using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Workflow;

/// <summary>Where the workflow buttons post: one move of one item, checked by WorkflowRules.</summary>
public sealed class TransitionModel(EditorialService editorial, WardDbContext db, SiteContext sites) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string To { get; set; } = "";
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? PublishAt { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string Title { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var user = await editorial.UserAsync(User, ct);
        var options = await editorial.TransitionsAsync(Id, user, ct);
        DateTime? publishAt = null;
        if (!string.IsNullOrWhiteSpace(PublishAt))
        {
            publishAt = AdminFormat.ParseLocal(PublishAt);
            if (publishAt is null)
                return Refuse(400, "Thời điểm xuất bản không hợp lệ (cần ngày và giờ).", "PublishAt");
        }
        var allowed = options?.Transitions.Any(t => t.To == To) == true;
        var result = await editorial.TransitionAsync(Id, To, user, Comment, publishAt, ct);
        if (!result.Succeeded)
            return Refuse(allowed ? 400 : 403, result.Error!, result.Field);
        TempData["Message"] = $"Đã chuyển \"{Title}\" sang \"{ContentStatus.DisplayName(result.Item!.Status)}\".";
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage(new { Id });
    }

    private IActionResult Refuse(int status, string message, string? field)
    {
        Error = message;
        ErrorField = field;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await db.ContentItems.AsNoTracking().Where(i => i.Id == Id && i.SiteId == site.Id)
            .Select(i => new { i.Title, i.Status }).FirstOrDefaultAsync(ct);
        if (item is null)
            return false;
        (Title, Status) = (item.Title, item.Status);
        return true;
    }
}
