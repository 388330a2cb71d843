using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Web.Security;

namespace WardCms.Web.Setup;

public static class IdentityServices
{
    public static IServiceCollection AddStaffIdentity(this IServiceCollection services, IConfiguration config)
    {
        // The city's operators: who they are (the operator site's accounts) and what they do across sites.
        services.AddSingleton(new WardCms.Core.Sites.OperatorSite(config["WardCms:OperatorSite"]));
        services.AddSingleton<WardCms.Core.Sites.SiteOperations>();
        // The keys that sign cookies, antiforgery tokens and print links live in the database, not in
        // the user profile (~/.aspnet): a new container or a restored backup signs no one out.
        services.AddDataProtection().SetApplicationName("WardCms").PersistKeysToDbContext<WardDbContext>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // No account-wide lockout (anyone could lock the administrator out): SignInThrottle
                // refuses a user name only from the address that guessed wrong.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
                // "Confirmed" means active here: a deactivated account cannot sign in (StaffUserConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<StaffRole>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddUserValidator<DeploymentWideUserNames>()
            .AddEntityFrameworkStores<WardDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();
        // A reset link an administrator hands over is good for a day, and once: using it changes the
        // account's stamp, which the token carries.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordResetLinks.Lifetime);
        services.AddScoped<IUserConfirmation<StaffUser>, StaffUserConfirmation>();
        services.Configure<SignInLimits>(config.GetSection("WardCms:SignIn"));
        services.AddSingleton<SignInThrottle>();
        // The stamp is checked on every request: logout, a password reset, a role change and deactivation
        // change it, so the user's cookies stop working at once, not at expiry.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The claims are rebuilt once a minute: the session's id stays the same.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.FindFirst(StaffSession.Claim) is { } sid && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(StaffSession.Claim, sid.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, StaffSecurityStampValidator>());
        var requireHttps = config.GetValue("WardCms:RequireHttps", false);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "wardcms.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "wardcms.af";
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        return services;
    }

    // An API caller wants a status code, not the login page: /api and every endpoint that is not a Razor page
    // (uploads, JSON lists), whose callers are scripts.
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")
            || ctx.HttpContext.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

public sealed class StaffUserConfirmation : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(user.IsActive);
}
