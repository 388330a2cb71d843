using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public class QuotaEngineCountingTests
{
    private static readonly DateTimeOffset EndOf2025 = Ev.Ict("2026-01-15 09:00");
    private readonly QuotaEngine _engine = new();

    private static TaskRules Task(string id, params QuotaRuleSpec[] rules) => new() { TaskId = id, Code = id, Rules = rules };

    private static QuotaRuleSpec Monthly(string key, decimal minimum, CountingEventKind kind = CountingEventKind.PublishedOnPortal) =>
        new() { Key = key, Minimum = minimum, Period = QuotaPeriodKind.Month, Event = kind };

    private PeriodResult Month(QuotaEvaluation evaluation, string taskId, string monthKey, int rule = 0) =>
        evaluation.Tasks.Single(t => t.Task.TaskId == taskId).Rules[rule].Periods.Single(p => p.Period.Key == monthKey);

    [Fact]
    public void Evaluate_PublishAt2330OnMarch31Ict_CountsForMarchNotApril()
    {
        var tasks = new[] { Task("5", Monthly("m", 6)) };
        var events = new[] { Ev.Published("a", "2025-03-31 23:30", "5") };

        var result = _engine.Evaluate(tasks, events, new(2025, 1, 1), new(2025, 12, 31), EndOf2025);

        Assert.Equal(1, Month(result, "5", "2025-03").Achieved);
        Assert.Equal(0, Month(result, "5", "2025-04").Achieved);
    }

    [Fact]
    public void Evaluate_PublishAt0030IctOnApril1_CountsForApril()
    {
        var tasks = new[] { Task("5", Monthly("m", 6)) };
        var events = new[] { Ev.Published("a", "2025-04-01 00:30", "5") };

        var result = _engine.Evaluate(tasks, events, new(2025, 1, 1), new(2025, 12, 31), EndOf2025);

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 17, 30, 0, TimeSpan.Zero), events[0].OccurredAt);
        Assert.Equal(0, Month(result, "5", "2025-03").Achieved);
        Assert.Equal(1, Month(result, "5", "2025-04").Achieved);
    }

    [Fact]
    public void Evaluate_ItemTaggedToTwoTasks_CountsForBoth()
    {
        var tasks = new[] { Task("5", Monthly("portal", 6)), Task("8", Monthly("land", 1)) };
        var landArticle = Ev.Published("land-1", "2025-05-10 08:00", "8", "5") with { UnitKey = "kt-ht-dt" };

        var result = _engine.Evaluate(tasks, [landArticle], new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(["land-1"], Month(result, "5", "2025-05").CountedItemIds);
        Assert.Equal(["land-1"], Month(result, "8", "2025-05").CountedItemIds);
        Assert.Equal(QuotaStatus.Met, Month(result, "8", "2025-05").Status);
    }

    [Fact]
    public void Evaluate_ItemNotTaggedToTask_DoesNotCount()
    {
        var tasks = new[] { Task("5", Monthly("portal", 6)) };

        var result = _engine.Evaluate(tasks, [Ev.Published("x", "2025-05-10 08:00", "7")], new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(0, Month(result, "5", "2025-05").Achieved);
    }

    [Fact]
    public void Evaluate_WrongEventKind_DoesNotCount()
    {
        var tasks = new[] { Task("3", Monthly("radio", 2, CountingEventKind.AiredOnRadio)) };
        var events = new[] { Ev.Published("a", "2025-05-10 08:00", "3"), Ev.Aired("b", "2025-05-11 06:00", 5, "3") };

        var result = _engine.Evaluate(tasks, events, new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(["b"], Month(result, "3", "2025-05").CountedItemIds);
    }

    [Fact]
    public void Evaluate_SameItemAiredTwiceInAMonth_CountsOnceForACountRule()
    {
        var tasks = new[] { Task("3", Monthly("radio", 2, CountingEventKind.AiredOnRadio)) };
        var events = new[] { Ev.Aired("a", "2025-05-10 06:00", 5, "3"), Ev.Aired("a", "2025-05-20 17:00", 5, "3") };

        var result = _engine.Evaluate(tasks, events, new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(1, Month(result, "3", "2025-05").Achieved);
        Assert.Equal(QuotaStatus.Missed, Month(result, "3", "2025-05").Status);
    }

    [Fact]
    public void Evaluate_AirTimeRule_SumsEveryAiringIncludingRepeats()
    {
        var rule = new QuotaRuleSpec
        {
            Key = "air", Metric = QuotaMetric.AirTimeMinutes, Minimum = 15, Period = QuotaPeriodKind.Week, Event = CountingEventKind.AiredOnRadio,
        };
        var events = new[]
        {
            Ev.Aired("a", "2025-05-12 06:00", 5, "r"),
            Ev.Aired("a", "2025-05-14 17:00", 5, "r"),
            Ev.Aired("b", "2025-05-18 17:00", 5, "r"),
        };

        var result = _engine.Evaluate([Task("r", rule)], events, new(2025, 5, 12), new(2025, 5, 18), EndOf2025);

        var week = Assert.Single(result.Tasks[0].Rules[0].Periods);
        Assert.Equal(15m, week.Achieved);
        Assert.Equal(["a", "b"], week.CountedItemIds);
        Assert.Equal(QuotaStatus.Met, week.Status);
    }

    [Fact]
    public void Evaluate_AirTimeWithSeconds_IsSummedExactly()
    {
        var rule = new QuotaRuleSpec
        {
            Key = "air", Metric = QuotaMetric.AirTimeMinutes, Minimum = 15, Period = QuotaPeriodKind.Week, Event = CountingEventKind.AiredOnRadio,
        };
        var events = new[]
        {
            Ev.Aired("a", "2025-05-12 06:00", 0, "r") with { Duration = TimeSpan.FromSeconds(450) },
            Ev.Aired("b", "2025-05-13 06:00", 0, "r") with { Duration = TimeSpan.FromSeconds(449) },
            Ev.Aired("c", "2025-05-13 06:00", 0, "r") with { Duration = null },
        };

        var result = _engine.Evaluate([Task("r", rule)], events, new(2025, 5, 12), new(2025, 5, 18), EndOf2025);

        var week = Assert.Single(result.Tasks[0].Rules[0].Periods);
        Assert.Equal(14.98333333333333333333333333m, week.Achieved, 20);
        Assert.Equal(QuotaStatus.Missed, week.Status);
    }

    [Fact]
    public void Evaluate_UnpublishedItemRemovedFromEvents_NoLongerCounts()
    {
        var tasks = new[] { Task("7", Monthly("invest", 1)) };
        var published = new[] { Ev.Published("a", "2025-06-03 10:00", "7"), Ev.Published("b", "2025-06-04 10:00", "7") };

        var before = _engine.Evaluate(tasks, published, new(2025, 6, 1), new(2025, 6, 30), EndOf2025);
        var after = _engine.Evaluate(tasks, published.Where(e => e.ContentItemId != "a"), new(2025, 6, 1), new(2025, 6, 30), EndOf2025);
        var none = _engine.Evaluate(tasks, [], new(2025, 6, 1), new(2025, 6, 30), EndOf2025);

        Assert.Equal(2, Month(before, "7", "2025-06").Achieved);
        Assert.Equal(["b"], Month(after, "7", "2025-06").CountedItemIds);
        Assert.Equal(QuotaStatus.Met, Month(after, "7", "2025-06").Status);
        Assert.Equal(QuotaStatus.Missed, Month(none, "7", "2025-06").Status);
    }

    [Fact]
    public void Evaluate_ItemMovedToAnotherMonth_CountsOnlyInTheNewMonth()
    {
        var tasks = new[] { Task("5", Monthly("m", 6)) };
        var original = Ev.Published("a", "2025-06-30 20:00", "5");
        var moved = original with { OccurredAt = Ev.Ict("2025-07-02 08:00") };

        var before = _engine.Evaluate(tasks, [original], new(2025, 6, 1), new(2025, 7, 31), EndOf2025);
        var after = _engine.Evaluate(tasks, [moved], new(2025, 6, 1), new(2025, 7, 31), EndOf2025);

        Assert.Equal((1m, 0m), (Month(before, "5", "2025-06").Achieved, Month(before, "5", "2025-07").Achieved));
        Assert.Equal((0m, 1m), (Month(after, "5", "2025-06").Achieved, Month(after, "5", "2025-07").Achieved));
    }

    [Fact]
    public void Evaluate_AugustToDecemberWindow_JulyItemDoesNotCountAndJulyHasNoPeriod()
    {
        var rule = Monthly("city", 1, CountingEventKind.PostedToCityPage) with { ActiveWindow = DateWindow.Months(2025, 8, 12) };
        var events = new[] { Ev.PostedToCity("jul", "2025-07-31 23:59", "4"), Ev.PostedToCity("aug", "2025-08-01 00:00", "4") };

        var result = _engine.Evaluate([Task("4", rule)], events, new(2025, 1, 1), new(2025, 12, 31), EndOf2025);

        var periods = result.Tasks[0].Rules[0].Periods;
        Assert.Equal(["2025-08", "2025-09", "2025-10", "2025-11", "2025-12"], periods.Select(p => p.Period.Key));
        Assert.Equal(["aug"], periods[0].CountedItemIds);
        Assert.DoesNotContain(periods, p => p.CountedItemIds.Contains("jul"));
    }

    [Fact]
    public void Evaluate_WeekStraddlingWindowStart_CountsOnlyDaysInsideWindowWithFullTarget()
    {
        var rule = new QuotaRuleSpec
        {
            Key = "air", Metric = QuotaMetric.AirTimeMinutes, Minimum = 15, Period = QuotaPeriodKind.Week,
            Event = CountingEventKind.AiredOnRadio, ActiveWindow = new(new(2026, 3, 5), new(2026, 6, 30)),
        };
        var events = new[]
        {
            Ev.Aired("before", "2026-03-04 06:00", 15, "r"), // Wednesday, before the campaign
            Ev.Aired("inside", "2026-03-06 06:00", 10, "r"),
        };

        var result = _engine.Evaluate([Task("r", rule)], events, new(2026, 3, 1), new(2026, 3, 8), Ev.Ict("2026-04-01 00:00"));

        var week = Assert.Single(result.Tasks[0].Rules[0].Periods);
        Assert.Equal(new DateOnly(2026, 3, 2), week.Period.Start);
        Assert.Equal(new DateOnly(2026, 3, 5), week.CountFrom);
        Assert.True(week.IsPartial);
        Assert.Equal(15m, week.Target);
        Assert.Equal(10m, week.Achieved);
        Assert.Equal(QuotaStatus.Missed, week.Status);
    }

    [Fact]
    public void Evaluate_ContentTypeFilter_CountsOnlyThatType()
    {
        var rule = Monthly("m", 1) with { Filters = new() { ContentTypes = ["bai-viet-cchc"] } };
        var events = new[]
        {
            Ev.Published("article", "2025-05-10 08:00", "t"),
            Ev.Published("handbook", "2025-05-11 08:00", "t") with { ContentType = "muc-cam-nang" },
        };

        var result = _engine.Evaluate([Task("t", rule)], events, new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(["article"], Month(result, "t", "2025-05").CountedItemIds);
    }

    [Fact]
    public void Evaluate_TopicFilter_MatchesWhenAnyTopicMatchesIgnoringCase()
    {
        var rule = Monthly("m", 1) with { Filters = new() { Topics = ["DE-AN-06", "chuyen-doi-so"] } };
        var events = new[]
        {
            Ev.Published("a", "2025-05-10 08:00", "t") with { Topics = ["mot-cua", "de-an-06"] },
            Ev.Published("b", "2025-05-11 08:00", "t") with { Topics = ["mot-cua"] },
            Ev.Published("c", "2025-05-12 08:00", "t"),
        };

        var result = _engine.Evaluate([Task("t", rule)], events, new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(["a"], Month(result, "t", "2025-05").CountedItemIds);
    }

    [Fact]
    public void Evaluate_ChannelAndUnitFilters_RequireBothToMatch()
    {
        var rule = Monthly("m", 1) with { Filters = new() { Channels = ["portal"], Units = ["kt-ht-dt"] } };
        var events = new[]
        {
            Ev.Published("both", "2025-05-10 08:00", "t") with { UnitKey = "kt-ht-dt" },
            Ev.Published("wrong-unit", "2025-05-11 08:00", "t") with { UnitKey = "vh-xh" },
            Ev.Published("no-unit", "2025-05-11 08:00", "t"),
            Ev.Published("zalo", "2025-05-12 08:00", "t") with { UnitKey = "kt-ht-dt", Channel = "zalo" },
        };

        var result = _engine.Evaluate([Task("t", rule)], events, new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(["both"], Month(result, "t", "2025-05").CountedItemIds);
    }

    [Fact]
    public void Evaluate_QuarterlyRule_SumsTheThreeMonths()
    {
        var rule = new QuotaRuleSpec { Key = "q", Minimum = 3, Period = QuotaPeriodKind.Quarter, Event = CountingEventKind.PublishedOnPortal };
        var events = new[]
        {
            Ev.Published("jan", "2025-01-01 00:00", "t"),
            Ev.Published("feb", "2025-02-14 12:00", "t"),
            Ev.Published("mar", "2025-03-31 23:59", "t"),
            Ev.Published("apr", "2025-04-01 00:00", "t"),
        };

        var result = _engine.Evaluate([Task("t", rule)], events, new(2025, 1, 1), new(2025, 12, 31), EndOf2025);

        var quarters = result.Tasks[0].Rules[0].Periods;
        Assert.Equal(4, quarters.Count);
        Assert.Equal((3m, QuotaStatus.Met), (quarters[0].Achieved, quarters[0].Status));
        Assert.Equal((1m, QuotaStatus.Missed), (quarters[1].Achieved, quarters[1].Status));
    }

    [Fact]
    public void Evaluate_RangeInsideAPeriod_StillCountsTheWholePeriod()
    {
        var rule = new QuotaRuleSpec { Key = "q", Minimum = 2, Period = QuotaPeriodKind.Quarter, Event = CountingEventKind.PublishedOnPortal };
        var events = new[] { Ev.Published("jan", "2025-01-10 08:00", "t"), Ev.Published("mar", "2025-03-10 08:00", "t") };

        var result = _engine.Evaluate([Task("t", rule)], events, new(2025, 3, 1), new(2025, 3, 31), EndOf2025);

        var quarter = Assert.Single(result.Tasks[0].Rules[0].Periods);
        Assert.Equal(2m, quarter.Achieved);
    }

    [Fact]
    public void Evaluate_TaskIdRepeatedOnAnEvent_CountsTheItemOnce()
    {
        var tasks = new[] { Task("5", Monthly("m", 6)) };

        var result = _engine.Evaluate(tasks, [Ev.Published("a", "2025-05-10 08:00", "5", "5")], new(2025, 5, 1), new(2025, 5, 31), EndOf2025);

        Assert.Equal(1m, Month(result, "5", "2025-05").Achieved);
    }

    [Fact]
    public void Evaluate_InvalidRule_IsRejectedWithTaskAndRuleNamed()
    {
        var rule = Monthly("bad", -1) with { ActiveWindow = new(new(2025, 12, 31), new(2025, 8, 1)) };

        var ex = Assert.Throws<ArgumentException>(() => _engine.Evaluate([Task("5", rule)], [], new(2025, 1, 1), new(2025, 12, 31), EndOf2025));

        Assert.Contains("Nhiệm vụ 5", ex.Message);
        Assert.Contains("'bad'", ex.Message);
        Assert.Contains("không được âm", ex.Message);
        Assert.Contains("31/12/2025", ex.Message);
    }

    [Fact]
    public void Evaluate_FromAfterTo_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => _engine.Evaluate([], [], new(2025, 12, 31), new(2025, 1, 1), EndOf2025));
    }
}
