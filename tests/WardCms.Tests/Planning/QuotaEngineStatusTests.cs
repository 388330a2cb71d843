using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

// Task 5 of the ward plan: at least 6 articles a month. November 2025 has 30 days;
// on 22 November (ICT) 9 days are left, today included.
public class QuotaEngineStatusTests
{
    private static readonly DateTimeOffset Nov22 = Ev.Ict("2025-11-22 10:00");
    private static readonly TaskRules Task5 = new()
    {
        TaskId = "5", Code = "5",
        Rules = [new() { Key = "portal", Minimum = 6, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PublishedOnPortal }],
    };

    private static IEnumerable<CountingEvent> Articles(int count, string month = "2025-11") =>
        Enumerable.Range(1, count).Select(i => Ev.Published($"{month}-{i}", $"{month}-0{Math.Min(i, 9)} 09:00", "5"));

    private static IEnumerable<PipelineItem> Waiting(int count) =>
        Enumerable.Range(1, count).Select(i => Ev.Waiting($"w{i}", PipelineStage.Submitted, "5"));

    private static PeriodResult November(DateTimeOffset now, IEnumerable<CountingEvent> events, IEnumerable<PipelineItem>? pipeline = null, QuotaEngine? engine = null) =>
        (engine ?? new QuotaEngine()).Evaluate([Task5], events, new(2025, 11, 1), new(2025, 11, 30), now, pipeline).Tasks[0].Rules[0].Periods.Single();

    [Fact]
    public void Status_SixArticlesBeforeMonthEnd_IsMet()
    {
        var result = November(Nov22, Articles(6));

        Assert.Equal(QuotaStatus.Met, result.Status);
        Assert.Equal(0m, result.Shortfall);
    }

