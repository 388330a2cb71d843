using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Security;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Account;

/// <summary>
/// /account/reset?u=…&amp;t=…: a staff member sets a new password from the one-time link an
/// administrator made (<see cref="PasswordResetLinks"/>). An expired, used or foreign link changes nothing.
/// </summary>
[AllowAnonymous]
public sealed class ResetModel(UserManager<StaffUser> users, ILogger<ResetModel> log) : PageModel
{
    public const string Unusable = "Liên kết đặt lại mật khẩu đã hết hạn, đã được dùng hoặc không đúng. Hãy xin quản trị viên của trang một liên kết mới.";

    [BindProperty(SupportsGet = true, Name = "u")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public string? Error { get; private set; }
    public string? UserName { get; private set; }
    public bool Usable { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await UsableUserAsync() is not { } user)
        {
            return Refuse(Unusable);
        }
        UserName = user.UserName;
        Usable = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await UsableUserAsync() is not { } user)
        {
            return Refuse(Unusable);
        }
        UserName = user.UserName;
        Usable = true;
        if (NewPassword.Length == 0)
        {
            return Invalid(nameof(NewPassword), "Nhập mật khẩu mới.");
        }
        if (NewPassword != ConfirmPassword)
        {
            return Invalid(nameof(ConfirmPassword), "Mật khẩu nhập lại không khớp với mật khẩu mới.");
        }
        var result = await users.ResetPasswordAsync(user, Token!, NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return Refuse(Unusable);
            }
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(nameof(NewPassword), AccountMessages.Password(e));
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        log.LogInformation("User {User} set a new password from a reset link", user.UserName);
        TempData["Message"] = "Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.";
        return Redirect("/account/login");
    }

    /// <summary>The link's account when the link can still be used here: this site's, active, the token good.</summary>
    private async Task<StaffUser?> UsableUserAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || UserId.Length > 100 || Token.Length > 2000)
        {
            return null;
        }
        var user = await users.FindByIdAsync(UserId);
        return user is { IsActive: true } && await StaffSite.IsHomeOfAsync(HttpContext, user) && await PasswordResetLinks.IsValidAsync(users, user, Token)
            ? user : null;
    }

    private PageResult Refuse(string message)
    {
        Usable = false;
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult Invalid(string field, string message)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
