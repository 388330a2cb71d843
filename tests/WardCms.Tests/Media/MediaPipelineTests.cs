using WardCms.Core.Media;

namespace WardCms.Tests.Media;

public sealed class MediaPipelineTests : IDisposable
{
    private readonly string _root = MediaSamples.NewTempFolder("pipeline");
    private readonly MediaOptions _options;

    public MediaPipelineTests() => _options = new MediaOptions { RootPath = _root };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (MediaPipeline Pipeline, LocalDiskMediaStore Store) Create(IImageProcessor? processor = null)
    {
        var inspector = new FileInspector(_options);
        var store = new LocalDiskMediaStore(_options);
        return (new MediaPipeline(inspector, processor ?? new VipsImageProcessor(_options, inspector), store, _options), store);
    }

    private string[] StoredFiles() => Directory.GetFiles(_root, "*", SearchOption.AllDirectories);

    private async Task<byte[]> ReadAsync(IMediaStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory]
    [MemberData(nameof(BadUploads.Names), MemberType = typeof(BadUploads))]
    public async Task ProcessAsync_BadUpload_IsRefusedAndNothingIsWritten(string caseName)
    {
        var (fileName, content, message) = BadUploads.Get(caseName);
        var (pipeline, _) = Create();

        var result = await pipeline.ProcessAsync(new MemoryStream(content), fileName, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Error);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task ProcessAsync_PhonePhotoWithGps_NoStoredFileCarriesGpsOrCamera()
    {
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(4000, 3000, "jpg", "[Q=85]"), "jpg", MediaSamples.PhoneTags);
        var input = MediaSamples.ReadTags(photo, "jpg");
        Assert.Equal("21", input["GPS:GPSLatitude"]);
        Assert.Equal("Samsung", input["IFD0:Make"]);
        Assert.Equal("SM-S918B", input["IFD0:Model"]);
        var (pipeline, store) = Create();

        var result = await pipeline.ProcessAsync(new MemoryStream(photo), "IMG_20261121_0930.jpg", CancellationToken.None);

        Assert.Null(result.Error);
        var media = result.Media!;
        Assert.Equal((MediaKind.Image, "image/jpeg", 4000, 3000), (media.Kind, media.MediaType, media.Width, media.Height));
        foreach (var file in media.Variants.Prepend(media.Original))
        {
            var bytes = await ReadAsync(store, file.Key);
            var tags = MediaSamples.ReadTags(bytes, MediaTypes.ExtensionOf(file.MediaType));
            Assert.True(MediaSamples.RevealingTags(tags).Count == 0,
                $"{file.Role} {file.MediaType} {file.Width} keeps {string.Join(", ", MediaSamples.RevealingTags(tags))}");
            Assert.Equal(bytes.Length, file.Length);
        }

        var responsive = media.Variants.Where(v => v.Role == MediaVariantRole.Responsive).ToList();
        Assert.Equal([320, 320, 640, 640, 1024, 1024, 1600, 1600], responsive.Select(v => v.Width!.Value).Order());
        Assert.All(responsive, v => Assert.Equal(v.Width * 3 / 4, v.Height));
        Assert.Equal(4, responsive.Count(v => v.MediaType == MediaTypes.Webp));
        Assert.Equal(4, responsive.Count(v => v.MediaType == MediaTypes.Jpeg));
        // Read the sizes back with vips too, so the descriptor is not just trusted.
        var w640 = responsive.First(v => v.Width == 640 && v.MediaType == MediaTypes.Webp);
        Assert.Contains("640x480", VipsHeader(await ReadAsync(store, w640.Key), "webp"));

        var og = Assert.Single(media.Variants, v => v.Role == MediaVariantRole.OpenGraph);
        Assert.Equal((1200, 630, MediaTypes.Jpeg), (og.Width!.Value, og.Height!.Value, og.MediaType));
        Assert.Contains("1200x630", VipsHeader(await ReadAsync(store, og.Key), "jpg"));
    }

    [Fact]
    public async Task ProcessAsync_RotatedPhoto_OriginalIsStoredUprightWithoutOrientationTag()
    {
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(800, 600, "jpg"), "jpg", [.. MediaSamples.PhoneTags, "-Orientation#=6"]);
        var (pipeline, store) = Create();

        var media = (await pipeline.ProcessAsync(new MemoryStream(photo), "doc.jpg", CancellationToken.None)).Media!;

