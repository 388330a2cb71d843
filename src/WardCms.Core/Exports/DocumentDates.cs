using System.Globalization;

namespace WardCms.Core.Exports;

public static class DocumentDates
{
    // Decree 30/2020/NĐ-CP: days below 10 and months below 3 take a leading zero
    // ("ngày 05 tháng 01 năm 2025", "ngày 14 tháng 3 năm 2025").
    public static string Format(DateOnly date)
    {
        var day = date.Day.ToString("00", CultureInfo.InvariantCulture);
        var month = date.Month < 3
            ? date.Month.ToString("00", CultureInfo.InvariantCulture)
            : date.Month.ToString(CultureInfo.InvariantCulture);
        return $"ngày {day} tháng {month} năm {date.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    // "Hai Bà Trưng, ngày 14 tháng 3 năm 2025"; without a place only the date part.
    public static string FormatPlaceAndDate(string? place, DateOnly date) =>
        string.IsNullOrWhiteSpace(place) ? Format(date) : $"{place.Trim()}, {Format(date)}";
}
