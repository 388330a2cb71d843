using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Security;

/// <summary>
/// A site may require two-step sign-in of some roles (the recipe's <c>requireTwoStepFor</c>, e.g. the
/// leaders who approve publication). Staff holding such a role without it are sent to turn it on
/// (/account/two-step) before any admin page, and the API answers them 403; their own account pages
/// stay open. Whether it is on travels in the sign-in (<see cref="Claim"/>, rebuilt with the stamp).
/// </summary>
public static class TwoStepRequirement
{
    public const string Claim = "twoStep";

    public static bool IsOn(ClaimsPrincipal user) => user.HasClaim(Claim, "on");

    public static bool AppliesTo(Site? site, ClaimsPrincipal user) =>
        site is not null && site.RequiresTwoStepFor(user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    public static IApplicationBuilder UseTwoStepRequirement(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var path = ctx.Request.Path;
        if ((path.StartsWithSegments("/admin") || path.StartsWithSegments("/api"))
            && ctx.User.Identity is { IsAuthenticated: true, AuthenticationType: var scheme } && scheme == IdentityConstants.ApplicationScheme
            && !IsOn(ctx.User) && AppliesTo((await SiteOfRequest.FindAsync(ctx)).Site, ctx.User))
        {
            if (path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cần bật xác thực hai bước",
                    detail: "Trang yêu cầu tài khoản của bạn bật xác thực hai bước trước khi làm việc; bật tại /account/two-step.").ExecuteAsync(ctx);
                return;
            }
            ctx.Response.Redirect("/account/two-step");
            return;
        }
        await next();
    });
}
