using System.Globalization;

namespace WardCms.Core.Planning;

// All periods are local to the ward: Asia/Ho_Chi_Minh (UTC+7, no DST).
// A publish at 23:30 on 31 March ICT (16:30 UTC) counts for March.
public static class PeriodCalculator
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            // Hosts without tzdata: the zone has been a fixed UTC+7 since 1975, so this is exact for our dates.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }

    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    // Converting 20,000 instants one by one through TimeZoneInfo dominates an evaluation, so the
    // engine asks this per-call cache instead: one offset lookup per UTC day, verified at both
    // ends of the day (a zone never changes offset twice in a day); a day with a transition falls
    // back to the full conversion.
    public sealed class LocalDateCache(TimeZoneInfo? zone = null)
    {
        private readonly TimeZoneInfo _zone = zone ?? Zone;
        private readonly Dictionary<int, TimeSpan?> _offsetByUtcDay = [];

        public DateOnly LocalDate(DateTimeOffset instant)
        {
            var utc = instant.UtcDateTime;
            var day = DateOnly.FromDateTime(utc).DayNumber;
            if (!_offsetByUtcDay.TryGetValue(day, out var offset))
            {
                var dayStart = utc.Date;
                var first = _zone.GetUtcOffset(dayStart);
                var last = _zone.GetUtcOffset(dayStart.AddDays(1).AddTicks(-1));
                _offsetByUtcDay[day] = offset = first == last ? first : null;
            }
            return offset is { } o
                ? DateOnly.FromDateTime(utc + o)
                : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
        }
    }

    public static QuotaPeriod Containing(QuotaPeriodKind kind, DateTimeOffset instant) =>
        Containing(kind, LocalDate(instant));

    public static QuotaPeriod Containing(QuotaPeriodKind kind, DateOnly date)
    {
        var start = StartOf(kind, date);
        return kind switch
        {
            QuotaPeriodKind.Week => Week(start),
            QuotaPeriodKind.Month => new(kind, start.Year, start.Month, start, start.AddMonths(1).AddDays(-1)),
            QuotaPeriodKind.Quarter => new(kind, start.Year, (start.Month - 1) / 3 + 1, start, start.AddMonths(3).AddDays(-1)),
            QuotaPeriodKind.HalfYear => new(kind, start.Year, start.Month == 1 ? 1 : 2, start, start.AddMonths(6).AddDays(-1)),
            QuotaPeriodKind.Year => new(kind, start.Year, 1, start, start.AddYears(1).AddDays(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
        };
    }

    // The first day of the period containing date: cheap, allocation-free, used as the bucket key.
    public static DateOnly StartOf(QuotaPeriodKind kind, DateOnly date) => kind switch
    {
        // ISO weeks start on Monday; DayOfWeek.Sunday is 0, hence the shift.
        QuotaPeriodKind.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        QuotaPeriodKind.Month => new DateOnly(date.Year, date.Month, 1),
        QuotaPeriodKind.Quarter => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        QuotaPeriodKind.HalfYear => new DateOnly(date.Year, date.Month <= 6 ? 1 : 7, 1),
        QuotaPeriodKind.Year => new DateOnly(date.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
    };

    // Periods overlapping [from, to], in order. With a window, only periods that also overlap
    // the window exist (an Aug–Dec rule has no July). Periods are returned whole; the engine
    // clips counting to the window (see QuotaEngine).
    public static IReadOnlyList<QuotaPeriod> Overlapping(QuotaPeriodKind kind, DateOnly from, DateOnly to, DateWindow? window = null)
    {
        if (window is not null)
        {
            from = from > window.From ? from : window.From;
            to = to < window.To ? to : window.To;
        }
        var periods = new List<QuotaPeriod>();
        if (from > to)
            return periods;
        var period = Containing(kind, from);
        while (period.Start <= to)
        {
            periods.Add(period);
            period = Containing(kind, period.End.AddDays(1));
        }
        return periods;
    }

    private static QuotaPeriod Week(DateOnly monday)
    {
        var dt = monday.ToDateTime(TimeOnly.MinValue);
        return new(QuotaPeriodKind.Week, ISOWeek.GetYear(dt), ISOWeek.GetWeekOfYear(dt), monday, monday.AddDays(6));
    }
}
