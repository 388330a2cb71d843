using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using WardCms.Core.Language;
using WardCms.Core.Notifications;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Web.Notifications;
using WardCms.Web.Security;

namespace WardCms.Web.Pages.Account;

/// <summary>
/// /account/forgot, "Quên mật khẩu": where SMTP is configured, a staff member types their user name or
/// e-mail address and a one-time reset link (<see cref="PasswordResetLinks"/>, 24 hours) is e-mailed to
/// the address on the account. The answer is the same whether or not such an account exists (nobody
/// learns which names and addresses are staff's), the link is never stored, and requests are limited
/// per client address. Without SMTP the page says to ask the site's administrator for a link.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimit)]
public sealed class ForgotModel(UserManager<StaffUser> users, SiteContext sites, NotificationMailSettings mail, NotificationMailer mailer,
    OutgoingMail outgoing, ILogger<ForgotModel> log) : PageModel
{
    public const string RateLimit = "account-recovery";
    public const string Sent = "Nếu tên đăng nhập hoặc địa chỉ này thuộc một tài khoản của trang có địa chỉ thư điện tử, liên kết đặt lại mật khẩu đã được gửi tới địa chỉ đó. Liên kết dùng được một lần trong 24 giờ; hãy xem cả hộp thư rác.";

    [BindProperty] public string? Name { get; set; }

    /// <summary>E-mail is configured and the site has an address a link can be trusted to point to.</summary>
    public bool MailEnabled { get; private set; }
    public bool Done { get; private set; }

    private async Task<(Site Site, string? BaseUrl)> SiteAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var baseUrl = WardCms.Web.Pages.Content.PublicUrls.TrustedBaseUrl(site, Request);
        MailEnabled = mail.Enabled && baseUrl is not null;
        return (site, baseUrl);
    }

    public async Task OnGetAsync(CancellationToken ct) => await SiteAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (site, baseUrl) = await SiteAsync(ct);
        if (!MailEnabled)
        {
            // The page says to ask the administrator instead.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Name = TextInput.CleanLine(Name).Trim();
        if (Name.Length is 0 or > 256)
        {
            ModelState.AddModelError(nameof(Name), "Nhập tên đăng nhập hoặc địa chỉ thư điện tử của tài khoản.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The request is confined to this site: another site's accounts are not found.
        var normalized = users.NormalizeName(Name);
        var email = users.NormalizeEmail(Name);
        var found = await users.Users.Where(u => u.IsActive && u.Email != null && (u.NormalizedUserName == normalized || u.NormalizedEmail == email))
            .ToListAsync(ct);
        foreach (var user in found)
        {
            var link = PasswordResetLinks.Url(baseUrl!, user.Id, await users.GeneratePasswordResetTokenAsync(user));
            var message = new MimeMessage { Subject = $"Đặt lại mật khẩu – {site.Name}" };
            message.From.Add(mailer.Sender(site.Name));
            message.To.Add(new MailboxAddress(user.FullName.Length > 0 ? user.FullName : user.UserName, user.Email!));
            message.Body = new TextPart("plain")
            {
                Text = $"""
                    Kính gửi {(user.FullName.Length > 0 ? user.FullName : user.UserName)},

                    Có yêu cầu đặt lại mật khẩu cho tài khoản {user.UserName} tại {site.Name}.
                    Mở liên kết sau để đặt mật khẩu mới (dùng được một lần trong 24 giờ):

                    {link}

                    Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn dùng được.
                    """,
            };
            if (!outgoing.Enqueue(message))
            {
                log.LogWarning("The outgoing mail queue is full; the reset e-mail for {User} was dropped", user.UserName);
            }
            log.LogInformation("Password reset link e-mailed to the address of {User}", user.UserName);
        }
        Done = true;
        return Page();
    }
}