    [Fact]
    public void Status_ThreeArticlesWithNineDaysLeft_IsOnTrack()
    {
        var result = November(Nov22, Articles(3));

        Assert.Equal(9, result.DaysRemaining);
        Assert.Equal(QuotaStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Status_OneArticleNothingInPipelineWithNineDaysLeft_IsAtRisk()
    {
        var result = November(Nov22, Articles(1));

        Assert.Equal(QuotaStatus.AtRisk, result.Status);
    }

    [Fact]
    public void Status_OneArticleAndThreeWaitingWithNineDaysLeft_IsOnTrackBecausePipelineCovers()
    {
        var atRiskWithOneWaiting = November(Nov22, Articles(1), Waiting(1));
        var onTrackWithTwoWaiting = November(Nov22, Articles(1), Waiting(2));

        Assert.Equal(QuotaStatus.AtRisk, atRiskWithOneWaiting.Status);
        Assert.Equal(QuotaStatus.OnTrack, onTrackWithTwoWaiting.Status);
        Assert.Equal(2m, onTrackWithTwoWaiting.InPipeline);
    }

    [Fact]
    public void Status_NothingPublishedOnThirdDay_IsOnTrack()
    {
        var result = November(Ev.Ict("2025-11-03 08:00"), []);

        Assert.Equal(QuotaStatus.OnTrack, result.Status);
        Assert.Equal(28, result.DaysRemaining);
    }

    [Fact]
    public void Status_OneShortOnLastDayWithNothingWaiting_IsAtRisk()
    {
        var lastDay = Ev.Ict("2025-11-30 21:00");

        Assert.Equal(QuotaStatus.AtRisk, November(lastDay, Articles(5)).Status);
        Assert.Equal(QuotaStatus.OnTrack, November(lastDay, Articles(5), Waiting(1)).Status);
    }

    [Fact]
    public void Status_PeriodOverBelowTarget_IsMissedAndPipelineIgnored()
    {
        var result = November(Ev.Ict("2025-12-01 00:10"), Articles(5), Waiting(3));

        Assert.Equal(QuotaStatus.Missed, result.Status);
        Assert.Equal(0m, result.InPipeline);
        Assert.Equal(0, result.DaysRemaining);
    }

    [Fact]
    public void Status_PeriodAfterToday_IsNotStarted()
    {
        var result = November(Ev.Ict("2025-10-31 23:59"), [], Waiting(3));

        Assert.Equal(QuotaStatus.NotStarted, result.Status);
        Assert.Equal(0m, result.InPipeline);
        Assert.Equal(30, result.DaysRemaining);
    }

    [Fact]
    public void Status_MidnightUtcOnDecember1IsStillNovember30InIct_NotYetMissed()
    {
        // 16:59 UTC on 30 November is 23:59 ICT: the month is not over.
        var result = November(new DateTimeOffset(2025, 11, 30, 16, 59, 0, TimeSpan.Zero), Articles(4), Waiting(2));

        Assert.Equal(QuotaStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Status_StricterPaceFactor_FlagsEarlier()
    {
        var strict = new QuotaEngine(new QuotaEngineOptions { AtRiskPaceFactor = 1m });

        Assert.Equal(QuotaStatus.AtRisk, November(Nov22, Articles(3), engine: strict).Status);
    }

    [Fact]
    public void Pipeline_ItemScheduledAfterPeriodEnd_DoesNotCover()
    {
        var december = Ev.Waiting("dec", PipelineStage.Scheduled, "5") with { ScheduledFor = Ev.Ict("2025-12-01 08:00") };
        var november = Ev.Waiting("nov", PipelineStage.Scheduled, "5") with { ScheduledFor = Ev.Ict("2025-11-30 23:00") };

        var result = November(Nov22, Articles(3), [december, november]);

        Assert.Equal(["nov"], result.PipelineItems.Select(p => p.ContentItemId));
    }

    [Fact]
    public void Pipeline_ItemAlreadyCountedOrOtherTaskOrFilteredOut_IsNotAdded()
    {
        var counted = Ev.Waiting("2025-11-1", PipelineStage.Approved, "5");
        var otherTask = Ev.Waiting("other", PipelineStage.Submitted, "7");

        var result = November(Nov22, Articles(1), [counted, otherTask]);

        Assert.Empty(result.PipelineItems);
    }

    [Fact]
    public void Status_ZeroTarget_IsAlwaysMet()
    {
        var task = Task5 with { Rules = [Task5.Rules[0] with { Minimum = 0 }] };

        var result = new QuotaEngine().Evaluate([task], [], new(2025, 11, 1), new(2025, 11, 30), Nov22);

        Assert.Equal(QuotaStatus.Met, result.Tasks[0].Rules[0].Periods[0].Status);
    }

    [Fact]
    public void Status_AcrossAYear_PastMissedCurrentAndFutureNotStarted()
    {
        var events = Articles(6, "2025-10");

        var result = new QuotaEngine().Evaluate([Task5], events, new(2025, 9, 1), new(2025, 12, 31), Nov22);

        Assert.Equal(
            [QuotaStatus.Missed, QuotaStatus.Met, QuotaStatus.AtRisk, QuotaStatus.NotStarted],
            result.Tasks[0].Rules[0].Periods.Select(p => p.Status));
    }

    [Fact]
    public void StatusText_IsVietnamese()
    {
        Assert.Equal("đạt", QuotaStatus.Met.Vietnamese());
        Assert.Equal("có nguy cơ", QuotaStatus.AtRisk.Vietnamese());
        Assert.Equal("không đạt", QuotaStatus.Missed.Vietnamese());
        Assert.Equal("đang tiến triển", QuotaStatus.OnTrack.Vietnamese());
    }

    [Fact]
    public void Pipeline_ItemExpectedToAirOnly_DoesNotCoverAPortalQuota()
    {
        var script = Ev.Waiting("script", PipelineStage.Approved, "5") with { ExpectedEvents = [CountingEventKind.AiredOnRadio] };
        var article = Ev.Waiting("article", PipelineStage.Approved, "5") with { ExpectedEvents = [CountingEventKind.PublishedOnPortal] };

        var result = November(Nov22, Articles(3), [script, article]);

        Assert.Equal(["article"], result.PipelineItems.Select(p => p.ContentItemId));
        Assert.Equal(1m, result.InPipeline);
    }
}
