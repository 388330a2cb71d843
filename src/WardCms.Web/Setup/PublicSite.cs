using WardCms.Core.Content;
using WardCms.Core.Handbook;
using WardCms.Web.Endpoints;

namespace WardCms.Web.Setup;

/// <summary>The citizens' side: section, topic and item pages, the handbook, feeds, sitemap and robots.txt.</summary>
public static class PublicSite
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddScoped<PublicCatalog>();
        services.AddSingleton<WardCms.Web.Pages.Content.PreviewLinks>();
        services.AddScoped<IPublicMenu, SiteMenu>();
        services.AddSingleton<SiteOfRequest.DefaultSite>();
        services.AddScoped<WardCms.Web.Pages.Content.PublicContentRoutes>();
        services.AddHandbook();
        return services;
    }

    public static WebApplication MapPublicSite(this WebApplication app)
    {
        // Section, topic and item pages at the addresses the site's types give (PublicContentRoutes).
        app.MapDynamicPageRoute<WardCms.Web.Pages.Content.PublicContentRoutes>("{**path}");
        app.MapPublicFeeds();
        return app;
    }
}
