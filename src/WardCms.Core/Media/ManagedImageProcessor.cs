namespace WardCms.Core.Media;

/// <summary>
/// The processor used when libvips is not installed: no variants, just the original rewritten
/// without metadata. Pages fall back to the original when an image has no variants.
/// </summary>
public sealed class ManagedImageProcessor : IImageProcessor
{
    public bool IsAvailable => true;

    public async Task<IReadOnlyList<ProcessedImage>> ProcessAsync(string inputPath, FileInspection source, string workFolder, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(inputPath, ct);
        var output = Path.Combine(workFolder, "original." + source.Extension);
        await File.WriteAllBytesAsync(output, ManagedMetadataStripper.Strip(bytes, source.MediaType), ct);
        return [new ProcessedImage(output, MediaVariantRole.Original, source.MediaType)];
    }
}
