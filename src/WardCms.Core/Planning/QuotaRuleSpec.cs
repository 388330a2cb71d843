using System.Text.Json.Serialization;

namespace WardCms.Core.Planning;

// Enums are written as names so a recipe reads "month", not 1, and survives reordering.
[JsonConverter(typeof(JsonStringEnumConverter<QuotaMetric>))]
public enum QuotaMetric
{
    Count,
    AirTimeMinutes,
}

[JsonConverter(typeof(JsonStringEnumConverter<QuotaPeriodKind>))]
public enum QuotaPeriodKind
{
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

[JsonConverter(typeof(JsonStringEnumConverter<CountingEventKind>))]
public enum CountingEventKind
{
    PublishedOnPortal,
    AiredOnRadio,
    PostedToCityPage,
}

// Inclusive local (ICT) dates, e.g. 2025-08-01..2025-12-31 for "từ tháng 8 đến tháng 12".
public sealed record DateWindow(DateOnly From, DateOnly To)
{
    public static DateWindow Months(int year, int fromMonth, int toMonth) =>
        new(new DateOnly(year, fromMonth, 1), new DateOnly(year, toMonth, DateTime.DaysInMonth(year, toMonth)));

    public bool Contains(DateOnly date) => date >= From && date <= To;
}

// Every list empty means "any"; a non-empty list matches when the item has at least one of its values.
public sealed record QuotaFilters
{
    public static QuotaFilters Any { get; } = new();

    public IReadOnlyList<string> ContentTypes { get; init; } = [];
    public IReadOnlyList<string> Channels { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Units { get; init; } = [];
}

public sealed record QuotaRuleSpec
{
    public required string Key { get; init; }
    public QuotaMetric Metric { get; init; } = QuotaMetric.Count;

    // Items for Count, minutes for AirTimeMinutes.
    public required decimal Minimum { get; init; }
    public required QuotaPeriodKind Period { get; init; }
    public required CountingEventKind Event { get; init; }
    public DateWindow? ActiveWindow { get; init; }
    public QuotaFilters Filters { get; init; } = QuotaFilters.Any;
    public string? Label { get; init; }

    // Messages are shown to the plan officer who typed the rule, hence Vietnamese.
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Key))
            errors.Add("Chỉ tiêu chưa có mã (key).");
        if (Minimum < 0)
            errors.Add($"Chỉ tiêu '{Key}': mức tối thiểu không được âm (đang là {Minimum}).");
        if (ActiveWindow is { } w && w.From > w.To)
            errors.Add($"Chỉ tiêu '{Key}': ngày bắt đầu áp dụng {w.From:dd/MM/yyyy} sau ngày kết thúc {w.To:dd/MM/yyyy}.");
        if (!Enum.IsDefined(Metric) || !Enum.IsDefined(Period) || !Enum.IsDefined(Event))
            errors.Add($"Chỉ tiêu '{Key}': loại chỉ tiêu, kỳ hoặc sự kiện tính không hợp lệ.");
        return errors;
    }
}
