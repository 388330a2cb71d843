using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;
using WardCms.Core.Security;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Account;

/// <summary>
/// /account/me, "Tài khoản của tôi": any signed-in staff member changes their own display name and
/// password, signs out their other sessions, and sees whether two-step sign-in is on. Changing the
/// password or signing out elsewhere changes the account's stamp, which every other session's cookie
/// is checked against on its next request; this session is signed in again with the new stamp.
/// </summary>
[Authorize]
public sealed class MeModel(StaffSignInManager signIn, WardCms.Core.Data.WardDbContext db, TimeProvider clock, ILogger<MeModel> log,
    WardCms.Core.Notifications.NotificationMailSettings mail) : PageModel
{
    /// <summary>The address notification e-mail goes to; empty for none.</summary>
    [BindProperty] public string? Email { get; set; }
    /// <summary>The kinds of notification wanted by e-mail (the others come under the bell only).</summary>
    [BindProperty] public List<string> MailKinds { get; set; } = [];
    /// <summary>The password, asked when the e-mail address changes.</summary>
    [BindProperty] public string? NotifyPassword { get; set; }
    public bool MailEnabled => mail.Enabled;

    [BindProperty] public string FullName { get; set; } = "";
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public string UserName { get; private set; } = "";
    public bool TwoStepOn { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>This account's open sessions, the one in use first, then by last use.</summary>
    public List<StaffSession> Sessions { get; private set; } = [];
    public string? CurrentSession => User.FindFirst(StaffSession.Claim)?.Value;

    private UserManager<StaffUser> Users => signIn.UserManager;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadAsync(user);
        FullName = user.FullName;
        Email = user.Email;
        return Page();
    }

    /// <summary>The address and the kinds wanted by e-mail. A malformed address is named and nothing is changed.</summary>
    public async Task<IActionResult> OnPostNotificationsAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadAsync(user);
        FullName = user.FullName;
        Email = (Email ?? "").Trim();
        // A bare address ("ten@hanoi.gov.vn"), not "Tên <ten@…>" or a list.
        var isAddress = System.Net.Mail.MailAddress.TryCreate(Email, out var parsed) && parsed.Address == Email && parsed.DisplayName.Length == 0;
        if (Email.Length > 256 || (Email.Length > 0 && !isAddress))
        {
            return Invalid(nameof(Email), $"“{Email}” không phải là địa chỉ thư điện tử (ví dụ: ten@hanoi.gov.vn).");
        }
        var unknown = MailKinds.FirstOrDefault(k => !WardCms.Core.Notifications.NotificationKinds.IsKnown(k));
        if (unknown is not null)
        {
            return Invalid(nameof(MailKinds), "Có loại thông báo không hợp lệ.");
        }
        // A new address receives reset links ("Quên mật khẩu"): changing it takes the password, so a
        // session left open cannot be turned into the account.
        var changed = !string.Equals(Email, user.Email ?? "", StringComparison.OrdinalIgnoreCase);
        if (changed && Email.Length > 0 && !await Users.CheckPasswordAsync(user, NotifyPassword ?? ""))
        {
            NotifyPassword = null;
            return Invalid(nameof(NotifyPassword), "Nhập đúng mật khẩu hiện tại để đổi địa chỉ thư điện tử.");
        }
        user.Email = Email.Length == 0 ? null : Email;
        user.EmailConfirmed = false;
        var optOuts = db.Set<WardCms.Core.Notifications.NotificationMailOptOut>();
        optOuts.RemoveRange(await optOuts.Where(o => o.UserId == user.Id).ToListAsync());
        optOuts.AddRange(WardCms.Core.Notifications.NotificationKinds.All.Select(k => k.Kind).Except(MailKinds)
            .Select(k => new WardCms.Core.Notifications.NotificationMailOptOut { UserId = user.Id, Kind = k }));
        var result = await Users.UpdateAsync(user); // saves the choices with it
        if (!result.Succeeded)
        {
            return Invalid(nameof(Email), string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        TempData["Message"] = user.Email is null ? "Đã lưu: không nhận thông báo qua thư điện tử." : $"Đã lưu: thông báo đã chọn được gửi tới {user.Email}.";
        return Redirect("/account/me#thong-bao");
    }

    public async Task<IActionResult> OnPostNameAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadAsync(user);
        FullName = Vietnamese.Nfc(FullName ?? "").Trim();
        if (FullName.Length is 0 or > 200)
        {
            return Invalid(nameof(FullName), "Nhập họ và tên (tối đa 200 ký tự).");
        }
        user.FullName = FullName;
        await Users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user); // the top bar shows the new name at once
        TempData["Message"] = "Đã lưu họ và tên.";
        return Redirect("/account/me");
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadAsync(user);
        FullName = user.FullName;
        if (CurrentPassword.Length == 0)
        {
            ModelState.AddModelError(nameof(CurrentPassword), "Nhập mật khẩu hiện tại.");
        }
        if (NewPassword.Length == 0)
        {
            ModelState.AddModelError(nameof(NewPassword), "Nhập mật khẩu mới.");
        }
        else if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "Mật khẩu nhập lại không khớp với mật khẩu mới.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var result = await Users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword), AccountMessages.Password(e));
            }
            return Invalid();
        }
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("User {User} changed their password", user.UserName);
        TempData["Message"] = "Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã bị đăng xuất.";
        return Redirect("/account/me");
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await Users.UpdateSecurityStampAsync(user);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = CurrentSession;
        await db.Set<StaffSession>().Where(s => s.UserId == user.Id && s.EndedUtc == null && s.Id != current)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedUtc, now));
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("User {User} signed out their other sessions", user.UserName);
        TempData["Message"] = "Đã đăng xuất tài khoản khỏi mọi thiết bị khác; phiên này vẫn đăng nhập.";
        return Redirect("/account/me");
    }

    /// <summary>Ends one other session of this account ("Đăng xuất phiên này"): its cookie is refused on its next request.</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(string? session)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (session == CurrentSession)
        {
            TempData["Message"] = "Đây là phiên bạn đang dùng; muốn thoát thì bấm Đăng xuất.";
            return Redirect("/account/me");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await db.Set<StaffSession>().Where(s => s.Id == session && s.UserId == user.Id && s.EndedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedUtc, now));
        if (ended == 0)
        {
            return NotFound();
        }
        log.LogInformation("User {User} ended one of their sessions", user.UserName);
        TempData["Message"] = "Đã đăng xuất phiên đó; thiết bị ấy phải đăng nhập lại.";
        return Redirect("/account/me");
    }

    private async Task LoadAsync(StaffUser user)
    {
        var current = CurrentSession;
        // Open sessions: not ended, used within the sign-in cookie's lifetime (ten hours, sliding).
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-10);
        Sessions = (await db.Set<StaffSession>().AsNoTracking().Where(s => s.UserId == user.Id && s.EndedUtc == null && s.LastSeenUtc >= since).ToListAsync())
            .OrderByDescending(s => s.Id == current).ThenByDescending(s => s.LastSeenUtc).ToList();
        UserName = user.UserName ?? "";
        Email ??= user.Email;
        var off = await db.Set<WardCms.Core.Notifications.NotificationMailOptOut>().Where(o => o.UserId == user.Id).Select(o => o.Kind).ToListAsync();
        if (Request.Method != "POST" || MailKinds.Count == 0)
        {
            MailKinds = WardCms.Core.Notifications.NotificationKinds.All.Select(k => k.Kind).Except(off).ToList();
        }
        TwoStepOn = await Users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = TwoStepOn ? await Users.CountRecoveryCodesAsync(user) : 0;
    }

    private PageResult Invalid(string? field = null, string? message = null)
    {
        if (field is not null)
        {
            ModelState.AddModelError(field, message!);
        }
        CurrentPassword = NewPassword = ConfirmPassword = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
