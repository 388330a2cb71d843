using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WardCms.Core.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Registers the media pipeline; uses libvips when installed and the managed stripper otherwise.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection(MediaOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);
        services.AddSingleton<FileInspector>();
        services.AddSingleton<IMediaStore, LocalDiskMediaStore>();
        services.AddSingleton<VipsImageProcessor>();
        services.AddSingleton<IImageProcessor>(sp =>
        {
            var vips = sp.GetRequiredService<VipsImageProcessor>();
            return vips.IsAvailable ? vips : new ManagedImageProcessor();
        });
        services.AddSingleton<MediaPipeline>();
        return services;
    }
}
