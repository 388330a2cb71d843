using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WardCms.Core.Data;
using WardCms.Core.Security;

namespace WardCms.Web.Security;

/// <summary>
/// "Authorization: Bearer wct_…": a personal API token maps to its owner's principal, with the same
/// role permission claims a cookie sign-in would carry. Revoked tokens, inactive accounts and tokens
/// used on another site than their owner's (<see cref="StaffSite"/>) fail.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    WardDbContext db,
    SignInManager<StaffUser> signIn,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200)
            return AuthenticateResult.Fail("Khóa API không hợp lệ.");
        var hash = ApiToken.Hash(token);
        var row = await db.Set<ApiToken>().AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedUtc == null)
            .Select(t => new { t.Id, t.UserId }).FirstOrDefaultAsync(Context.RequestAborted);
        if (row is null)
            return AuthenticateResult.Fail("Khóa API không hợp lệ hoặc đã bị thu hồi.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == row.UserId, Context.RequestAborted);
        if (user is null || !user.IsActive)
            return AuthenticateResult.Fail("Tài khoản của khóa API đã bị khóa.");
        // A token works on its owner's site only; elsewhere it is as unknown as a wrong one.
        if (!await StaffSite.IsHomeOfAsync(Context, user))
            return AuthenticateResult.Fail("Khóa API không hợp lệ hoặc đã bị thu hồi.");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        await db.Set<ApiToken>().Where(t => t.Id == row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, clock.GetUtcNow().UtcDateTime), Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

public static class ApiAuthorization
{
    // Policies for /api: the staff cookie or a personal token, with the same permission claims.
    public static string Policy(string permission) => "api:" + permission;

    public static IServiceCollection AddWardApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(Policy(permission), p => p
                    .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenAuthenticationHandler.SchemeName)
                    .RequireAuthenticatedUser()
                    .RequireClaim(Permissions.ClaimType, permission));
            }
        });
        return services;
    }
}
