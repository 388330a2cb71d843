using WardCms.Core.Media;

namespace WardCms.Tests.Media;

public class FileInspectorTests
{
    private readonly FileInspector _inspector = new(new MediaOptions());

    [Theory]
    [MemberData(nameof(BadUploads.Names), MemberType = typeof(BadUploads))]
    public void Inspect_BadUpload_IsRefusedWithItsMessage(string caseName)
    {
        var (fileName, content, message) = BadUploads.Get(caseName);

        var result = _inspector.Inspect(content, fileName);

        Assert.False(result.IsAccepted);
        Assert.Equal(message, result.Error);
    }

    [Theory]
    [InlineData("jpg", "", "image/jpeg")]
    [InlineData("png", "", "image/png")]
    [InlineData("gif", "", "image/gif")]
    [InlineData("webp", "[Q=80]", "image/webp")]
    [InlineData("webp", "[lossless]", "image/webp")]
    public void Inspect_ImageMadeByVips_IsAcceptedWithHeaderDimensions(string extension, string saveOptions, string mediaType)
    {
        var image = MediaSamples.VipsImage(321, 123, extension, saveOptions);

        // The name says PDF on purpose: only the content decides.
        var result = _inspector.Inspect(image, "khong-phai.pdf");

        Assert.Null(result.Error);
        Assert.Equal(MediaKind.Image, result.Kind);
        Assert.Equal(mediaType, result.MediaType);
        Assert.Equal(extension, result.Extension);
        Assert.Equal(321, result.Width);
        Assert.Equal(123, result.Height);
    }

    [Fact]
    public void Inspect_ExtendedWebpWithExif_ReadsVp8xCanvasSize()
    {
        var webp = MediaSamples.WithExifTool(MediaSamples.VipsImage(300, 200, "webp"), "webp", MediaSamples.PhoneTags);
        Assert.Equal("VP8X", System.Text.Encoding.ASCII.GetString(webp, 12, 4));

        var result = _inspector.Inspect(webp, "x.webp");

        Assert.Equal((300, 200), (result.Width, result.Height));
    }

    [Fact]
    public void Inspect_JpegWithAMotionPhotoVideoOrPaddingAfterEoi_IsAccepted()
    {
        var jpeg = MediaSamples.VipsImage(120, 90, "jpg");
        // What phones append: an MP4 (…ftypmp42…) for a motion photo, or zero padding.
        byte[] video = [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. "isommp42"u8, .. new byte[4096]];

        byte[] motion = [.. jpeg, .. video];
        byte[] padded = [.. jpeg, .. new byte[512]];

        Assert.Null(_inspector.Inspect(motion, "motion.jpg").Error);
        Assert.Null(_inspector.Inspect(padded, "padded.jpg").Error);
    }

    [Fact]
    public void Inspect_ProgressiveJpeg_IsAccepted()
    {
        var jpeg = MediaSamples.VipsImage(500, 400, "jpg", "[interlace]");

        var result = _inspector.Inspect(jpeg, "x.jpg");

        Assert.Null(result.Error);
        Assert.Equal((500, 400), (result.Width, result.Height));
    }

    [Fact]
    public void Inspect_HandWrittenPng_IsAccepted()
    {
        var result = _inspector.Inspect(MediaSamples.Png(40, 30), "x.png");

        Assert.Null(result.Error);
        Assert.Equal((40, 30), (result.Width, result.Height));
    }

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public void Inspect_RealDocument_IsAcceptedAsDocument(string extension, string mediaType)
    {
        var content = extension switch
        {
            "pdf" => MediaSamples.Pdf(),
            "docx" => MediaSamples.Docx(),
            _ => MediaSamples.Xlsx(),
        };

        var result = _inspector.Inspect(content, "tai-lieu.bin");

        Assert.Null(result.Error);
        Assert.Equal(MediaKind.Document, result.Kind);
        Assert.Equal(mediaType, result.MediaType);
        Assert.Equal(extension, result.Extension);
        Assert.Null(result.Width);
    }

    [Fact]
    public void Inspect_DocxMadeByOpenXmlSdk_IsAccepted()
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }

        var result = _inspector.Inspect(stream.ToArray(), "quyet-dinh.docx");

        Assert.Equal(MediaTypes.Docx, result.MediaType);
    }

    [Fact]
    public void Inspect_FileOverTheByteLimit_IsRefusedBeforeParsing()
    {
        var inspector = new FileInspector(new MediaOptions { MaxFileBytes = 1024 * 1024 });

        var result = inspector.Inspect(new byte[(1024 * 1024) + 1], "lon.jpg");

        Assert.Equal("Tệp “lon.jpg” có dung lượng 1 MB, vượt giới hạn 1 MB.", result.Error);
    }

    [Fact]
    public void Inspect_NameWithFoldersAndControlCharacters_QuotesOnlyTheCleanName()
    {
        var result = _inspector.Inspect(Array.Empty<byte>(), "C:\\Users\\x\\..\\ảnh\u0000 đẹp.jpg");

        Assert.Equal("Tệp “ảnh đẹp.jpg” rỗng (0 byte).", result.Error);
    }
}
