using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WardCms.Core.Security;

namespace WardCms.Web.Security;

/// <summary>
/// Identity's security-stamp check on every request (ValidationInterval is zero), so logout, a password
/// reset, a role change and deactivation (each changes the stamp) end every session at once. The check
/// itself is one user lookup by key; rebuilding the claims (roles, permissions: four more queries) and
/// re-issuing the cookie still happen at most once a minute, as before.
/// </summary>
public sealed class StaffSecurityStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<StaffUser> signInManager, ILoggerFactory logger)
    : SecurityStampValidator<StaffUser>(options, signInManager, logger)
{
    public static readonly TimeSpan ClaimsRefreshInterval = TimeSpan.FromMinutes(1);

    // A deactivated account's sessions end even if something cleared the flag without changing the
    // stamp, and an account is signed in on its own site only (StaffSite).
    protected override async Task<StaffUser?> VerifySecurityStamp(System.Security.Claims.ClaimsPrincipal? principal) =>
        await base.VerifySecurityStamp(principal) is { IsActive: true } user && await StaffSite.IsHomeOfAsync(SignInManager.Context, user)
            && await SessionIsOpenAsync(principal!, user) ? user : null;

    /// <summary>
    /// The cookie's session was not ended ("Đăng xuất phiên này" on another device); its last use is
    /// written at most once a minute. A cookie from before sessions were recorded has none and passes.
    /// </summary>
    private async Task<bool> SessionIsOpenAsync(System.Security.Claims.ClaimsPrincipal principal, StaffUser user)
    {
        if (principal.FindFirst(StaffSession.Claim)?.Value is not { } id)
        {
            return true;
        }
        var db = SignInManager.Context.RequestServices.GetRequiredService<WardCms.Core.Data.WardDbContext>();
        var session = await db.Set<StaffSession>().FirstOrDefaultAsync(s => s.Id == id && s.UserId == user.Id);
        if (session is null || session.EndedUtc is not null)
        {
            return false;
        }
        var now = TimeProvider.GetUtcNow().UtcDateTime;
        if (now - session.LastSeenUtc >= StaffSession.SeenInterval)
        {
            session.LastSeenUtc = now;
            await db.SaveChangesAsync();
        }
        return true;
    }

    protected override Task SecurityStampVerified(StaffUser user, CookieValidatePrincipalContext context) =>
        context.Properties.IssuedUtc is { } issued && TimeProvider.GetUtcNow() - issued < ClaimsRefreshInterval
            ? Task.CompletedTask
            : base.SecurityStampVerified(user, context);
}
