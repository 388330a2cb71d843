using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WardCms.Core.Security;

namespace WardCms.Web.Security;

/// <summary>
/// Identity's sign-in manager with one door opened: the sign-in page checks the password itself
/// (per-address throttle, the same hashing time for unknown names, accounts of other sites refused
/// as unknown), then hands over here, and Identity decides whether a second step (the authenticator
/// app's code) is asked for, with its own two-step cookie and checks.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<StaffUser>> log,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(users, context, claims, options, log, schemes, confirmation)
{
    /// <summary>Signs in a user whose password was checked, or starts the second step when the account asks for one.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(StaffUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);
}

/// <summary>Adds the staff member's full name to the sign-in (the admin's top bar shows it).</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<StaffRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, StaffRole>(users, roles, options)
{
    public const string FullNameClaim = "fullName";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.FullName))
        {
            identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        }
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoStepRequirement.Claim, "on"));
        }
        return identity;
    }
}
