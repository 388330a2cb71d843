using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Account;

/// <summary>
/// /account/two-step: two-step sign-in with an authenticator app, on ASP.NET Core Identity's TOTP
/// (RFC 6238: 6 digits, 30 s): the account's key as a QR code and as text, turned on by a code the app
/// shows (so a key that was never scanned cannot lock anyone out), ten recovery codes shown once,
/// new codes, and turning it off with the password.
/// </summary>
[Authorize]
public sealed class TwoStepModel(StaffSignInManager signIn, SiteContext sites, ILogger<TwoStepModel> log) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";

    public bool IsOn { get; private set; }

    /// <summary>The site requires it of one of the user's roles: it cannot be turned off here.</summary>
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? Key { get; private set; }
    public string? QrCodeDataUri { get; private set; }
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    private UserManager<StaffUser> Users => signIn.UserManager;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        var code = new string(Code.Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || Code.Any(c => !char.IsAsciiDigit(c) && !char.IsWhiteSpace(c) && c != '-'))
        {
            return await InvalidAsync(user, nameof(Code), "Mã gồm đúng 6 chữ số, lấy trong ứng dụng xác thực sau khi quét mã QR.", ct);
        }
        if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return await InvalidAsync(user, nameof(Code), "Mã không đúng. Kiểm tra giờ trên điện thoại (tự động theo mạng) và nhập mã đang hiển thị cho tài khoản này.", ct);
        }
        await Users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await signIn.RefreshSignInAsync(user); // turning it on changed the stamp
        log.LogInformation("User {User} turned on two-step sign-in", user.UserName);
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return Redirect("/account/two-step");
        }
        NewRecoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        log.LogInformation("User {User} made new recovery codes", user.UserName);
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (TwoStepRequirement.AppliesTo(await sites.GetAsync(Request.Host.Host, ct), User))
        {
            return await InvalidAsync(user, nameof(Password), "Trang yêu cầu vai trò của bạn dùng xác thực hai bước nên không tắt được. Mất điện thoại thì dùng mã dự phòng, hoặc nhờ quản trị viên.", ct);
        }
        if (string.IsNullOrEmpty(Password) || !await Users.CheckPasswordAsync(user, Password))
        {
            return await InvalidAsync(user, nameof(Password), "Mật khẩu không đúng; xác thực hai bước vẫn bật.", ct);
        }
        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user); // the old phone's codes stop working
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("User {User} turned off two-step sign-in", user.UserName);
        TempData["Message"] = "Đã tắt xác thực hai bước.";
        return Redirect("/account/me");
    }

    private async Task LoadAsync(StaffUser user, CancellationToken ct)
    {
        Required = TwoStepRequirement.AppliesTo(await sites.GetAsync(Request.Host.Host, ct), User);
        IsOn = await Users.GetTwoFactorEnabledAsync(user);
        if (IsOn)
        {
            RecoveryCodesLeft = await Users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            key = await Users.GetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // a new key changes the stamp
        }
        Key = Grouped(key!);
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var issuer = Uri.EscapeDataString(site.Name);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.UserName ?? "")}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>The key in groups of four letters, as people type it into an app.</summary>
    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();

    private async Task<PageResult> InvalidAsync(StaffUser user, string field, string message, CancellationToken ct)
    {
        ModelState.AddModelError(field, message);
        Code = "";
        Password = "";
        await LoadAsync(user, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
