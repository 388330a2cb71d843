using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Security;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(StaffSignInManager signIn, SignInThrottle throttle, ILogger<LoginModel> log) : PageModel
{
    // One answer for an unknown name, a wrong password and a name refused from this address: nothing tells them apart.
    public const string Refused = "Tên đăng nhập hoặc mật khẩu không đúng.";

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public SignInLimits Limits => throttle.Limits;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var addressKey = ClientAddress.Key(HttpContext);
        if (throttle.IsAddressBlocked(addressKey))
        {
            Response.Headers.RetryAfter = ((int)Limits.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests,
                $"Địa chỉ mạng của bạn đã đăng nhập sai {Limits.FailuresPerAddress} lần trong {Minutes} phút nên tạm thời không được thử tiếp. Vui lòng thử lại sau {Minutes} phút.");
        }
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "Nhập tên đăng nhập và mật khẩu.";
            return Page();
        }
        var users = signIn.UserManager;
        var name = UserName.Trim();
        var accountKey = ClientAddress.Key(HttpContext, "sign-in:" + users.NormalizeName(name));
        var user = await users.FindByNameAsync(name);
        if (user is not null && !await StaffSite.IsHomeOfAsync(HttpContext, user))
        {
            user = null; // an account of another site: refused here exactly as an unknown name (StaffSite)
        }
        // Every attempt costs one password hash, so the time taken does not tell whether the name exists.
        bool passwordMatches;
        if (user is null)
        {
            _ = users.PasswordHasher.VerifyHashedPassword(new StaffUser(), throttle.DecoyHash(users.PasswordHasher), Password);
            passwordMatches = false;
        }
        else
        {
            passwordMatches = await users.CheckPasswordAsync(user, Password);
        }
        if (!passwordMatches || throttle.IsAccountBlocked(accountKey))
        {
            throttle.RecordFailure(addressKey, accountKey);
            log.LogWarning("Failed sign-in for {User}", name);
            return Refuse(StatusCodes.Status401Unauthorized, Refused);
        }
        // Said only to someone who knows the password.
        if (!user!.IsActive)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "Tài khoản đã ngừng hoạt động. Liên hệ quản trị hệ thống.");
        }
        var result = await signIn.SignInAfterPasswordAsync(user);
        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin";
        if (result.RequiresTwoFactor)
        {
            log.LogInformation("User {User} passed the password step; asking for the authenticator code", user.UserName);
            return Redirect("/account/login-two-step?ReturnUrl=" + Uri.EscapeDataString(next));
        }
        log.LogInformation("User {User} signed in", user.UserName);
        return LocalRedirect(next);
    }

    private string Minutes => Limits.WindowMinutes.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));

    private PageResult Refuse(int status, string message)
    {
        Response.StatusCode = status;
        Error = message;
        Password = "";
        return Page();
    }
}
