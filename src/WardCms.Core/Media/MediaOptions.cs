namespace WardCms.Core.Media;

/// <summary>Limits and tool locations for the media library; bound from the "Media" section.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Folder that holds the content-addressed files; relative paths resolve against the app's base folder.</summary>
    public string RootPath { get; set; } = "App_Data/media";

    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
    public long MaxPixels { get; set; } = 50_000_000;
    public int MaxWidth { get; set; } = 12_000;
    public int MaxHeight { get; set; } = 12_000;
    public int MaxFilesPerRequest { get; set; } = 10;

    // Configuration binding appends to these defaults; AddMedia replaces them when widths are configured.
    public int[] VariantWidths { get; set; } = [320, 640, 1024, 1600];
    public int OpenGraphWidth { get; set; } = 1200;
    public int OpenGraphHeight { get; set; } = 630;
    public int JpegQuality { get; set; } = 82;
    public int WebpQuality { get; set; } = 80;

    /// <summary>The stored original is re-encoded (to drop metadata), so it gets a higher quality than variants.</summary>
    public int OriginalJpegQuality { get; set; } = 90;

    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Address-space limit for each vips child process; 0 disables the limit.</summary>
    public long ProcessMemoryLimitBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Worker threads per vips process; the servers are small and uploads are rare.</summary>
    public int VipsConcurrency { get; set; } = 2;

    public string VipsPath { get; set; } = "vips";
    public string PrlimitPath { get; set; } = "prlimit";

    /// <summary>When set, every stored image is checked with exiftool and refused if GPS or camera tags survive.</summary>
    public string? ExifToolPath { get; set; }

    public int MaxZipEntries { get; set; } = 5_000;
    public long MaxZipUncompressedBytes { get; set; } = 200L * 1024 * 1024;
    public int MaxZipCompressionRatio { get; set; } = 200;

    /// <summary>How much of the start of a file is searched for HTML/script (browsers sniff the first 512 bytes).</summary>
    public int MarkupScanBytes { get; set; } = 4096;
}
