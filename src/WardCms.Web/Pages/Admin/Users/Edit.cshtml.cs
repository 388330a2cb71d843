using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Admin.Users;

public sealed class EditModel(SiteContext sites, WardDbContext db, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public bool IsNew { get; private set; } = true;
    public bool IsActive { get; private set; } = true;
    public string? NewPassword { get; private set; }
    public string? ResetLink { get; private set; }
    public bool TwoStepOn { get; private set; }
    public List<SelectListItem> UnitOptions { get; private set; } = [];
    public List<StaffRole> RoleOptions { get; private set; } = [];

    public sealed class UserInput
    {
        public string UserName { get; set; } = "";
        public string FullName { get; set; } = "";
        public string? Email { get; set; }
        public int? UnitId { get; set; }
        public List<string> Roles { get; set; } = [];
        public string? Password { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (id is not null)
        {
            var user = await FindAsync(id, ct);
            if (user is null)
            {
                return NotFound();
            }
            Input = new UserInput
            {
                UserName = user.UserName ?? "",
                FullName = user.FullName,
                Email = user.Email,
                UnitId = user.UnitId,
                Roles = (await users.GetRolesAsync(user)).ToList(),
            };
            IsNew = false;
            IsActive = user.IsActive;
            TwoStepOn = user.TwoFactorEnabled;
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        await LoadOptionsAsync(ct);
        StaffUser? user = null;
        if (id is not null)
        {
            user = await FindAsync(id, ct);
            if (user is null)
            {
                return NotFound();
            }
            IsNew = false;
            IsActive = user.IsActive;
            Input.UserName = user.UserName ?? "";
        }
        Input.FullName = Vietnamese.Nfc(Input.FullName).Trim();
        Input.UserName = Input.UserName.Trim();
        Input.Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        Validate(site);
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        if (user is null)
        {
            if (await users.FindByNameAsync(Input.UserName) is not null)
            {
                ModelState.AddModelError("Input.UserName", $"Tên đăng nhập “{Input.UserName}” đã có người dùng.");
                return Invalid();
            }
            user = new StaffUser { UserName = Input.UserName, SiteId = site.Id, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            Apply(user);
            var password = string.IsNullOrEmpty(Input.Password) ? FirstRunSetup.GeneratePassword() : Input.Password;
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                foreach (var e in created.Errors)
                {
                    ModelState.AddModelError(e.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.UserName", Translate(e));
                }
                return Invalid();
            }
            await users.AddToRolesAsync(user, Input.Roles);
            TempData["Message"] = string.IsNullOrEmpty(Input.Password)
                ? $"Đã tạo tài khoản {user.UserName}. Mật khẩu ban đầu: {password} (chỉ hiển thị lần này)."
                : $"Đã tạo tài khoản {user.UserName}.";
            return Redirect($"/admin/users/edit/{user.Id}");
        }

        Apply(user);
        await users.UpdateAsync(user);
        var current = await users.GetRolesAsync(user);
        var removed = current.Except(Input.Roles).ToList();
        var added = Input.Roles.Except(current).ToList();
        await users.RemoveFromRolesAsync(user, removed);
        await users.AddToRolesAsync(user, added);
        if (removed.Count + added.Count > 0)
        {
            // The new stamp ends the user's sessions at once (checked on every request); they sign in with the new roles.
            await users.UpdateSecurityStampAsync(user);
        }
        TempData["Message"] = "Đã lưu tài khoản.";
        return Redirect($"/admin/users/edit/{user.Id}");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        var password = FirstRunSetup.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await users.ResetPasswordAsync(user, token, password);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        NewPassword = password;
        return await OnGetAsync(id, ct);
    }

    /// <summary>A one-time link (a day) with which the staff member sets a password only they know.</summary>
    public async Task<IActionResult> OnPostResetLinkAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        ResetLink = await Security.PasswordResetLinks.CreateAsync(users, user, Request);
        return await OnGetAsync(id, ct);
    }

    /// <summary>For a staff member who lost the phone and the recovery codes: password alone again, until they turn it back on.</summary>
    public async Task<IActionResult> OnPostDisableTwoStepAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        TempData["Message"] = "Đã tắt xác thực hai bước của tài khoản; cán bộ đăng nhập lại bằng mật khẩu và nên bật lại với điện thoại mới.";
        return Redirect($"/admin/users/edit/{id}");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken ct) => await SetActiveAsync(id, false, ct);

    public async Task<IActionResult> OnPostActivateAsync(string id, CancellationToken ct) => await SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(string id, bool active, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        if (!active && user.Id == users.GetUserId(User))
        {
            TempData["Message"] = "Không thể tự ngừng hoạt động tài khoản đang đăng nhập.";
            return Redirect($"/admin/users/edit/{id}");
        }
        user.IsActive = active;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        TempData["Message"] = active ? "Đã kích hoạt lại tài khoản." : "Đã ngừng hoạt động tài khoản; cán bộ sẽ bị đăng xuất.";
        return Redirect($"/admin/users/edit/{id}");
    }

    private void Validate(WardCms.Core.Sites.Site site)
    {
        if (IsNew && (Input.UserName.Length is < 3 or > 64 || !Input.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            ModelState.AddModelError("Input.UserName", "Tên đăng nhập dài 3–64 ký tự, chỉ gồm chữ không dấu, chữ số và . _ -");
        }
        if (Input.FullName.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.FullName", "Nhập họ và tên (tối đa 200 ký tự).");
        }
        if (Input.Email is not null && !new EmailAddressAttribute().IsValid(Input.Email))
        {
            ModelState.AddModelError("Input.Email", $"“{Input.Email}” không phải địa chỉ thư điện tử hợp lệ.");
        }
        if (Input.UnitId is { } unitId && !UnitOptions.Any(u => u.Value == unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.UnitId", "Phòng, đơn vị đã chọn không tồn tại.");
        }
        var unknown = Input.Roles.Except(RoleOptions.Select(r => r.Name!)).ToList();
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Input.Roles", $"Vai trò không tồn tại: {string.Join(", ", unknown)}.");
        }
        if (Input.Roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", "Chọn ít nhất một vai trò.");
        }
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Apply(StaffUser user)
    {
        user.FullName = Input.FullName;
        user.Email = Input.Email;
        user.UnitId = Input.UnitId;
    }

    private async Task<StaffUser?> FindAsync(string id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        return await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.SiteId == site.Id, ct);
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        UnitOptions = await db.Units.Where(u => u.SiteId == site.Id).OrderBy(u => u.Order)
            .Select(u => new SelectListItem(u.Name, u.Id.ToString())).ToListAsync(ct);
        RoleOptions = await db.Roles.OrderBy(r => r.Name).ToListAsync(ct);
    }

    private static string Translate(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => "Mật khẩu cần ít nhất 10 ký tự.",
        "PasswordRequiresDigit" => "Mật khẩu cần có ít nhất một chữ số.",
        "PasswordRequiresLower" => "Mật khẩu cần có ít nhất một chữ thường.",
        "DuplicateUserName" => "Tên đăng nhập đã có người dùng.",
        "InvalidUserName" => "Tên đăng nhập không hợp lệ.",
        _ => e.Description,
    };
}
