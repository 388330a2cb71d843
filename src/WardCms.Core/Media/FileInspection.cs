namespace WardCms.Core.Media;

public enum MediaKind
{
    Image,
    Document,
}

/// <summary>What the content of an upload turned out to be, or why it was refused.</summary>
public sealed record FileInspection
{
    public MediaKind Kind { get; init; }
    public string MediaType { get; init; } = "";
    public string Extension { get; init; } = "";
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>Vietnamese message for the person who uploaded; null when accepted.</summary>
    public string? Error { get; init; }

    public bool IsAccepted => Error is null;

    public static FileInspection Refused(string error) => new() { Error = error };

    public static FileInspection Image(string mediaType, string extension, int width, int height) =>
        new() { Kind = MediaKind.Image, MediaType = mediaType, Extension = extension, Width = width, Height = height };

    public static FileInspection Document(string mediaType, string extension) =>
        new() { Kind = MediaKind.Document, MediaType = mediaType, Extension = extension };
}

public static class MediaTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";
    public const string Gif = "image/gif";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ExtensionOf(string mediaType) => mediaType switch
    {
        Jpeg => "jpg",
        Png => "png",
        Webp => "webp",
        Gif => "gif",
        Pdf => "pdf",
        Docx => "docx",
        Xlsx => "xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(mediaType), mediaType, "Not a media type the library stores."),
    };
}
