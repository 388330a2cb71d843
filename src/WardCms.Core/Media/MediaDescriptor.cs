namespace WardCms.Core.Media;

/// <summary>One stored file of a media item.</summary>
public sealed record MediaFile(string Key, MediaVariantRole Role, string MediaType, long Length, int? Width, int? Height);

/// <summary>Everything the database needs to remember about an accepted upload.</summary>
/// <param name="UploadSha256">Hash of the bytes as uploaded (to spot re-uploads); the stored original has its own key.</param>
/// <param name="FileName">The uploader's file name, cleaned for display; never used as a path.</param>
/// <param name="Width">Display width of the stored original (after EXIF rotation), null for documents.</param>
public sealed record MediaDescriptor(
    MediaKind Kind,
    string MediaType,
    string Extension,
    string FileName,
    string UploadSha256,
    long UploadLength,
    int? Width,
    int? Height,
    MediaFile Original,
    IReadOnlyList<MediaFile> Variants)
{
    public IEnumerable<string> AllKeys => Variants.Select(v => v.Key).Prepend(Original.Key);
}

/// <summary>Either a descriptor or the Vietnamese reason the upload was refused.</summary>
public sealed record MediaUploadResult(MediaDescriptor? Media, string? Error)
{
    public bool Succeeded => Media is not null;

    public static MediaUploadResult Refused(string error) => new(null, error);
}