        Assert.Equal((600, 800), (media.Width, media.Height));
        Assert.DoesNotContain("IFD0:Orientation", MediaSamples.ReadTags(await ReadAsync(store, media.Original.Key), "jpg").Keys);
        Assert.All(media.Variants.Where(v => v.Role == MediaVariantRole.Responsive), v => Assert.True(v.Height > v.Width));
    }

    [Fact]
    public async Task ProcessAsync_500PixelImage_IsNeverUpscaled()
    {
        var (pipeline, _) = Create();

        var media = (await pipeline.ProcessAsync(new MemoryStream(MediaSamples.VipsImage(500, 375, "png")), "nho.png", CancellationToken.None)).Media!;

        Assert.Equal(MediaTypes.Png, media.Original.MediaType);
        Assert.Equal((500, 375), (media.Original.Width, media.Original.Height));
        var responsive = media.Variants.Where(v => v.Role == MediaVariantRole.Responsive).ToList();
        Assert.Equal(2, responsive.Count);
        Assert.All(responsive, v => Assert.Equal((320, 240), (v.Width, v.Height)));
        Assert.Equal((1200, 630), (media.Variants.Single(v => v.Role == MediaVariantRole.OpenGraph).Width, media.Variants.Single(v => v.Role == MediaVariantRole.OpenGraph).Height));
    }

    [Theory]
    [InlineData(200, new[] { 320, 640 }, new[] { 200 })]
    [InlineData(320, new[] { 200, 320, 640 }, new[] { 200 })]
    [InlineData(500, new[] { 320, 640, 1024, 1600 }, new[] { 320 })]
    [InlineData(1600, new[] { 1600, 320, 1024, 640 }, new[] { 320, 640, 1024 })]
    [InlineData(4000, new[] { 320, 640, 1024, 1600 }, new[] { 320, 640, 1024, 1600 })]
    public void VariantWidthsFor_ImageWidth_SkipsWidthsAtOrAboveItButKeepsOne(int imageWidth, int[] wanted, int[] expected)
    {
        Assert.Equal(expected, VipsImageProcessor.VariantWidthsFor(imageWidth, wanted));
    }

    [Fact]
    public async Task ProcessAsync_AnimatedGif_KeepsTheGifAndMakesFirstFrameVariants()
    {
        var gif = BadUploads.WithGifComment(MediaSamples.VipsImage(400, 300, "gif"), "Nguoi chup: Tran B");
        var (pipeline, store) = Create();

        var media = (await pipeline.ProcessAsync(new MemoryStream(gif), "dong.gif", CancellationToken.None)).Media!;

        Assert.Equal(MediaTypes.Gif, media.Original.MediaType);
        Assert.Equal(-1, (await ReadAsync(store, media.Original.Key)).AsSpan().IndexOf("Tran B"u8));
        Assert.Contains(media.Variants, v => v.MediaType == MediaTypes.Webp && v.Width == 320);
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("xlsx")]
    [InlineData("pdf")]
    public async Task ProcessAsync_Document_IsStoredAsUploaded(string extension)
    {
        var content = extension switch { "docx" => MediaSamples.Docx(), "xlsx" => MediaSamples.Xlsx(), _ => MediaSamples.Pdf() };
        var (pipeline, store) = Create();

        var media = (await pipeline.ProcessAsync(new MemoryStream(content), "Kế hoạch." + extension, CancellationToken.None)).Media!;

        Assert.Equal(MediaKind.Document, media.Kind);
        Assert.Equal(extension, media.Extension);
        Assert.EndsWith("." + extension, media.Original.Key);
        Assert.Empty(media.Variants);
        Assert.Equal("Kế hoạch." + extension, media.FileName);
        Assert.Equal(content, await ReadAsync(store, media.Original.Key));
    }

    [Fact]
    public async Task ProcessAsync_WithoutVips_ManagedProcessorStoresAStrippedOriginalOnly()
    {
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(640, 480, "jpg"), "jpg", MediaSamples.PhoneTags);
        var (pipeline, store) = Create(new ManagedImageProcessor());

        var media = (await pipeline.ProcessAsync(new MemoryStream(photo), "a.jpg", CancellationToken.None)).Media!;

        Assert.Empty(media.Variants);
        Assert.Empty(MediaSamples.RevealingTags(MediaSamples.ReadTags(await ReadAsync(store, media.Original.Key), "jpg")));
    }

    [Fact]
    public async Task ProcessAsync_AuditFindsGpsLeftByAProcessor_IsRefusedAndNothingIsWritten()
    {
        _options.ExifToolPath = "exiftool";
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(640, 480, "jpg"), "jpg", MediaSamples.PhoneTags);
        var (pipeline, _) = Create(new CopyingProcessor());

        var result = await pipeline.ProcessAsync(new MemoryStream(photo), "gps.jpg", CancellationToken.None);

        Assert.Equal("Không xử lý được ảnh “gps.jpg”: không xóa được thông tin vị trí/thiết bị khỏi ảnh.", result.Error);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task ProcessAsync_AuditOnCleanVipsOutput_Succeeds()
    {
        _options.ExifToolPath = "exiftool";
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(700, 500, "jpg"), "jpg", MediaSamples.PhoneTags);
        var (pipeline, _) = Create();

        var result = await pipeline.ProcessAsync(new MemoryStream(photo), "sach.jpg", CancellationToken.None);

        Assert.Null(result.Error);
    }

    /// <summary>A broken processor that stores the upload untouched, metadata and all.</summary>
    private sealed class CopyingProcessor : IImageProcessor
    {
        public bool IsAvailable => true;

        public Task<IReadOnlyList<ProcessedImage>> ProcessAsync(string inputPath, FileInspection source, string workFolder, CancellationToken ct)
        {
            var output = Path.Combine(workFolder, "original." + source.Extension);
            File.Copy(inputPath, output);
            return Task.FromResult<IReadOnlyList<ProcessedImage>>([new ProcessedImage(output, MediaVariantRole.Original, source.MediaType)]);
        }
    }

    [Fact]
    public void IsAvailable_VipsPathThatDoesNotExist_IsFalse()
    {
        var options = new MediaOptions { VipsPath = "/nonexistent/vips" };

        Assert.False(new VipsImageProcessor(options, new FileInspector(options)).IsAvailable);
    }

    [Fact]
    public async Task ProcessAsync_ProcessTimesOut_IsRefusedAndNothingIsWritten()
    {
        _options.ProcessTimeout = TimeSpan.FromMilliseconds(1);
        var (pipeline, _) = Create();

        var result = await pipeline.ProcessAsync(new MemoryStream(MediaSamples.VipsImage(2000, 1500, "jpg")), "cham.jpg", CancellationToken.None);

        Assert.StartsWith("Xử lý ảnh “cham.jpg” quá thời gian cho phép", result.Error);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task ProcessAsync_ProcessExceedsMemoryLimit_IsRefusedAndNothingIsWritten()
    {
        _options.ProcessMemoryLimitBytes = 16 * 1024 * 1024;
        var (pipeline, _) = Create();

        var result = await pipeline.ProcessAsync(new MemoryStream(MediaSamples.VipsImage(2000, 1500, "jpg")), "lon.jpg", CancellationToken.None);

        Assert.Equal("Không xử lý được ảnh “lon.jpg”: nội dung ảnh bị hỏng hoặc không được hỗ trợ.", result.Error);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task ProcessAsync_StreamLongerThanTheLimit_IsRefusedWithoutReadingItAll()
    {
        _options.MaxFileBytes = 1024 * 1024;
        var (pipeline, _) = Create();

        var result = await pipeline.ProcessAsync(new MemoryStream(new byte[3 * 1024 * 1024]), "lon.pdf", CancellationToken.None);

        Assert.Equal("Tệp “lon.pdf” có dung lượng 3 MB, vượt giới hạn 1 MB.", result.Error);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task ProcessAsync_UnseekableStreamOverTheLimit_IsRefusedWithTheLimit()
    {
        _options.MaxFileBytes = 1024 * 1024;
        var (pipeline, _) = Create();

        var result = await pipeline.ProcessAsync(new UnseekableStream(new byte[2 * 1024 * 1024]), "lon.pdf", CancellationToken.None);

        Assert.Equal("Tệp “lon.pdf” vượt giới hạn dung lượng 1 MB.", result.Error);
        Assert.Empty(StoredFiles());
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    private static string VipsHeader(byte[] image, string extension)
    {
        var folder = MediaSamples.NewTempFolder("hdr");
        try
        {
            var path = Path.Combine(folder, "i." + extension);
            File.WriteAllBytes(path, image);
            return MediaSamples.Run("vipsheader", path);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
