namespace WardCms.Core.Media;

public enum MediaVariantRole
{
    /// <summary>The upload itself, re-encoded or rewritten without metadata.</summary>
    Original,

    /// <summary>A downscaled copy for srcset, at one of MediaOptions.VariantWidths.</summary>
    Responsive,

    /// <summary>The Open Graph crop (1200×630 by default) for link previews.</summary>
    OpenGraph,
}

/// <summary>A file an image processor wrote into the work folder.</summary>
public sealed record ProcessedImage(string Path, MediaVariantRole Role, string MediaType);

/// <summary>Turns an inspected image into metadata-free files ready to store.</summary>
public interface IImageProcessor
{
    /// <summary>False when the tools this processor needs are not installed.</summary>
    bool IsAvailable { get; }

    /// <param name="inputPath">The upload, already accepted by <see cref="FileInspector"/>.</param>
    /// <param name="source">Its inspection.</param>
    /// <param name="workFolder">An empty folder the processor may write into; the caller deletes it.</param>
    Task<IReadOnlyList<ProcessedImage>> ProcessAsync(string inputPath, FileInspection source, string workFolder, CancellationToken ct);
}
