using System.Globalization;
using System.Text.RegularExpressions;

namespace WardCms.Core.Language;

/// <summary>
/// Clock times as people in Vietnam write them: "06:30", "6:30", "6h30", "6g30", "06.30", "6h",
/// "6 giờ 30 phút", "6 giờ chiều". Stored and shown as "HH:mm".
/// </summary>
public static partial class VietnameseTime
{
    public const string Hint = "ví dụ 06:30, 6h30 hoặc 18 giờ";

    public static bool TryParse(string? text, out TimeOnly time)
    {
        time = default;
        var m = TimeRegex().Match(Vietnamese.Nfc(text ?? "").Trim());
        if (!m.Success)
        {
            return false;
        }
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        // "6:30" and "06.30" need their minutes; a bare "6h" or "6 giờ" is on the hour.
        if (!m.Groups["m"].Success && m.Groups["sep"].Value is ":" or ".")
        {
            return false;
        }
        switch (m.Groups["part"].Value.ToLowerInvariant())
        {
            case "chiều" or "tối" when hour is >= 1 and <= 11:
                hour += 12;
                break;
            case "trưa" when hour is >= 1 and <= 2:
                hour += 12;
                break;
            case "sáng" when hour > 12:
                return false;
        }
        if (hour > 23 || minute > 59)
        {
            return false;
        }
        time = new TimeOnly(hour, minute);
        return true;
    }

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<h>[0-9]{1,2})\s*(?<sep>:|\.|h|g|giờ)\s*(?:(?<m>[0-9]{1,2})\s*(?:phút|ph|p|')?)?(?::00)?\s*(?<part>sáng|trưa|chiều|tối)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();
}
