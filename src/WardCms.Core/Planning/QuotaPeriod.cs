namespace WardCms.Core.Planning;

// Number is the ISO week, month, quarter or half (1 for a year); Year is the ISO week-year for weeks,
// so 2025-12-29 is in { Year = 2026, Number = 1 }.
public sealed record QuotaPeriod(QuotaPeriodKind Kind, int Year, int Number, DateOnly Start, DateOnly End)
{
    public string Key => Kind switch
    {
        QuotaPeriodKind.Week => $"{Year}-W{Number:00}",
        QuotaPeriodKind.Month => $"{Year}-{Number:00}",
        QuotaPeriodKind.Quarter => $"{Year}-Q{Number}",
        QuotaPeriodKind.HalfYear => $"{Year}-H{Number}",
        _ => $"{Year}",
    };

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public string VietnameseName => Kind switch
    {
        QuotaPeriodKind.Week => $"tuần {Number}/{Year} ({Start:dd/MM}–{End:dd/MM})",
        QuotaPeriodKind.Month => $"tháng {Number}/{Year}",
        QuotaPeriodKind.Quarter => $"quý {Roman(Number)}/{Year}",
        QuotaPeriodKind.HalfYear => Number == 1 ? $"6 tháng đầu năm {Year}" : $"6 tháng cuối năm {Year}",
        _ => $"năm {Year}",
    };

    internal static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => n.ToString() };
}
