using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Account;

/// <summary>
/// The second step of signing in for an account with two-step sign-in: the six-digit code of the
/// authenticator app, or one of the account's recovery codes. Identity keeps who passed the password
/// step in its two-step cookie (five minutes); wrong codes are throttled like wrong passwords.
/// </summary>
[AllowAnonymous]
public sealed class LoginTwoStepModel(StaffSignInManager signIn, SignInThrottle throttle, ILogger<LoginTwoStepModel> log) : PageModel
{
    public const string WrongCode = "Mã không đúng hoặc đã hết hạn. Mở ứng dụng xác thực và nhập mã đang hiển thị.";
    public const string WrongRecoveryCode = "Mã dự phòng không đúng hoặc đã được dùng.";
    public const string Expired = "Bước đăng nhập đã quá 5 phút. Hãy đăng nhập lại bằng mật khẩu.";

    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public bool UseRecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool recovery = false)
    {
        UseRecoveryCode = recovery;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            TempData["Message"] = Expired;
            return Redirect("/account/login");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var addressKey = ClientAddress.Key(HttpContext);
        if (throttle.IsAddressBlocked(addressKey))
        {
            Response.Headers.RetryAfter = ((int)throttle.Limits.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, $"Đã nhập sai quá nhiều lần. Vui lòng thử lại sau {throttle.Limits.WindowMinutes:0.##} phút.");
        }
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["Message"] = Expired;
            return Redirect("/account/login");
        }
        var accountKey = ClientAddress.Key(HttpContext, "two-step:" + user.Id);
        if (throttle.IsAccountBlocked(accountKey))
        {
            return Refuse(StatusCodes.Status429TooManyRequests, $"Đã nhập sai quá nhiều lần. Vui lòng thử lại sau {throttle.Limits.WindowMinutes:0.##} phút.");
        }
        // "123 456" as some apps show it; a recovery code keeps its dash ("abcde-12345").
        var code = UseRecoveryCode ? Code.Trim() : new string(Code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (!UseRecoveryCode && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Mã gồm đúng 6 chữ số, ví dụ 123456.");
        }
        if (code.Length is 0 or > 64)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Nhập một mã dự phòng (mỗi mã dùng được một lần).");
        }
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            throttle.RecordFailure(addressKey, accountKey);
            log.LogWarning("Wrong two-step code for {User}", user.UserName);
            return Refuse(StatusCodes.Status401Unauthorized, UseRecoveryCode ? WrongRecoveryCode : WrongCode);
        }
        log.LogInformation("User {User} signed in with {Kind}", user.UserName, UseRecoveryCode ? "a recovery code" : "an authenticator code");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
    }

    private PageResult Refuse(int status, string message)
    {
        Response.StatusCode = status;
        Error = message;
        Code = "";
        return Page();
    }
}
