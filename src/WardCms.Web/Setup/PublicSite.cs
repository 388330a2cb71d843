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
        services.AddScoped<IPublicMenu, SiteMenu>();
        services.AddHandbook();
        return services;
    }

    public static WebApplication MapPublicSite(this WebApplication app)
    {
        app.MapPublicFeeds();
        return app;
    }
}
