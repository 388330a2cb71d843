using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WardCms.Core.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Registers the media pipeline; uses libvips when installed and the managed stripper otherwise.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MediaOptions.SectionName);
        services.AddOptions<MediaOptions>().Bind(section).PostConfigure(options =>
        {
            // The binder appends configured widths to the default ones; configured widths should replace them.
            var widths = section.GetSection(nameof(MediaOptions.VariantWidths)).Get<int[]>();
            if (widths is { Length: > 0 })
            {
                options.VariantWidths = widths;
            }
        });
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
