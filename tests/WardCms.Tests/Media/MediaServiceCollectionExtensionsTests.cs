using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Media;

namespace WardCms.Tests.Media;

public class MediaServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMedia_WithConfiguration_BindsOptionsAndResolvesThePipeline()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Media:RootPath"] = Path.Combine(Path.GetTempPath(), "wardcms-di-" + Guid.NewGuid().ToString("N")),
            ["Media:VariantWidths:0"] = "480",
            ["Media:VariantWidths:1"] = "960",
            ["Media:MaxPixels"] = "24000000",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddMedia(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<MediaOptions>();

        Assert.Equal([480, 960], options.VariantWidths);
        Assert.Equal(24_000_000, options.MaxPixels);
        Assert.NotNull(services.GetRequiredService<MediaPipeline>());
        Assert.IsType<VipsImageProcessor>(services.GetRequiredService<IImageProcessor>());
    }

    [Fact]
    public void AddMedia_VipsNotInstalled_FallsBackToTheManagedProcessor()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Media:VipsPath"] = "/nonexistent/vips",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddMedia(configuration).BuildServiceProvider();

        Assert.IsType<ManagedImageProcessor>(services.GetRequiredService<IImageProcessor>());
    }
}
