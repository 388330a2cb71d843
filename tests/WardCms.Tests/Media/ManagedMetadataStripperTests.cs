using System.Text;
using WardCms.Core.Media;

namespace WardCms.Tests.Media;

public class ManagedMetadataStripperTests
{
    private readonly FileInspector _inspector = new(new MediaOptions());

    [Fact]
    public void StripJpeg_PhotoWithGpsCameraAndComment_KeepsNoneOfThemButKeepsOrientation()
    {
        var tagged = MediaSamples.WithExifTool(MediaSamples.VipsImage(200, 100, "jpg"), "jpg",
            [.. MediaSamples.PhoneTags, "-Orientation#=6", "-XMP-dc:Creator=Nguyễn Văn A", "-IPTC:City=Hà Nội", "-Comment=secret"]);
        Assert.Contains("GPS:GPSLatitude", MediaSamples.ReadTags(tagged, "jpg").Keys);

        var stripped = ManagedMetadataStripper.StripJpeg(tagged);

        var tags = MediaSamples.ReadTags(stripped, "jpg");
        Assert.DoesNotContain(tags.Keys, k => k.Contains("GPS") || k.EndsWith(":Make") || k.EndsWith(":Model")
            || k.StartsWith("XMP") || k.StartsWith("IPTC") || k.EndsWith(":Comment"));
        Assert.Equal("6", tags["IFD0:Orientation"]);
        Assert.True(_inspector.Inspect(stripped, "x.jpg").IsAccepted);
        Assert.True(stripped.Length < tagged.Length);
    }

    [Fact]
    public void StripJpeg_TrailerAfterEoi_IsDropped()
    {
        var jpeg = MediaSamples.VipsImage(64, 64, "jpg");
        byte[] withTrailer = [.. jpeg, .. Encoding.ASCII.GetBytes("MotionPhoto_Data with a second image")];

        var stripped = ManagedMetadataStripper.StripJpeg(withTrailer);

        Assert.Equal(new byte[] { 0xFF, 0xD9 }, stripped[^2..]);
    }

    [Fact]
    public void StripPng_TextExifAndTimeChunks_AreRemovedAndTheImageStaysValid()
    {
        var png = MediaSamples.Png(16, 16,
            ("tEXt", Encoding.Latin1.GetBytes("Author\0Nguyen Van A")),
            ("iTXt", Encoding.UTF8.GetBytes("Comment\0\0\0\0\0ghi chú")),
            ("tIME", [0x07, 0xEA, 11, 21, 10, 0, 0]));
        var tagged = MediaSamples.WithExifTool(png, "png", MediaSamples.PhoneTags);
        Assert.Contains(MediaSamples.ReadTags(tagged, "png").Keys, k => k.Contains("GPS"));

        var stripped = ManagedMetadataStripper.StripPng(tagged);

        var tags = MediaSamples.ReadTags(stripped, "png");
        Assert.Empty(MediaSamples.RevealingTags(tags));
        Assert.DoesNotContain(tags.Keys, k => k.EndsWith(":Author") || k.EndsWith(":Comment") || k.EndsWith(":ModifyDate"));
        foreach (var chunk in new[] { "tEXt", "iTXt", "zTXt", "eXIf", "tIME" })
        {
            Assert.Equal(-1, stripped.AsSpan().IndexOf(Encoding.ASCII.GetBytes(chunk)));
        }
        Assert.Equal((16, 16), (_inspector.Inspect(stripped, "x.png").Width, _inspector.Inspect(stripped, "x.png").Height));
    }

    [Fact]
    public void StripWebp_ExifAndXmpChunks_AreRemovedAndFlagsCleared()
    {
        var tagged = MediaSamples.WithExifTool(MediaSamples.VipsImage(120, 80, "webp"), "webp", [.. MediaSamples.PhoneTags, "-XMP-dc:Creator=A"]);
        Assert.Contains(MediaSamples.ReadTags(tagged, "webp").Keys, k => k.Contains("GPS"));

        var stripped = ManagedMetadataStripper.StripWebp(tagged);

        Assert.Empty(MediaSamples.RevealingTags(MediaSamples.ReadTags(stripped, "webp")));
        Assert.Equal(0, stripped[20] & 0x0C);
        var inspection = _inspector.Inspect(stripped, "x.webp");
        Assert.Equal((120, 80), (inspection.Width, inspection.Height));
        // vips must still decode it.
        var folder = MediaSamples.NewTempFolder("webp");
        File.WriteAllBytes(Path.Combine(folder, "s.webp"), stripped);
        Assert.Contains("120x80", MediaSamples.Run("vipsheader", Path.Combine(folder, "s.webp")));
        Directory.Delete(folder, true);
    }

    [Fact]
    public void StripGif_CommentExtension_IsRemoved()
    {
        var gif = BadUploads.WithGifComment(MediaSamples.VipsImage(10, 10, "gif"), "chup tai so 5 Hang Bac");
        Assert.True(gif.AsSpan().IndexOf("Hang Bac"u8) > 0);

        var stripped = ManagedMetadataStripper.StripGif(gif);

        Assert.Equal(-1, stripped.AsSpan().IndexOf("Hang Bac"u8));
        Assert.True(_inspector.Inspect(stripped, "x.gif").IsAccepted);
    }
}
