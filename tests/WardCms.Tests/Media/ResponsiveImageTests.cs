using WardCms.Core.Media;

namespace WardCms.Tests.Media;

public class ResponsiveImageTests
{
    private static string Key(char c, string ext) => MediaKey.For(new string(c, 64), ext);

    private static MediaDescriptor Photo(bool withVariants = true)
    {
        var original = new MediaFile(Key('a', "jpg"), MediaVariantRole.Original, MediaTypes.Jpeg, 900_000, 1600, 1200);
        List<MediaFile> variants = withVariants
            ?
            [
                new(Key('b', "jpg"), MediaVariantRole.Responsive, MediaTypes.Jpeg, 1, 640, 480),
                new(Key('c', "jpg"), MediaVariantRole.Responsive, MediaTypes.Jpeg, 1, 320, 240),
                new(Key('d', "webp"), MediaVariantRole.Responsive, MediaTypes.Webp, 1, 320, 240),
                new(Key('e', "webp"), MediaVariantRole.Responsive, MediaTypes.Webp, 1, 640, 480),
                new(Key('f', "jpg"), MediaVariantRole.Responsive, MediaTypes.Jpeg, 1, 1024, 768),
                new(Key('1', "jpg"), MediaVariantRole.OpenGraph, MediaTypes.Jpeg, 1, 1200, 630),
            ]
            : [];
        return new MediaDescriptor(MediaKind.Image, MediaTypes.Jpeg, "jpg", "anh.jpg", new string('9', 64), 1_000_000, 1600, 1200, original, variants);
    }

    [Fact]
    public void Srcsets_ListEachFormatsWidthsInAscendingOrder()
    {
        var image = new ResponsiveImage(Photo(), "Toàn cảnh hội nghị", "(min-width: 960px) 720px, 100vw");

        Assert.Equal($"/media/{Key('d', "webp")} 320w, /media/{Key('e', "webp")} 640w", image.WebpSrcset);
        Assert.Equal($"/media/{Key('c', "jpg")} 320w, /media/{Key('b', "jpg")} 640w, /media/{Key('f', "jpg")} 1024w", image.FallbackSrcset);
        Assert.Equal($"/media/{Key('f', "jpg")}", image.Src);
        Assert.Equal((1600, 1200), (image.Width, image.Height));
    }

    [Fact]
    public void ImageStoredWithoutLibvips_FallsBackToTheOriginal()
    {
        var image = new ResponsiveImage(Photo(withVariants: false), "Ảnh");

        Assert.Null(image.WebpSrcset);
        Assert.Equal($"/media/{Key('a', "jpg")} 1600w", image.FallbackSrcset);
        Assert.Equal($"/media/{Key('a', "jpg")}", image.Src);
        Assert.Equal($"/media/{Key('a', "jpg")}", MediaUrls.OpenGraph(Photo(withVariants: false)));
    }

    [Fact]
    public void OpenGraph_IsThe1200x630Crop()
    {
        Assert.Equal($"/media/{Key('1', "jpg")}", MediaUrls.OpenGraph(Photo()));
    }

    [Theory]
    [InlineData("/media/../x.jpg", null)]
    [InlineData("https://example.com/media/aa/aa/x.jpg", null)]
    public void KeyOf_AcceptsOnlyOurUrls(string url, string? expected)
    {
        Assert.Equal(expected, MediaUrls.KeyOf(url));
        Assert.Equal(Key('a', "jpg"), MediaUrls.KeyOf("/media/" + Key('a', "jpg")));
    }
}
