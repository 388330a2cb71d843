using System.Globalization;
using Microsoft.AspNetCore.Localization;
using WardCms.Web.Security;

namespace WardCms.Web.Setup;

public static class WebPipeline
{
    public static IServiceCollection AddWardRazorPages(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(o => AdminAuthorization.Apply(o.Conventions))
            .AddTheme(typeof(WardCms.Theme.Public.PublicTheme).Assembly)
            .AddTheme(typeof(WardCms.Theme.Admin.AdminTheme).Assembly);
        // Vietnamese text goes out as UTF-8, not as &#7899; entities: smaller pages, readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        return services;
    }

    // Themes are Razor class libraries; their compiled views join the app as application parts.
    private static IMvcBuilder AddTheme(this IMvcBuilder mvc, System.Reflection.Assembly theme) =>
        mvc.ConfigureApplicationPartManager(m =>
        {
            foreach (var part in Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartFactory.GetApplicationPartFactory(theme).GetApplicationParts(theme))
            {
                if (!m.ApplicationParts.Any(p => p.Name == part.Name && p.GetType() == part.GetType()))
                {
                    m.ApplicationParts.Add(part);
                }
            }
        });

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
