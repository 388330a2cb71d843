using WardCms.Core.Planning;
using WardCms.Web.Pages.Admin.Dashboard;

namespace WardCms.Tests.Web.Admin;

/// <summary>The dashboard's column names: a week across New Year says whose week it is.</summary>
public class DashboardLabelTests
{
    [Fact]
    public void WeeksOfAYear_AreNamedOnce_TheWeeksAcrossNewYearWithTheirYear()
    {
        var weeks2025 = PeriodCalculator.Overlapping(QuotaPeriodKind.Week, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)).Select(IndexModel.ShortPeriod).ToList();
        var weeks2027 = PeriodCalculator.Overlapping(QuotaPeriodKind.Week, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).Select(IndexModel.ShortPeriod).ToList();

        // 30/12/2024–05/01/2025 is 2025's first week; 29/12/2025–04/01/2026 is 2026's first: two "T1" before.
        Assert.Equal("T1/2025", weeks2025[0]);
        Assert.Equal("T2", weeks2025[1]);
        Assert.Equal("T1/2026", weeks2025[^1]);
        Assert.Equal(weeks2025.Count, weeks2025.Distinct().Count());
        // 28/12/2026–03/01/2027 is the 53rd week of 2026.
        Assert.Equal("T53/2026", weeks2027[0]);
        Assert.Equal(weeks2027.Count, weeks2027.Distinct().Count());
        Assert.Equal("Th3", IndexModel.ShortPeriod(PeriodCalculator.Containing(QuotaPeriodKind.Month, new DateOnly(2025, 3, 15))));
    }
}
