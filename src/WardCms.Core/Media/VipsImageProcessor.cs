using System.Globalization;

namespace WardCms.Core.Media;

/// <summary>
/// Makes the stored original, the responsive widths (JPEG and WebP) and the Open Graph crop with
/// the libvips command-line tools, one bounded child process per step. Every output is written
/// with [strip]; WebP additionally goes through <see cref="ManagedMetadataStripper"/> because
/// vips 8.14 ignores strip for WebP and always writes an EXIF chunk.
/// </summary>
public sealed class VipsImageProcessor(MediaOptions options, FileInspector inspector) : IImageProcessor
{
    // Height for "fit this width, any height" thumbnails (VIPS_MAX_COORD).
    private const string UnboundedHeight = "10000000";

    private readonly ChildProcess _runner = new(options);
    private readonly Lazy<string?> _vips = new(() => ExecutableLocator.Find(options.VipsPath));

    public bool IsAvailable => _vips.Value is not null;

    public async Task<IReadOnlyList<ProcessedImage>> ProcessAsync(string inputPath, FileInspection source, string workFolder, CancellationToken ct)
    {
        var vips = _vips.Value ?? throw new MediaProcessingException($"libvips ({options.VipsPath}) is not installed.");
        var results = new List<ProcessedImage>();

        var original = await MakeOriginalAsync(vips, inputPath, source, workFolder, ct);
        results.Add(original);

        // Widths are in display orientation, which the original (auto-rotated) has.
        var display = inspector.Inspect(await File.ReadAllBytesAsync(original.Path, ct), original.Path, enforceByteLimit: false);
        var displayWidth = display.Width ?? throw new MediaProcessingException($"The re-encoded original is unreadable: {display.Error}");
        foreach (var width in VariantWidthsFor(displayWidth, options.VariantWidths))
        {
            // Straight from the upload each time: shrink-on-load makes that cheap, and an intermediate
            // .v file would need vipsload, which VIPS_BLOCK_UNTRUSTED rightly blocks.
            string[] fit = [Invariant(width), "--height", UnboundedHeight, "--size", "down", "--export-profile", "srgb"];
            var jpeg = Path.Combine(workFolder, $"w{width}.jpg");
            await RunVipsAsync(vips, ["thumbnail", inputPath, $"{jpeg}[Q={Invariant(options.JpegQuality)},strip,optimize_coding,interlace,background=255]", .. fit], ct);
            results.Add(new ProcessedImage(jpeg, MediaVariantRole.Responsive, MediaTypes.Jpeg));

            var webp = Path.Combine(workFolder, $"w{width}.webp");
            await RunVipsAsync(vips, ["thumbnail", inputPath, $"{webp}[Q={Invariant(options.WebpQuality)},strip]", .. fit], ct);
            await StripWebpInPlaceAsync(webp, ct);
            results.Add(new ProcessedImage(webp, MediaVariantRole.Responsive, MediaTypes.Webp));
        }

        var og = Path.Combine(workFolder, "og.jpg");
        await RunVipsAsync(vips,
        [
            "thumbnail", inputPath, $"{og}[Q={Invariant(options.JpegQuality)},strip,background=255]",
            Invariant(options.OpenGraphWidth), "--height", Invariant(options.OpenGraphHeight),
            "--crop", "attention", "--export-profile", "srgb",
        ], ct);
        results.Add(new ProcessedImage(og, MediaVariantRole.OpenGraph, MediaTypes.Jpeg));
        return results;
    }

    /// <summary>Widths smaller than the image; never an upscale, and always at least one variant.</summary>
    public static IReadOnlyList<int> VariantWidthsFor(int imageWidth, IEnumerable<int> wanted)
    {
        var sorted = wanted.Where(w => w > 0).Distinct().Order().ToList();
        var smaller = sorted.Where(w => w < imageWidth).ToList();
        if (smaller.Count > 0)
        {
            return smaller;
        }
        return [sorted.Count > 0 ? Math.Min(imageWidth, sorted[0]) : imageWidth];
    }

    private async Task<ProcessedImage> MakeOriginalAsync(string vips, string inputPath, FileInspection source, string workFolder, CancellationToken ct)
    {
        var output = Path.Combine(workFolder, "original." + source.Extension);
        if (source.MediaType == MediaTypes.Gif)
        {
            // Re-encoding would lose the animation; a GIF's metadata lives in blocks we can drop.
            var bytes = await File.ReadAllBytesAsync(inputPath, ct);
            await File.WriteAllBytesAsync(output, ManagedMetadataStripper.StripGif(bytes), ct);
            return new ProcessedImage(output, MediaVariantRole.Original, MediaTypes.Gif);
        }

        // A thumbnail to a box the size of the image is a re-encode that also applies the EXIF
        // orientation (lost with the metadata otherwise) and converts to sRGB (the ICC profile is stripped).
        var longest = Invariant(Math.Max(source.Width ?? 1, source.Height ?? 1));
        var save = source.MediaType switch
        {
            MediaTypes.Jpeg => $"{output}[Q={Invariant(options.OriginalJpegQuality)},strip]",
            MediaTypes.Png => $"{output}[strip]",
            _ => $"{output}[Q={Invariant(options.OriginalJpegQuality)},strip]",
        };
        await RunVipsAsync(vips, ["thumbnail", inputPath, save, longest, "--height", longest, "--size", "down", "--export-profile", "srgb"], ct);
        if (source.MediaType == MediaTypes.Webp)
        {
            await StripWebpInPlaceAsync(output, ct);
        }
        return new ProcessedImage(output, MediaVariantRole.Original, source.MediaType);
    }

    private Task RunVipsAsync(string vips, string[] arguments, CancellationToken ct) => _runner.RunAsync(vips, arguments, ct);

    private static async Task StripWebpInPlaceAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        await File.WriteAllBytesAsync(path, ManagedMetadataStripper.StripWebp(bytes), ct);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
