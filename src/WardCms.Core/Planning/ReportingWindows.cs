using System.Text.Json.Serialization;

namespace WardCms.Core.Planning;

// A named range a periodic report covers. A plan may store its own list of these (data),
// the functions below only give the defaults.
public sealed record ReportingWindow(string Key, string Name, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;
}

[JsonConverter(typeof(JsonStringEnumConverter<ReportingWindowMode>))]
public enum ReportingWindowMode
{
    // The Interior Ministry's CCHC reporting guidance: data is cut on the 14th of the last month,
    // and the reporting year starts on 15 December of the previous year.
    MinistryGuidance,
    Calendar,
}

public static class ReportingWindows
{
    public static IReadOnlyList<ReportingWindow> For(int year, ReportingWindowMode mode) => mode switch
    {
        ReportingWindowMode.MinistryGuidance => Ministry(year),
        ReportingWindowMode.Calendar => Calendar(year),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown reporting window mode."),
    };

    public static ReportingWindow Custom(string key, string name, DateOnly from, DateOnly to)
    {
        if (from > to)
            throw new ArgumentException($"Kỳ báo cáo '{name}': ngày bắt đầu {from:dd/MM/yyyy} sau ngày kết thúc {to:dd/MM/yyyy}.", nameof(from));
        return new ReportingWindow(key, name, from, to);
    }

    private static IReadOnlyList<ReportingWindow> Ministry(int year)
    {
        var start = new DateOnly(year - 1, 12, 15);
        return
        [
            new("q1", $"Báo cáo quý I năm {year}", start, new DateOnly(year, 3, 14)),
            new("6m", $"Báo cáo 6 tháng đầu năm {year}", start, new DateOnly(year, 6, 14)),
            new("q3", $"Báo cáo quý III năm {year}", new DateOnly(year, 6, 15), new DateOnly(year, 9, 14)),
            new("9m", $"Báo cáo 9 tháng năm {year}", start, new DateOnly(year, 9, 14)),
            new("year", $"Báo cáo năm {year}", start, new DateOnly(year, 12, 14)),
        ];
    }

    private static IReadOnlyList<ReportingWindow> Calendar(int year)
    {
        DateOnly D(int m, int d) => new(year, m, d);
        return
        [
            new("q1", $"Quý I năm {year}", D(1, 1), D(3, 31)),
            new("q2", $"Quý II năm {year}", D(4, 1), D(6, 30)),
            new("6m", $"6 tháng đầu năm {year}", D(1, 1), D(6, 30)),
            new("q3", $"Quý III năm {year}", D(7, 1), D(9, 30)),
            new("9m", $"9 tháng năm {year}", D(1, 1), D(9, 30)),
            new("q4", $"Quý IV năm {year}", D(10, 1), D(12, 31)),
            new("year", $"Năm {year}", D(1, 1), D(12, 31)),
        ];
    }
}
