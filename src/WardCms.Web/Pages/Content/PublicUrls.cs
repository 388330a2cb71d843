namespace WardCms.Web.Pages.Content;

/// <summary>Absolute addresses for canonical links, share links, feeds and the sitemap.</summary>
public static class PublicUrls
{
    public const string FacebookShare = "https://www.facebook.com/sharer/sharer.php?u=";
    // Zalo's web share page (what its share plugin opens; the form used by Vietnamese sites that share
    // without the SDK). A plain link keeps third-party scripts off the page; Zalo builds the preview
    // card from the page's og: tags.
    public const string ZaloShare = "https://sp.zalo.me/share_to_zalo?url=";
    /// <summary>The theme's 1200×630 card for link previews of items without a cover image (a stable, unhashed path).</summary>
    public const string DefaultShareImage = "/_content/WardCms.Theme.Public/img/og-default.jpg";

    /// <summary>WardCms:PublicBaseUrl when configured (behind a proxy), else the request's scheme and host.</summary>
    public static string BaseUrl(HttpRequest request)
    {
        // Read once per app (a singleton): the configuration's indexer takes a lock on every read,
        // which showed as contention with pages rendered in parallel.
        var configured = request.HttpContext.RequestServices.GetService<Configured>()?.BaseUrl;
        return configured ?? $"{request.Scheme}://{request.Host.Value}";
    }

    /// <summary>
    /// The public base of <paramref name="site"/> for addresses stored or sent to another site (the City
    /// CCHC page's credit and posting links): the request's own scheme and host when the site lists that
    /// host; else the site's first listed host (WardCms:PublicBaseUrl names one deployment-wide address,
    /// wrong for every other site of a deployment); else <see cref="BaseUrl"/>.
    /// </summary>
    public static string SiteBaseUrl(WardCms.Core.Sites.Site site, HttpRequest request)
    {
        if (site.ListsHost(request.Host.Host))
            return $"{request.Scheme}://{request.Host.Value}";
        var first = site.HostNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is null ? BaseUrl(request) : $"{request.Scheme}://{first}";
    }

    /// <summary>
    /// A base for links sent out of band (a password-reset e-mail) that a request cannot choose: the
    /// request's host only when the site lists it, else the site's first listed host, else
    /// WardCms:PublicBaseUrl; null when the site names no address at all. A single-site deployment
    /// answers every Host header, so the request's host alone would let anyone mail a real user a real
    /// token on an address they control.
    /// </summary>
    public static string? TrustedBaseUrl(WardCms.Core.Sites.Site site, HttpRequest request)
    {
        if (site.HostNames.Length > 0)
            return SiteBaseUrl(site, request);
        return request.HttpContext.RequestServices.GetService<Configured>()?.BaseUrl;
    }

    /// <summary>WardCms:PublicBaseUrl, without a trailing slash; null when not set.</summary>
    public sealed class Configured(IConfiguration config)
    {
        public string? BaseUrl { get; } = config["WardCms:PublicBaseUrl"] is { } url && !string.IsNullOrWhiteSpace(url) ? url.TrimEnd('/') : null;
    }

    public static string Absolute(HttpRequest request, string path) =>
        path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? path
            : BaseUrl(request) + (path.StartsWith('/') ? path : "/" + path);
}
