using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public class MilestoneEvaluatorTests
{
    private static readonly MilestoneFacts Reports2025 = new()
    {
        DueDates = [new(2025, 12, 14), new(2025, 3, 14), new(2025, 6, 14), new(2025, 9, 14)],
    };

    [Fact]
    public void Milestone_DueDatePassedWithoutEvidence_IsOverdue()
    {
        var facts = new MilestoneFacts { DueDates = [new(2025, 2, 13)] };

        var result = MilestoneEvaluator.Evaluate(facts, new DateOnly(2025, 2, 14));

        Assert.Equal(MilestoneStatus.Overdue, result.Status);
        Assert.Equal(new DateOnly(2025, 2, 13), result.NextDue);
    }

    [Fact]
    public void Milestone_OnItsDueDate_IsStillPending()
    {
        var facts = new MilestoneFacts { DueDates = [new(2025, 2, 13)] };

        Assert.Equal(MilestoneStatus.Pending, MilestoneEvaluator.Evaluate(facts, new DateOnly(2025, 2, 13)).Status);
    }

    [Fact]
    public void Milestone_MarkedDone_IsDoneEvenAfterDueDate()
    {
        var facts = new MilestoneFacts { DueDates = [new(2025, 10, 31)], Done = true };

        var result = MilestoneEvaluator.Evaluate(facts, new DateOnly(2025, 11, 20));

        Assert.Equal(MilestoneStatus.Done, result.Status);
        Assert.Null(result.NextDue);
    }

    [Fact]
    public void Milestone_FourReportsWithOneFiledAfterTwoDueDates_IsOverdueOnTheSecond()
    {
        var facts = Reports2025 with { EvidenceDates = [new(2025, 3, 12)] };

        var result = MilestoneEvaluator.Evaluate(facts, new DateOnly(2025, 7, 1));

        Assert.Equal(MilestoneStatus.Overdue, result.Status);
        Assert.Equal(new DateOnly(2025, 6, 14), result.NextDue);
        Assert.Equal(2, result.DuePassed);
    }

    [Fact]
    public void Milestone_FourReportsWithTwoFiled_IsPendingUntilTheThird()
    {
        var facts = Reports2025 with { EvidenceDates = [new(2025, 3, 12), new(2025, 6, 13)] };

        var result = MilestoneEvaluator.Evaluate(facts, new DateOnly(2025, 7, 1));

        Assert.Equal(MilestoneStatus.Pending, result.Status);
        Assert.Equal(new DateOnly(2025, 9, 14), result.NextDue);
    }

    [Fact]
    public void Milestone_AllReportsFiled_IsDone()
    {
        var facts = Reports2025 with { EvidenceDates = [new(2025, 3, 12), new(2025, 6, 13), new(2025, 9, 12), new(2025, 12, 10)] };

        Assert.Equal(MilestoneStatus.Done, MilestoneEvaluator.Evaluate(facts, new DateOnly(2025, 12, 20)).Status);
    }

    [Fact]
    public void Milestone_OngoingTaskWithoutDueDate_IsPendingUntilMarkedDone()
    {
        var ongoing = new MilestoneFacts { EvidenceDates = [new(2025, 5, 1)] };

        Assert.Equal(MilestoneStatus.Pending, MilestoneEvaluator.Evaluate(ongoing, new DateOnly(2025, 12, 31)).Status);
        Assert.Equal(MilestoneStatus.Done, MilestoneEvaluator.Evaluate(ongoing with { Done = true }, new DateOnly(2025, 12, 31)).Status);
    }

    [Fact]
    public void Engine_TaskWithoutRules_GetsMilestoneStatusFromNowInIct()
    {
        var task = new TaskRules { TaskId = "9", Milestone = new() { DueDates = [new(2025, 10, 31)] } };

        // 17:30 UTC on 31 October is already 1 November in ICT.
        var result = new QuotaEngine().Evaluate([task], [], new(2025, 1, 1), new(2025, 12, 31), new DateTimeOffset(2025, 10, 31, 17, 30, 0, TimeSpan.Zero));

        Assert.Empty(result.Tasks[0].Rules);
        Assert.Equal(MilestoneStatus.Overdue, result.Tasks[0].Milestone!.Status);
    }

    private static MilestoneResult InRange(MilestoneFacts facts, DateOnly from, DateOnly to, DateOnly today) =>
        new QuotaEngine().Evaluate([new TaskRules { TaskId = "1", Milestone = facts }], [], from, to,
            new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7))).Tasks[0].Milestone!;

    [Fact]
    public void PastRange_JudgesTheMilestoneAsItStoodAtTheRangesEnd()
    {
        var today = new DateOnly(2025, 11, 20);
        DateOnly q1From = new(2025, 1, 1), q1To = new(2025, 3, 31), yearTo = new(2025, 12, 31);
        var dueInOctober = new MilestoneFacts { DueDates = [new(2025, 10, 31)] };

        // The Q1 report, made in November: a task due in October was not due in Q1.
        Assert.Equal(MilestoneStatus.Pending, InRange(dueInOctober, q1From, q1To, today).Status);
        Assert.Equal(MilestoneStatus.Overdue, InRange(dueInOctober, q1From, yearTo, today).Status);

        // Done in May for a February date: overdue at the end of Q1, done for the year.
        var doneLate = new MilestoneFacts { DueDates = [new(2025, 2, 13)], Done = true, EvidenceDates = [new(2025, 5, 1)] };
        Assert.Equal(MilestoneStatus.Overdue, InRange(doneLate, q1From, q1To, today).Status);
        Assert.Equal(MilestoneStatus.Done, InRange(doneLate, q1From, yearTo, today).Status);

        // Four report dates: by the end of June two were due, one report was made in time.
        var reports = Reports2025 with { EvidenceDates = [new(2025, 3, 10), new(2025, 9, 1)] };
        var firstHalf = InRange(reports, q1From, new DateOnly(2025, 6, 30), today);
        Assert.Equal((MilestoneStatus.Overdue, 2, 1), (firstHalf.Status, firstHalf.DuePassed, firstHalf.Evidence));
    }
}
