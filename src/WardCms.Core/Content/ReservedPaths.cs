namespace WardCms.Core.Content;

/// <summary>
/// The addresses the application's own pages and endpoints answer. A content type's section or
/// item addresses may not fall on them: the fixed page would win and the section would silently
/// disappear. A test checks this list against every route the application maps.
/// </summary>
public static class ReservedPaths
{
    /// <summary>Addresses owned with everything under them.</summary>
    public static readonly IReadOnlyList<string> Trees =
    [
        "/admin", "/api", "/account", "/media", "/_content", "/_framework", "/tim-kiem", "/phan-hoi", "/error", "/xem-truoc",
        "/radio", "/scripts", "/bulletins", "/as-run", "/phat-thanh/ban-tin",
    ];

    /// <summary>Addresses owned exactly; what lies under them is free (the radio page owns /phat-thanh, not /phat-thanh/kich-ban).</summary>
    public static readonly IReadOnlyList<string> Exact = ["/", "/index", "/phat-thanh", "/sitemap.xml", "/robots.txt"];

    /// <summary>
    /// The fixed address a path would collide with, or null. Feeds ("…/rss.xml", "…/atom.xml") are
    /// answered for any section, so no section path may itself end in ".xml".
    /// </summary>
    public static string? CollisionOf(string path)
    {
        var p = path.Length > 1 ? path.TrimEnd('/') : path;
        if (p.Length == 0)
        {
            p = "/";
        }
        if (Exact.FirstOrDefault(e => string.Equals(e, p, StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            return exact;
        }
        if (Trees.FirstOrDefault(t => string.Equals(t, p, StringComparison.OrdinalIgnoreCase)
            || p.StartsWith(t + "/", StringComparison.OrdinalIgnoreCase)) is { } tree)
        {
            return tree;
        }
        return p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "…/rss.xml, …/atom.xml (bản tin RSS)" : null;
    }

    /// <summary>Whether one address is the other or lies under it ("/cchc" and "/cchc/tin").</summary>
    public static bool Overlap(string a, string b)
    {
        a = a.TrimEnd('/');
        b = b.TrimEnd('/');
        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            || a.StartsWith(b + "/", StringComparison.OrdinalIgnoreCase) || b.StartsWith(a + "/", StringComparison.OrdinalIgnoreCase);
    }
}
