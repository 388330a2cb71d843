using System.Text.Json;

namespace WardCms.Core.Media;

/// <summary>
/// An optional second opinion (MediaOptions.ExifToolPath): asks exiftool whether any file about
/// to be stored still carries location, camera, XMP, IPTC or comment metadata. It guards against
/// a future vips version, or a format we did not think of, quietly keeping GPS.
/// </summary>
internal sealed class ExifToolAudit(MediaOptions options)
{
    private readonly ChildProcess _runner = new(options);

    private readonly string? _exifTool = ExecutableLocator.Find(options.ExifToolPath);

    /// <summary>"file: tag" for every revealing tag found; empty when the files are clean.</summary>
    public async Task<IReadOnlyList<string>> FindRevealingTagsAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.ExifToolPath) || paths.Count == 0)
        {
            return [];
        }
        if (_exifTool is null)
        {
            throw new MediaProcessingException($"exiftool ({options.ExifToolPath}) is configured for the metadata audit but not installed.");
        }
        string[] arguments = ["-json", "-a", "-G1", "-n", "-GPS:all", "-EXIF:Make", "-EXIF:Model", "-XMP:all", "-IPTC:all", "-Comment", "--", .. paths];
        var json = await _runner.RunAsync(_exifTool, arguments, ct);
        using var document = JsonDocument.Parse(json);
        var found = new List<string>();
        foreach (var file in document.RootElement.EnumerateArray())
        {
            var source = file.TryGetProperty("SourceFile", out var s) ? Path.GetFileName(s.GetString()) : "?";
            found.AddRange(file.EnumerateObject().Where(p => p.Name != "SourceFile").Select(p => $"{source}: {p.Name}"));
        }
        return found;
    }
}
