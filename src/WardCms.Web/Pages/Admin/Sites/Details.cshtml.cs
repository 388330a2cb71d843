using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Admin.Sites;

/// <summary>
/// /admin/sites/{id}: one site for the city's operators. Its state (suspend, resume, archive, bring
/// back; the operator site and the last serving site cannot be closed), its staff with the
/// administrators first (add an administrator, hand out a one-time set-password link, lock or unlock
/// an account), and the operations history the site's own administrators also read. Refusals say why
/// in Vietnamese with a 4xx, keep what was typed and change nothing.
/// </summary>
public sealed class DetailsModel(SiteOperations operations, UserManager<StaffUser> users) : PageModel
{
    [FromRoute] public int Id { get; set; }

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? NewState { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? StaffId { get; set; }

    public Site Site { get; private set; } = null!;
    public IReadOnlyList<OperatedStaff> Staff { get; private set; } = [];
    public IReadOnlyList<StaffRole> AdministratorRoles { get; private set; } = [];
    public IReadOnlyList<SiteSettingsChange> History { get; private set; } = [];
    public bool IsOperatorSite { get; private set; }
    /// <summary>The refusal of the last action, shown above its form.</summary>
    public string? Error { get; private set; }
    /// <summary>Which form the error belongs to: "state" or "admin".</summary>
    public string? ErrorFor { get; private set; }
    /// <summary>A one-time set-password link just issued, and for whom.</summary>
    public (string UserName, string Url)? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStateAsync(CancellationToken ct) => ActAsync("state", async by =>
    {
        await operations.ChangeStateAsync(Id, NewState ?? "", Note ?? "", by, ct);
        TempData["Message"] = NewState switch
        {
            SiteStates.Suspended => "Đã tạm ngừng trang. Người xem thấy thông báo tạm ngừng; cán bộ của trang không đăng nhập được.",
            SiteStates.Archived => "Đã lưu trữ trang. Dữ liệu của trang vẫn được giữ.",
            _ => "Trang đã hoạt động trở lại.",
        };
        return Redirect($"/admin/sites/{Id}");
    }, ct);

    public Task<IActionResult> OnPostAddAdminAsync(CancellationToken ct) => ActAsync("admin", async by =>
    {
        var (user, token) = await operations.AddAdministratorAsync(Id, UserName ?? "", FullName ?? "", Role ?? "", by, ct);
        await LoadAsync(ct);
        Link = (user.UserName ?? "", LinkUrl(user.Id, token));
        (UserName, FullName) = (null, null);
        ModelState.Clear();
        return Page();
    }, ct);

    public Task<IActionResult> OnPostLinkAsync(CancellationToken ct) => ActAsync("staff", async by =>
    {
        var (user, token) = await operations.PasswordTokenAsync(Id, StaffId ?? "", by, ct);
        await LoadAsync(ct);
        Link = (user.UserName ?? "", LinkUrl(user.Id, token));
        return Page();
    }, ct);

    public Task<IActionResult> OnPostLockAsync(CancellationToken ct) => SetActiveAsync(false, ct);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) => SetActiveAsync(true, ct);

    private Task<IActionResult> SetActiveAsync(bool active, CancellationToken ct) => ActAsync("staff", async by =>
    {
        await operations.SetActiveAsync(Id, StaffId ?? "", active, by, ct);
        TempData["Message"] = active ? "Đã mở khoá tài khoản." : "Đã khoá tài khoản; các phiên đăng nhập của tài khoản kết thúc ngay.";
        return Redirect($"/admin/sites/{Id}");
    }, ct);

    private async Task<IActionResult> ActAsync(string form, Func<SiteOperator, Task<IActionResult>> act, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            return await act(await NewModel.OperatorAsync(users, User));
        }
        catch (SiteOperationException ex) when (ex.Status != StatusCodes.Status404NotFound)
        {
            (Error, ErrorFor) = (ex.Message, form);
            Response.StatusCode = ex.Status;
            await LoadAsync(ct);
            return Page();
        }
        catch (SiteOperationException)
        {
            return NotFound();
        }
    }

    // On the site's own address: the account signs in there, never here.
    private string LinkUrl(string userId, string token) =>
        PasswordResetLinks.Url(WardCms.Web.Pages.Content.PublicUrls.SiteBaseUrl(Site, Request), userId, token);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await operations.FindAsync(Id, ct) is not { } site)
        {
            return false;
        }
        Site = site;
        var me = await users.GetUserAsync(User);
        IsOperatorSite = me?.SiteId == site.Id;
        Staff = await operations.StaffAsync(Id, ct);
        AdministratorRoles = await operations.AdministratorRolesAsync(ct);
        History = await operations.HistoryAsync(Id, ct: ct);
        return true;
    }
}
