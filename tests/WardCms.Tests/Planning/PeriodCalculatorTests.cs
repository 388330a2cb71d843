using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public class PeriodCalculatorTests
{
    [Fact]
    public void QuotaPeriod_PublishAt2330OnLastDay_CountsForThatMonth()
    {
        var publishedAt = new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero); // 23:30 ICT

        var period = PeriodCalculator.Containing(QuotaPeriodKind.Month, publishedAt);

        Assert.Equal("2025-03", period.Key);
    }

    [Fact]
    public void QuotaPeriod_PublishAt0030IctOnFirstDay_CountsForNewMonthAlthoughUtcIsPreviousDay()
    {
        var publishedAt = new DateTimeOffset(2025, 3, 31, 17, 30, 0, TimeSpan.Zero); // 00:30 ICT 1 April

        var period = PeriodCalculator.Containing(QuotaPeriodKind.Month, publishedAt);

        Assert.Equal(new DateOnly(2025, 4, 1), period.Start);
        Assert.Equal(new DateOnly(2025, 4, 30), period.End);
    }

    [Fact]
    public void LocalDate_InstantGivenInAnotherOffset_IsConvertedToIct()
    {
        var paris = new DateTimeOffset(2025, 6, 30, 19, 0, 0, TimeSpan.FromHours(2)); // 00:00 ICT 1 July

        Assert.Equal(new DateOnly(2025, 7, 1), PeriodCalculator.LocalDate(paris));
    }

    [Fact]
    public void Zone_IsUtcPlusSevenWithoutDaylightSaving()
    {
        Assert.Equal(TimeSpan.FromHours(7), PeriodCalculator.Zone.GetUtcOffset(new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(7), PeriodCalculator.Zone.GetUtcOffset(new DateTime(2025, 7, 15, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void IsoWeek_December29Of2025_BelongsToWeek1Of2026()
    {
        var week = PeriodCalculator.Containing(QuotaPeriodKind.Week, new DateOnly(2025, 12, 29));

        Assert.Equal((2026, 1), (week.Year, week.Number));
        Assert.Equal("2026-W01", week.Key);
        Assert.Equal(new DateOnly(2025, 12, 29), week.Start);
        Assert.Equal(new DateOnly(2026, 1, 4), week.End);
    }

    [Fact]
    public void IsoWeek_January1Of2027_BelongsToWeek53Of2026()
    {
        var week = PeriodCalculator.Containing(QuotaPeriodKind.Week, new DateOnly(2027, 1, 1));

        Assert.Equal((2026, 53), (week.Year, week.Number));
    }

    [Theory]
    [InlineData("2025-03-17")] // Monday
    [InlineData("2025-03-20")]
    [InlineData("2025-03-23")] // Sunday
    public void IsoWeek_AnyDayOfTheWeek_StartsOnMondayAndEndsOnSunday(string day)
    {
        var week = PeriodCalculator.Containing(QuotaPeriodKind.Week, DateOnly.Parse(day));

        Assert.Equal(new DateOnly(2025, 3, 17), week.Start);
        Assert.Equal(DayOfWeek.Monday, week.Start.DayOfWeek);
        Assert.Equal(new DateOnly(2025, 3, 23), week.End);
        Assert.Equal(12, week.Number);
    }

    [Fact]
    public void IsoWeek_SundayNight2330Ict_StaysInThatWeek()
    {
        var sundayNight = Ev.Ict("2025-03-23 23:30");

        var week = PeriodCalculator.Containing(QuotaPeriodKind.Week, sundayNight);

        Assert.Equal(12, week.Number);
    }

    [Theory]
    [InlineData("2025-03-31", 1, "2025-01-01", "2025-03-31")]
    [InlineData("2025-04-01", 2, "2025-04-01", "2025-06-30")]
    [InlineData("2025-08-15", 3, "2025-07-01", "2025-09-30")]
    [InlineData("2025-12-31", 4, "2025-10-01", "2025-12-31")]
    public void Quarter_ForADate_IsTheCalendarQuarter(string day, int number, string start, string end)
    {
        var quarter = PeriodCalculator.Containing(QuotaPeriodKind.Quarter, DateOnly.Parse(day));

        Assert.Equal(number, quarter.Number);
        Assert.Equal(DateOnly.Parse(start), quarter.Start);
        Assert.Equal(DateOnly.Parse(end), quarter.End);
    }

    [Fact]
    public void HalfYear_June30And1July_FallInDifferentHalves()
    {
        var first = PeriodCalculator.Containing(QuotaPeriodKind.HalfYear, new DateOnly(2025, 6, 30));
        var second = PeriodCalculator.Containing(QuotaPeriodKind.HalfYear, new DateOnly(2025, 7, 1));

        Assert.Equal(("2025-H1", new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30)), (first.Key, first.Start, first.End));
        Assert.Equal(("2025-H2", new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31)), (second.Key, second.Start, second.End));
    }

    [Fact]
    public void Year_NewYearsEveAt2330Ict_CountsForThatYear()
    {
        var year = PeriodCalculator.Containing(QuotaPeriodKind.Year, Ev.Ict("2025-12-31 23:30"));

        Assert.Equal("2025", year.Key);
        Assert.Equal(365, year.Days);
    }

    [Fact]
    public void Overlapping_MonthsOfAYear_AreTwelveContiguousMonths()
    {
        var months = PeriodCalculator.Overlapping(QuotaPeriodKind.Month, new(2025, 1, 1), new(2025, 12, 31));

        Assert.Equal(12, months.Count);
        Assert.All(months.Zip(months.Skip(1)), pair => Assert.Equal(pair.First.End.AddDays(1), pair.Second.Start));
        Assert.Equal(new DateOnly(2025, 2, 28), months[1].End);
    }

    [Fact]
    public void Overlapping_AugustToDecemberWindow_HasNoJulyPeriod()
    {
        var months = PeriodCalculator.Overlapping(QuotaPeriodKind.Month, new(2025, 1, 1), new(2025, 12, 31), DateWindow.Months(2025, 8, 12));

        Assert.Equal(["2025-08", "2025-09", "2025-10", "2025-11", "2025-12"], months.Select(m => m.Key));
    }

    [Fact]
    public void Overlapping_WeeksOfCalendar2025_IncludeTheWeeksStraddlingTheYearEnds()
    {
        var weeks = PeriodCalculator.Overlapping(QuotaPeriodKind.Week, new(2025, 1, 1), new(2025, 12, 31));

        Assert.Equal("2025-W01", weeks[0].Key);
        Assert.Equal(new DateOnly(2024, 12, 30), weeks[0].Start);
        Assert.Equal("2026-W01", weeks[^1].Key);
        Assert.Equal(53, weeks.Count);
    }

    [Fact]
    public void Overlapping_WindowOutsideRange_GivesNoPeriods()
    {
        var months = PeriodCalculator.Overlapping(QuotaPeriodKind.Month, new(2025, 1, 1), new(2025, 6, 30), DateWindow.Months(2025, 8, 12));

        Assert.Empty(months);
    }

    [Fact]
    public void Overlapping_WindowStartingMidWeek_KeepsThatWeekWhole()
    {
        var window = new DateWindow(new(2026, 3, 5), new(2026, 3, 31)); // Thursday

        var weeks = PeriodCalculator.Overlapping(QuotaPeriodKind.Week, new(2026, 1, 1), new(2026, 12, 31), window);

        Assert.Equal(new DateOnly(2026, 3, 2), weeks[0].Start);
        Assert.Equal(new DateOnly(2026, 3, 30), weeks[^1].Start);
    }

    [Fact]
    public void LocalDateCache_AcrossAYearOfInstants_AgreesWithTimeZoneInfo()
    {
        var cache = new PeriodCalculator.LocalDateCache();
        var start = new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero);

        for (var minutes = 0; minutes < 366 * 24 * 60; minutes += 37)
        {
            var instant = start.AddMinutes(minutes);
            Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, PeriodCalculator.Zone).DateTime), cache.LocalDate(instant));
        }
    }

    [Fact]
    public void LocalDateCache_ZoneWithDaylightSaving_FallsBackOnTransitionDays()
    {
        // The ward's zone has no DST; a zone that has one proves the cache stays exact anyway.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var cache = new PeriodCalculator.LocalDateCache(paris);
        var start = new DateTimeOffset(2025, 3, 29, 0, 0, 0, TimeSpan.Zero);

        for (var minutes = 0; minutes < 3 * 24 * 60; minutes += 10)
        {
            var instant = start.AddMinutes(minutes);
            Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, paris).DateTime), cache.LocalDate(instant));
        }
    }
}
