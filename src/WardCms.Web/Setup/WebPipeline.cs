using System.Globalization;
using Microsoft.AspNetCore.Localization;
using WardCms.Web.Security;

namespace WardCms.Web.Setup;

public static class WebPipeline
{
    public static IServiceCollection AddWardRazorPages(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
        {
            AdminAuthorization.Apply(o.Conventions);
        });
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseWardPipeline(this WebApplication app)
    {
        var vi = new CultureInfo("vi-VN");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(vi),
            SupportedCultures = [vi],
            SupportedUICultures = [vi],
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWardEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
