using WardCms.Core.Data;
using WardCms.Core.Media;

namespace WardCms.Web.Setup;

public static class MediaLibrary
{
    /// <summary>The media core (libvips or the managed fallback) with its files under the data folder, plus the library's services.</summary>
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services, IConfiguration config, DatabaseOptions database)
    {
        services.AddMedia(config);
        if (string.IsNullOrWhiteSpace(config[$"{MediaOptions.SectionName}:{nameof(MediaOptions.RootPath)}"]))
        {
            // Next to the database, so one folder holds everything a backup needs.
            services.PostConfigure<MediaOptions>(o => o.RootPath = Path.Combine(database.DataFolder, "media"));
        }
        services.AddScoped<MediaUsageFinder>();
        return services;
    }
}
