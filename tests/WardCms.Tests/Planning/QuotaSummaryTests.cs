using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public class QuotaSummaryTests
{
    private static readonly DateTimeOffset Nov22 = Ev.Ict("2025-11-22 10:00");

    private static QuotaEvaluation Evaluate(DateTimeOffset now, IEnumerable<CountingEvent> events, IEnumerable<PipelineItem>? pipeline = null) =>
        new QuotaEngine().Evaluate(PlanFixtures.HaiBaTrung2025(), events, PlanFixtures.YearStart, PlanFixtures.YearEnd, now, pipeline);

    [Fact]
    public void CurrentMonth_ThreeShortWithTwoAwaitingApproval_SaysSoInVietnamese()
    {
        var events = Enumerable.Range(1, 3).Select(i => Ev.Published($"a{i}", $"2025-11-0{i} 09:00", "hbt-2025-5"));
        var pipeline = new[]
        {
            Ev.Waiting("w1", PipelineStage.Submitted, "hbt-2025-5"),
            Ev.Waiting("w2", PipelineStage.Submitted, "hbt-2025-5"),
        };

        var lines = QuotaSummary.CurrentMonth(Evaluate(Nov22, events, pipeline));

        Assert.Contains("Còn thiếu 3 bài cho nhiệm vụ 5 (tháng 11/2025), còn 9 ngày; 2 bài đang chờ duyệt.", lines);
    }

    [Fact]
    public void CurrentMonth_AtRiskWithNothingWaiting_AddsAWarning()
    {
        var lines = QuotaSummary.CurrentMonth(Evaluate(Nov22, []));

        Assert.Contains("Còn thiếu 6 bài cho nhiệm vụ 5 (tháng 11/2025), còn 9 ngày; chưa có bài nào đang chờ. Có nguy cơ không đạt.", lines);
    }

    [Fact]
    public void CurrentMonth_MetTask_IsListedAfterTheGaps()
    {
        var events = new[]
        {
            Ev.Published("land", "2025-11-05 09:00", "hbt-2025-8", "hbt-2025-5") with { UnitKey = "kt-ht-dt" },
        };

        var lines = QuotaSummary.CurrentMonth(Evaluate(Nov22, events));

        Assert.Equal("Nhiệm vụ 8 đã đạt chỉ tiêu tháng 11/2025: 1/1 bài.", lines[^1]);
        Assert.StartsWith("Còn thiếu", lines[0]);
    }

    [Fact]
    public void CurrentMonth_MixedPipelineStagesOnLastDay_ListsEachStage()
    {
        var events = Enumerable.Range(1, 3).Select(i => Ev.Published($"a{i}", $"2025-11-0{i} 09:00", "hbt-2025-5"));
        var pipeline = new[]
        {
            Ev.Waiting("w1", PipelineStage.Submitted, "hbt-2025-5"),
            Ev.Waiting("w2", PipelineStage.Approved, "hbt-2025-5"),
            Ev.Waiting("w3", PipelineStage.Scheduled, "hbt-2025-5"),
        };

        var lines = QuotaSummary.CurrentMonth(Evaluate(Ev.Ict("2025-11-30 08:00"), events, pipeline));

        Assert.Contains(
            "Còn thiếu 3 bài cho nhiệm vụ 5 (tháng 11/2025), hôm nay là ngày cuối; 1 bài đang chờ duyệt, 1 bài đã duyệt, chờ đăng, 1 bài đã lên lịch.",
            lines);
    }

    [Fact]
    public void CurrentMonth_OverdueMilestone_IsMentioned()
    {
        var lines = QuotaSummary.CurrentMonth(Evaluate(Nov22, []));

        Assert.Contains("Nhiệm vụ 9 đã quá hạn (31/10/2025), chưa có kết quả.", lines);
    }

    [Fact]
    public void Current_WeeklyAirTime_IsPhrasedInMinutes()
    {
        var events = new[] { Ev.Aired("r1", "2026-03-16 06:00", 5, "cds-radio") };
        var evaluation = new QuotaEngine().Evaluate(
            PlanFixtures.DigitalCampaign2026(), events, new(2026, 1, 1), new(2026, 12, 31), Ev.Ict("2026-03-18 12:00"));

        var lines = QuotaSummary.Current(evaluation, QuotaPeriodKind.Week);

        Assert.Equal(["Còn thiếu 10 phút phát sóng cho nhiệm vụ A (tuần 12/2026 (16/03–22/03)), còn 5 ngày; chưa có bài nào đang chờ."], lines);
    }

    [Fact]
    public void CurrentMonth_MilestoneDueThisMonth_SaysHowManyDaysAreLeft()
    {
        var plan = PlanFixtures.HaiBaTrung2025().Append(new TaskRules
        {
            TaskId = "hbt-2025-10", Code = "10", Name = "Cuộc thi ý tưởng CCHC", Milestone = new() { DueDates = [new(2025, 11, 30)] },
        });

        var evaluation = new QuotaEngine().Evaluate(plan, [], PlanFixtures.YearStart, PlanFixtures.YearEnd, Nov22);

        Assert.Contains("Nhiệm vụ 10 đến hạn ngày 30/11/2025 (còn 9 ngày).", QuotaSummary.CurrentMonth(evaluation));
    }
}
