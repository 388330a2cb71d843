using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Security;

namespace WardCms.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, ILogger<LoginModel> log) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "Nhập tên đăng nhập và mật khẩu.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("User {User} signed in", UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Error = result.IsLockedOut
            ? "Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."
            : result.IsNotAllowed
                ? "Tài khoản đã ngừng hoạt động. Liên hệ quản trị hệ thống."
                : "Tên đăng nhập hoặc mật khẩu không đúng.";
        Password = "";
        return Page();
    }
}
