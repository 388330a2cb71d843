using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// Every sign-in ends here (password, authenticator code, recovery code, and the refresh after a name
    /// change): a new session is recorded with the browser and address, or the current one kept when
    /// this is the same person's refresh; its id goes into the cookie (<see cref="StaffSession.Claim"/>).
    /// </summary>
    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var http = Context;
        var db = http.RequestServices.GetRequiredService<WardCms.Core.Data.WardDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var current = http.User.FindFirstValue(StaffSession.Claim);
        var kept = current is not null && http.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id
            && await db.Set<StaffSession>().AnyAsync(s => s.Id == current && s.UserId == user.Id && s.EndedUtc == null);
        var id = kept ? current! : Guid.NewGuid().ToString("N");
        if (!kept)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var agent = http.Request.Headers.UserAgent.ToString();
            db.Add(new StaffSession
            {
                Id = id, SiteId = user.SiteId, UserId = user.Id, CreatedUtc = now, LastSeenUtc = now,
                UserAgent = agent.Length > 300 ? agent[..300] : agent,
                Address = http.Connection.RemoteIpAddress?.ToString() ?? "",
            });
            await db.SaveChangesAsync();
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            additionalClaims.Where(c => c.Type != StaffSession.Claim).Append(new Claim(StaffSession.Claim, id)));
    }
}

/// <summary>Adds the staff member's full name to the sign-in (the admin's top bar shows it).</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<StaffRole> roles, IOptions<IdentityOptions> options,
    WardCms.Core.Data.WardDbContext db, WardCms.Core.Sites.OperatorSite operatorSite)
    : UserClaimsPrincipalFactory<StaffUser, StaffRole>(users, roles, options)
{
    public const string FullNameClaim = "fullName";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        // Roles are shared by every site: operating the city's sites is for the operator site's accounts only.
        var operating = identity.FindAll(c => c.Type == Permissions.ClaimType && c.Value == Permissions.OperateSites).ToList();
        if (operating.Count > 0 && await operatorSite.IdAsync(db) != user.SiteId)
        {
            operating.ForEach(identity.RemoveClaim);
        }
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
