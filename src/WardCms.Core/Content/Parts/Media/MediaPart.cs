using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>A cover image with its alternative text.</summary>
public sealed class MediaPart : ContentPartDefinition<MediaPart.Data>
{
    public const string PartName = "media";

    public override string Name => PartName;
    public override string DisplayName => "Ảnh đại diện";
    public override string? EditorView => "/Content/Parts/Media/Edit.cshtml";
    public override string? DisplayView => "/Content/Parts/Media/Display.cshtml";
    public override IReadOnlyList<string> DisplayZones { get; } = [ItemZone.Lead];

    /// <summary>
    /// The image as the public site shows it: a library image under /media/{key}, else the address
    /// typed in; an address saved before the address rule existed is not shown rather than loaded from elsewhere.
    /// </summary>
    public static CoverImage? CoverOf(Data d)
    {
        var src = !string.IsNullOrWhiteSpace(d.MediaKey) ? Media.MediaUrls.Prefix + Uri.EscapeDataString(d.MediaKey) : d.ImageUrl;
        return string.IsNullOrWhiteSpace(src) || !Media.MediaUrls.IsAllowedImageAddress(src) ? null : new CoverImage(src, d.Alt, d.Caption);
    }

    protected override PartCard? CardOf(Data d, ContentTypePart typePart) => CoverOf(d) is { } cover ? new PartCard(cover, []) : null;

    /// <summary>The cover on the item page: a responsive picture and the 1200×630 crop for link previews when the image is the library's.</summary>
    public sealed record Display(CoverImage Cover, Media.ResponsiveImage? Picture, string? OpenGraph) : IShareImage, IApproximateSize
    {
        public string ShareUrl => OpenGraph ?? Cover.Url;
        public string ShareAlt => Cover.Alt;
        public bool IsOpenGraphCrop => OpenGraph is not null;
        public long ApproximateBytes => 2048;
    }

    public override async Task<object?> LoadDisplayAsync(PartDisplayContext c, CancellationToken ct)
    {
        var d = (Data)c.Data;
        if (CoverOf(d) is not { } cover)
        {
            return null;
        }
        if (d.MediaKey is { } key)
        {
            var asset = await c.Db.Set<Media.MediaAssetFile>().AsNoTracking().Where(f => f.Key == key && !f.Asset!.IsDeleted && f.Asset.SiteId == c.Site.Id)
                .Select(f => f.Asset).FirstOrDefaultAsync(ct);
            if (asset is not null)
            {
                return new Display(cover, Media.ResponsiveImage.For(asset, d.Alt, "(min-width: 800px) 760px, 100vw", "cover-image"),
                    Media.MediaUrls.OpenGraph(asset.Descriptor));
            }
        }
        return new Display(cover, null, null);
    }

    public sealed class Data
    {
        /// <summary>The media library's key of the image, when it comes from the library.</summary>
        public string? MediaKey { get; set; }
        public string? ImageUrl { get; set; }
        public string Alt { get; set; } = "";
        public string Caption { get; set; } = "";
    }

    protected override void Normalize(Data d)
    {
        d.MediaKey = string.IsNullOrWhiteSpace(d.MediaKey) ? null : d.MediaKey.Trim();
        d.ImageUrl = string.IsNullOrWhiteSpace(d.ImageUrl) ? null : d.ImageUrl.Trim();
        d.Alt = Vietnamese.Nfc(d.Alt).Trim();
        d.Caption = Vietnamese.Nfc(d.Caption).Trim();
    }

    /// <summary>The cover counts as a use of its library image (by key, or by a /media/ address typed in).</summary>
    protected override IEnumerable<MediaUse> MediaUses(Data d, ContentTypePart typePart)
    {
        if ((d.MediaKey ?? (d.ImageUrl is { } url ? Media.MediaUrls.KeyOf(url) : null)) is { } key)
        {
            yield return new MediaUse(key, DisplayName);
        }
    }

    public const int MaxAlt = Media.MediaAsset.MaxAlt;
    public const int MaxCaption = Media.MediaAsset.MaxCaption;

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        var hasImage = d.MediaKey is not null || d.ImageUrl is not null;
        if (d.ImageUrl is { } url)
        {
            if (!Media.MediaUrls.IsAllowedImageAddress(url))
            {
                errors.Add(new(Field("ImageUrl"), url.Length > Media.MediaUrls.MaxImageAddress
                    ? string.Format(PublishedContent.Vi, "Địa chỉ ảnh dài {0:N0} ký tự, tối đa {1:N0} ký tự.", url.Length, Media.MediaUrls.MaxImageAddress)
                    : "Địa chỉ ảnh không hợp lệ: chỉ nhận đường dẫn trong trang (bắt đầu bằng một dấu /) hoặc địa chỉ https://, không có dấu \\, khoảng trắng hay ký tự điều khiển."));
            }
            else if (url.StartsWith(Media.MediaUrls.Prefix, StringComparison.Ordinal)
                && (Media.MediaUrls.KeyOf(url) is not { } urlKey || !await IsLibraryImageAsync(c, urlKey, ct)))
            {
                errors.Add(new(Field("ImageUrl"), "Địa chỉ ảnh trỏ tới /media/ nhưng không có ảnh nào như vậy trong thư viện của trang này."));
            }
        }
        if (d.MediaKey is { } key)
        {
            if (!Media.MediaKey.IsValid(key))
            {
                errors.Add(new(Field("MediaKey"), "Mã tệp trong thư viện không đúng định dạng (dạng ab/cd/<64 ký tự hex>.jpg). Hãy chọn ảnh bằng nút “Chọn từ thư viện”."));
            }
            else if (!await IsLibraryImageAsync(c, key, ct))
            {
                errors.Add(new(Field("MediaKey"), "Mã tệp trong thư viện không khớp ảnh nào của trang này (có thể ảnh đã bị xoá). Hãy chọn lại ảnh."));
            }
        }
        if (hasImage && d.Alt.Length == 0)
        {
            errors.Add(new(Field("Alt"), "Ảnh cần có mô tả thay thế (alt) cho người dùng trình đọc màn hình."));
        }
        if (d.Alt.Length > MaxAlt)
        {
            errors.Add(new(Field("Alt"), string.Format(PublishedContent.Vi, "Mô tả ảnh (alt) dài {0:N0} ký tự, tối đa {1:N0} ký tự.", d.Alt.Length, MaxAlt)));
        }
        if (d.Caption.Length > MaxCaption)
        {
            errors.Add(new(Field("Caption"), string.Format(PublishedContent.Vi, "Chú thích ảnh dài {0:N0} ký tự, tối đa {1:N0} ký tự.", d.Caption.Length, MaxCaption)));
        }
        return errors;
    }

    // Any stored file of a live image of this site: the original's key or one of its variants.
    private static Task<bool> IsLibraryImageAsync(PartContext c, string key, CancellationToken ct) =>
        c.Db.Set<Media.MediaAssetFile>().AnyAsync(f => f.Key == key && !f.Asset!.IsDeleted && f.Asset.SiteId == c.SiteId && f.Asset.Kind == Media.MediaKind.Image, ct);

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Ảnh", d.MediaKey ?? d.ImageUrl ?? "");
        yield return ("Mô tả ảnh", d.Alt);
        yield return ("Chú thích ảnh", d.Caption);
    }
}
