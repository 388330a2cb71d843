using System.Text.Json;
using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public class PlanFixtureTests
{
    private static PeriodResult Period(QuotaEvaluation e, string taskId, string key) =>
        e.Tasks.Single(t => t.Task.TaskId == taskId).Rules.Single().Periods.Single(p => p.Period.Key == key);

    // A plausible August 2025 at the ward: everything the plan asks for, done.
    private static IEnumerable<CountingEvent> August2025()
    {
        for (var i = 1; i <= 4; i++)
            yield return Ev.Published($"cchc-{i}", $"2025-08-0{i} 09:00", "hbt-2025-5") with { UnitKey = "vh-xh" };
        yield return Ev.Published("land", "2025-08-12 15:00", "hbt-2025-8", "hbt-2025-5") with { UnitKey = "kt-ht-dt", Topics = ["dat-dai"] };
        yield return Ev.Published("invest", "2025-08-20 15:00", "hbt-2025-7", "hbt-2025-5") with { UnitKey = "kt-ht-dt" };
        yield return Ev.Aired("radio-1", "2025-08-05 06:00", 5, "hbt-2025-3");
        yield return Ev.Aired("radio-2", "2025-08-25 17:00", 5, "hbt-2025-3");
        yield return Ev.PostedToCity("city-1", "2025-08-28 10:00", "hbt-2025-4");
    }

    [Fact]
    public void HaiBaTrung2025_FullAugust_EveryQuotaTaskIsMet()
    {
        var result = new QuotaEngine().Evaluate(PlanFixtures.HaiBaTrung2025(), August2025(), PlanFixtures.YearStart, PlanFixtures.YearEnd, Ev.Ict("2025-09-10 08:00"));

        foreach (var task in new[] { "hbt-2025-3", "hbt-2025-4", "hbt-2025-5", "hbt-2025-7", "hbt-2025-8" })
            Assert.Equal(QuotaStatus.Met, Period(result, task, "2025-08").Status);
        Assert.Equal(6m, Period(result, "hbt-2025-5", "2025-08").Achieved);
    }

    [Fact]
    public void HaiBaTrung2025_LandArticle_CountsForTasks8And5()
    {
        var result = new QuotaEngine().Evaluate(PlanFixtures.HaiBaTrung2025(), August2025(), PlanFixtures.YearStart, PlanFixtures.YearEnd, Ev.Ict("2025-09-10 08:00"));

        Assert.Contains("land", Period(result, "hbt-2025-8", "2025-08").CountedItemIds);
        Assert.Contains("land", Period(result, "hbt-2025-5", "2025-08").CountedItemIds);
        Assert.DoesNotContain("land", Period(result, "hbt-2025-7", "2025-08").CountedItemIds);
    }

    [Fact]
    public void HaiBaTrung2025_Year_HasTwelveMonthsForMonthlyTasksAndFiveForTheCityPage()
    {
        var result = new QuotaEngine().Evaluate(PlanFixtures.HaiBaTrung2025(), [], PlanFixtures.YearStart, PlanFixtures.YearEnd, Ev.Ict("2025-09-10 08:00"));

        Assert.Equal(12, result.Tasks.Single(t => t.Task.Code == "5").Rules[0].Periods.Count);
        Assert.Equal(5, result.Tasks.Single(t => t.Task.Code == "4").Rules[0].Periods.Count);
        Assert.Equal(MilestoneStatus.Overdue, result.Tasks.Single(t => t.Task.Code == "1").Milestone!.Status);
        Assert.Equal(MilestoneStatus.Pending, result.Tasks.Single(t => t.Task.Code == "9").Milestone!.Status);
    }

    [Fact]
    public void HaiBaTrung2025_InvestmentArticleFromAnotherUnit_DoesNotCountForTask7()
    {
        var misfiled = Ev.Published("x", "2025-08-20 15:00", "hbt-2025-7") with { UnitKey = "vh-xh" };

        var result = new QuotaEngine().Evaluate(PlanFixtures.HaiBaTrung2025(), [misfiled], new(2025, 8, 1), new(2025, 8, 31), Ev.Ict("2025-09-10 08:00"));

        Assert.Equal(QuotaStatus.Missed, Period(result, "hbt-2025-7", "2025-08").Status);
    }

    [Fact]
    public void DigitalCampaign2026_WeeklyAirTimeInsideWindow_IsJudgedPerIsoWeek()
    {
        var events = new[]
        {
            Ev.Aired("a", "2026-03-16 06:00", 10, "cds-radio"),
            Ev.Aired("b", "2026-03-22 23:30", 5, "cds-radio"), // Sunday night, still week 12
            Ev.Aired("c", "2026-03-23 06:00", 10, "cds-radio"),
            Ev.Aired("d", "2026-07-06 06:00", 30, "cds-radio"), // after the campaign
        };

        var result = new QuotaEngine().Evaluate(PlanFixtures.DigitalCampaign2026(), events, new(2026, 1, 1), new(2026, 12, 31), Ev.Ict("2026-07-15 08:00"));

        var weeks = result.Tasks.Single(t => t.Task.Code == "A").Rules[0].Periods;
        Assert.Equal(18, weeks.Count);
        Assert.Equal("2026-W10", weeks[0].Period.Key);
        Assert.Equal("2026-W27", weeks[^1].Period.Key);
        Assert.Equal(QuotaStatus.Met, Period(result, "cds-radio", "2026-W12").Status);
        Assert.Equal((10m, QuotaStatus.Missed), (Period(result, "cds-radio", "2026-W13").Achieved, Period(result, "cds-radio", "2026-W13").Status));
        Assert.Equal(25m, weeks.Sum(w => w.Achieved));
    }

    [Fact]
    public void DigitalCampaign2026_QuarterlyTopicAndHalfYearCity_CountIndependently()
    {
        var events = new[]
        {
            Ev.Published("e1", "2026-01-10 09:00", "cds-de-an-06") with { Topics = ["de-an-06"] },
            Ev.Published("e2", "2026-02-10 09:00", "cds-de-an-06") with { Topics = ["de-an-06", "chuyen-doi-so"] },
            Ev.Published("e3", "2026-03-31 23:00", "cds-de-an-06") with { Topics = ["de-an-06"] },
            Ev.Published("e4", "2026-04-02 09:00", "cds-de-an-06") with { Topics = ["mot-cua"] },
            Ev.PostedToCity("c1", "2026-06-30 23:59", "cds-city"),
            Ev.PostedToCity("c2", "2026-07-01 00:00", "cds-city"),
        };

        var result = new QuotaEngine().Evaluate(PlanFixtures.DigitalCampaign2026(), events, new(2026, 1, 1), new(2026, 12, 31), Ev.Ict("2026-07-15 08:00"));

        Assert.Equal(QuotaStatus.Met, Period(result, "cds-de-an-06", "2026-Q1").Status);
        Assert.Equal((0m, QuotaStatus.Missed), (Period(result, "cds-de-an-06", "2026-Q2").Achieved, Period(result, "cds-de-an-06", "2026-Q2").Status));
        Assert.Equal(QuotaStatus.Missed, Period(result, "cds-city", "2026-H1").Status);
        Assert.Equal((1m, QuotaStatus.OnTrack), (Period(result, "cds-city", "2026-H2").Achieved, Period(result, "cds-city", "2026-H2").Status));
    }

    [Fact]
    public void Plans_SerialiseWithSystemTextJson_AsCamelCaseWithNamedEnums()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var plan = PlanFixtures.HaiBaTrung2025();

        var json = JsonSerializer.Serialize(plan, options);
        var back = JsonSerializer.Deserialize<List<TaskRules>>(json, options)!;

        Assert.Contains("\"period\":\"Month\"", json);
        Assert.Contains("\"event\":\"PostedToCityPage\"", json);
        Assert.Contains("\"activeWindow\":{\"from\":\"2025-08-01\",\"to\":\"2025-12-31\"}", json);
        Assert.Contains("Trang thông tin CCHC Thành phố", JsonSerializer.Deserialize<List<TaskRules>>(json, options)![2].Name);
        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(plan[2].Rules[0].ActiveWindow, back[2].Rules[0].ActiveWindow);
    }

    [Fact]
    public void Events_SerialiseAndReadBack_WithDurationAndOffset()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var aired = Ev.Aired("r1", "2025-03-31 23:30", 15, "hbt-2025-3");

        var back = JsonSerializer.Deserialize<CountingEvent>(JsonSerializer.Serialize(aired, options), options)!;

        Assert.Equal(aired.OccurredAt, back.OccurredAt);
        Assert.Equal(TimeSpan.FromMinutes(15), back.Duration);
        Assert.Equal(CountingEventKind.AiredOnRadio, back.Kind);
        Assert.Equal(["hbt-2025-3"], back.PlanTaskIds);
    }

    [Fact]
    public void Evaluation_Serialises_ForTheApi()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var result = new QuotaEngine().Evaluate(PlanFixtures.HaiBaTrung2025(), August2025(), new(2025, 8, 1), new(2025, 8, 31), Ev.Ict("2025-09-10 08:00"));

        var json = JsonSerializer.Serialize(result, options);

        Assert.Contains("\"status\":\"Met\"", json);
        Assert.Contains("\"key\":\"2025-08\"", json);
    }

    [Fact]
    public void HandWrittenRuleJson_WithNullFilterLists_MatchesAnything()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        const string json = """
            {"key":"t5","minimum":6,"period":"Month","event":"PublishedOnPortal","filters":{"topics":null}}
            """;
        var rule = JsonSerializer.Deserialize<QuotaRuleSpec>(json, options)!;
        var task = new TaskRules { TaskId = "5", Rules = [rule] };

        var result = new QuotaEngine().Evaluate([task], [Ev.Published("a", "2025-05-05 09:00", "5")], new(2025, 5, 1), new(2025, 5, 31), Ev.Ict("2025-06-01 08:00"));

        Assert.Equal(QuotaMetric.Count, rule.Metric);
        Assert.Equal(1m, result.Tasks[0].Rules[0].Periods[0].Achieved);
    }
}
