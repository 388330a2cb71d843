using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Admin.Content;

namespace WardCms.Web.Pages.Admin.Workflow;

/// <summary>Where the workflow buttons post: one move of one item, checked by WorkflowRules.</summary>
public sealed class TransitionModel(EditorialService editorial, WardDbContext db, SiteContext sites, WardCms.Core.CityPage.CityPageExchange exchange) : ContentPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string To { get; set; } = "";
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? PublishAt { get; set; }
    /// <summary>The version the person was shown when they pressed the button.</summary>
    [BindProperty] public int? VersionId { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string Title { get; private set; } = "";
    public string Status { get; private set; } = "";
    /// <summary>The City CCHC page link's words: sending (the city page is in this deployment) or recording by hand; null when neither applies.</summary>
    public string? CityPageAction { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
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
        var result = await editorial.TransitionAsync(Id, To, user, Comment, publishAt, VersionId, ct);
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

    /// <summary>Loads the item; another site's id is 404, another unit's item (for an editor) a 403 that names nothing.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id && i.SiteId == site.Id, ct);
        if (item is null)
            return NotFound();
        var user = await editorial.UserAsync(User, ct);
        if (!await editorial.CanSeeAsync(item, user, ct))
            return Denied("Mục này thuộc phòng khác. Bạn chỉ xem được quy trình duyệt các mục của phòng mình hoặc do bạn soạn.");
        (Title, Status) = (item.Title, item.Status);
        CityPageAction = await exchange.CityPageOfAsync(site, ct) is not null
            ? await exchange.CanSendAsync(item, user, ct) ? "Gửi Trang CCHC Thành phố" : null
            : await editorial.CanRecordCityPostingAsync(item, user, ct) ? "Ghi nhận gửi đăng Trang CCHC Thành phố" : null;
        return null;
    }
}
