using Microsoft.AspNetCore.Identity;
using WardCms.Core.Security;

namespace WardCms.Web.Security;

/// <summary>
/// One-time links an administrator hands to a staff member who forgot the password (no e-mail
/// needed): Identity's password-reset token for the account, good for <see cref="Lifetime"/> and for
/// one use (setting the password changes the account's stamp, which the token carries, so the link,
/// and every older one, stops working).
/// </summary>
public static class PasswordResetLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string Path = "/account/reset";

    public static async Task<string> CreateAsync(UserManager<StaffUser> users, StaffUser user, HttpRequest request) =>
        Url($"{request.Scheme}://{request.Host}", user.Id, await users.GeneratePasswordResetTokenAsync(user));

    /// <summary>The link on a site's address (<paramref name="baseUrl"/>, no trailing slash) for a token already issued.</summary>
    public static string Url(string baseUrl, string userId, string token) =>
        $"{baseUrl}{Path}?u={Uri.EscapeDataString(userId)}&t={Uri.EscapeDataString(token)}";

    public static Task<bool> IsValidAsync(UserManager<StaffUser> users, StaffUser user, string token) =>
        users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, token);
}
