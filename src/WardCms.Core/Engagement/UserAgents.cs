namespace WardCms.Core.Engagement;

/// <summary>Which requests are machines rather than readers: crawlers, link previews, scripts, headless browsers.</summary>
public static class UserAgents
{
    // Substrings, compared case-insensitively. Link previews matter here: a link shared in a Zalo or
    // Facebook group is fetched once per share, which would otherwise look like a reader. "Zalo" alone
    // is not one: Zalo's in-app browser, where most citizens open a shared link, says "Zalo android/…".
    private static readonly string[] MachineMarks =
    [
        "bot", "crawler", "spider", "crawl", "slurp", "preview", "facebookexternalhit", "facebookcatalog",
        "whatsapp", "telegram", "skype", "discord", "embedly", "curl", "wget", "python", "httpclient", "okhttp",
        "go-http-client", "java/", "libwww", "axios", "node-fetch", "postman", "insomnia", "headless", "phantomjs",
        "selenium", "playwright", "puppeteer", "lighthouse", "pagespeed", "monitor", "uptime", "pingdom", "scan",
        "feedfetcher", "mediapartners", "apache-httpclient", "http_request", "fetch/",
    ];

    public static bool IsMachine(string? userAgent)
    {
        // Browsers always send one; its absence is a script.
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return true;
        }
        // Every browser, in-app browsers included, has begun with "Mozilla/" for two decades; fetchers
        // that name only themselves ("Zalo", "okhttp/4") do not.
        if (!userAgent.TrimStart().StartsWith("Mozilla/", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        foreach (var mark in MachineMarks)
        {
            if (userAgent.Contains(mark, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
