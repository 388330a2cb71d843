using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public class ReportingWindowsTests
{
    private static ReportingWindow Get(IReadOnlyList<ReportingWindow> windows, string key) => Assert.Single(windows, w => w.Key == key);

    [Fact]
    public void Ministry2025_QuarterOne_Runs15December2024To14March2025()
    {
        var q1 = Get(ReportingWindows.For(2025, ReportingWindowMode.MinistryGuidance), "q1");

        Assert.Equal(new DateOnly(2024, 12, 15), q1.From);
        Assert.Equal(new DateOnly(2025, 3, 14), q1.To);
        Assert.Equal("Báo cáo quý I năm 2025", q1.Name);
    }

    [Fact]
    public void Ministry2025_SixAndNineMonthsAndYear_AllStartOn15DecemberOfPreviousYear()
    {
        var windows = ReportingWindows.For(2025, ReportingWindowMode.MinistryGuidance);

        Assert.Equal((new DateOnly(2024, 12, 15), new DateOnly(2025, 6, 14)), (Get(windows, "6m").From, Get(windows, "6m").To));
        Assert.Equal((new DateOnly(2024, 12, 15), new DateOnly(2025, 9, 14)), (Get(windows, "9m").From, Get(windows, "9m").To));
        Assert.Equal((new DateOnly(2024, 12, 15), new DateOnly(2025, 12, 14)), (Get(windows, "year").From, Get(windows, "year").To));
    }

    [Fact]
    public void Ministry2025_QuarterThree_Runs15JuneTo14September()
    {
        var q3 = Get(ReportingWindows.For(2025, ReportingWindowMode.MinistryGuidance), "q3");

        Assert.Equal((new DateOnly(2025, 6, 15), new DateOnly(2025, 9, 14)), (q3.From, q3.To));
        Assert.Equal("Báo cáo quý III năm 2025", q3.Name);
    }

    [Fact]
    public void Ministry_AnItemOn14And15December_FallInDifferentReportingYears()
    {
        var y2025 = Get(ReportingWindows.For(2025, ReportingWindowMode.MinistryGuidance), "year");
        var y2026 = Get(ReportingWindows.For(2026, ReportingWindowMode.MinistryGuidance), "year");

        Assert.True(y2025.Contains(new DateOnly(2025, 12, 14)));
        Assert.False(y2025.Contains(new DateOnly(2025, 12, 15)));
        Assert.True(y2026.Contains(new DateOnly(2025, 12, 15)));
    }

    [Fact]
    public void Calendar2025_QuartersAreCalendarQuartersAndCoverTheYear()
    {
        var windows = ReportingWindows.For(2025, ReportingWindowMode.Calendar);

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)), (Get(windows, "q1").From, Get(windows, "q1").To));
        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)), (Get(windows, "q2").From, Get(windows, "q2").To));
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)), (Get(windows, "q4").From, Get(windows, "q4").To));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 9, 30)), (Get(windows, "9m").From, Get(windows, "9m").To));
    }

    [Fact]
    public void Custom_FromAfterTo_IsRejectedWithAVietnameseMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ReportingWindows.Custom("dot-1", "Đợt cao điểm", new DateOnly(2025, 5, 1), new DateOnly(2025, 4, 1)));

        Assert.Contains("Đợt cao điểm", ex.Message);
        Assert.Contains("01/05/2025", ex.Message);
    }

    [Fact]
    public void Custom_ValidRange_IsKeptAsGiven()
    {
        var window = ReportingWindows.Custom("dot-1", "Đợt cao điểm", new DateOnly(2025, 4, 1), new DateOnly(2025, 5, 15));

        Assert.Equal(new ReportingWindow("dot-1", "Đợt cao điểm", new DateOnly(2025, 4, 1), new DateOnly(2025, 5, 15)), window);
    }
}
