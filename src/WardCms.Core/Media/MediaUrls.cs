using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;

namespace WardCms.Core.Media;

/// <summary>Public addresses of stored files. Keys are content hashes, so every URL is immutable.</summary>
public static class MediaUrls
{
    public const string Prefix = "/media/";

    public static string Of(string key) => Prefix + key;

    /// <summary>The key in "/media/{key}", or null when the URL is not one of ours.</summary>
    public static string? KeyOf(string? url) =>
        url is not null && url.StartsWith(Prefix, StringComparison.Ordinal) && MediaKey.IsValid(url[Prefix.Length..]) ? url[Prefix.Length..] : null;

    public const int MaxImageAddress = 2000;

    /// <summary>
    /// What an image address typed by an editor may be: a path on this site ("/media/…", a single leading
    /// slash) or an absolute https:// URL. Browsers read "\" as "/" and drop tabs and newlines, so
    /// "/\evil.example/x.png" or "/\t/evil.example" would load from another host: any backslash,
    /// whitespace, control or invisible formatting character is refused, as are "//host" and every other scheme.
    /// </summary>
    public static bool IsAllowedImageAddress(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxImageAddress
            || url.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return false;
        }
        if (url[0] == '/')
        {
            return url.Length == 1 || url[1] != '/';
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && uri.Host.Length > 0
            && uri.UserInfo.Length == 0;
    }

    /// <summary>The 1200×630 crop for og:image; the original when the image has none (stored without libvips).</summary>
    public static string OpenGraph(MediaDescriptor media) =>
        Of((media.Variants.FirstOrDefault(v => v.Role == MediaVariantRole.OpenGraph) ?? media.Original).Key);

    /// <summary>
    /// The Open Graph URL for a key the content holds (a media part's MediaKey, the original's key or any of
    /// its variants); null when no live asset has that key.
    /// </summary>
    public static async Task<string?> OpenGraphAsync(WardDbContext db, string key, CancellationToken ct = default)
    {
        if (!MediaKey.IsValid(key))
        {
            return null;
        }
        var json = await db.Set<MediaAssetFile>().Where(f => f.Key == key && !f.Asset!.IsDeleted)
            .Select(f => f.Asset!.DescriptorJson).FirstOrDefaultAsync(ct);
        return json is null ? null : OpenGraph(new MediaAsset { DescriptorJson = json }.Descriptor);
    }
}

/// <summary>
/// What a &lt;picture&gt; needs: WebP and JPEG srcsets over the width variants, the intrinsic size
/// (for the aspect ratio, so nothing shifts while loading) and the fallback src.
/// </summary>
public sealed record ResponsiveImage(MediaDescriptor Media, string Alt, string Sizes = "100vw", string? CssClass = null)
{
    public static ResponsiveImage For(MediaAsset asset, string? alt = null, string sizes = "100vw", string? cssClass = null) =>
        new(asset.Descriptor, alt ?? asset.AltText, sizes, cssClass);

    public string? WebpSrcset => Srcset(MediaTypes.Webp);

    /// <summary>JPEG widths, or the stored original alone when there are no variants.</summary>
    public string FallbackSrcset => Srcset(MediaTypes.Jpeg) ?? $"{MediaUrls.Of(Media.Original.Key)} {Width.ToString(CultureInfo.InvariantCulture)}w";

    /// <summary>The largest JPEG variant no wider than 1024 px, else the original.</summary>
    public string Src => MediaUrls.Of((Responsive(MediaTypes.Jpeg).LastOrDefault(v => v.Width <= 1024)
        ?? Responsive(MediaTypes.Jpeg).FirstOrDefault() ?? Media.Original).Key);

    public int Width => Media.Width ?? Media.Original.Width ?? 0;
    public int Height => Media.Height ?? Media.Original.Height ?? 0;

    private IEnumerable<MediaFile> Responsive(string type) =>
        Media.Variants.Where(v => v.Role == MediaVariantRole.Responsive && v.MediaType == type && v.Width is not null).OrderBy(v => v.Width);

    private string? Srcset(string type)
    {
        var list = Responsive(type).Select(v => $"{MediaUrls.Of(v.Key)} {v.Width!.Value.ToString(CultureInfo.InvariantCulture)}w").ToList();
        return list.Count == 0 ? null : string.Join(", ", list);
    }
}
