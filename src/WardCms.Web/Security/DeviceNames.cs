namespace WardCms.Web.Security;

/// <summary>
/// A session's browser in words ("Chrome trên Android"), from its User-Agent: enough for a person to
/// recognise their own devices in the list of sessions, not a device database.
/// </summary>
public static class DeviceNames
{
    public static string Of(string? userAgent)
    {
        var ua = userAgent ?? "";
        if (ua.Length == 0)
            return "Trình duyệt không rõ";
        var browser = ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("CocCoc", StringComparison.OrdinalIgnoreCase) || ua.Contains("coc_coc", StringComparison.OrdinalIgnoreCase) ? "Cốc Cốc"
            : ua.Contains("Zalo", StringComparison.OrdinalIgnoreCase) ? "Zalo"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "Trình duyệt khác";
        var system = ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iPhone/iPad"
            : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : "hệ điều hành không rõ";
        return $"{browser} trên {system}";
    }
}
