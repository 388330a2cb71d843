using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
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
        await base.VerifySecurityStamp(principal) is { IsActive: true } user && await StaffSite.IsHomeOfAsync(SignInManager.Context, user) ? user : null;

    protected override Task SecurityStampVerified(StaffUser user, CookieValidatePrincipalContext context) =>
        context.Properties.IssuedUtc is { } issued && TimeProvider.GetUtcNow() - issued < ClaimsRefreshInterval
            ? Task.CompletedTask
            : base.SecurityStampVerified(user, context);
}
