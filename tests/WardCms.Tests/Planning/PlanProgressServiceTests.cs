using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Tests.Editorial;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Planning;

public abstract class PlanProgressServiceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task ShippedPlan_RulesJson_MapsToEngineRules()
    {
        var tasks = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().PlanTasks
            .Where(t => t.PlanId == sp.GetRequiredService<WardDbContext>().Plans.Min(p => p.Id)).OrderBy(t => t.Number).ToListAsync());
        Assert.Equal(15, tasks.Count);
        var rules = tasks.ToDictionary(t => t.Number, t => PlanRuleJson.Parse(t.RulesJson, t.Number));
        Assert.Equal(new QuotaRuleSpec
        {
            Key = "5.1", Minimum = 6, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PublishedOnPortal,
            Filters = rules[5][0].Filters, Label = rules[5][0].Label,
        }, rules[5][0]);
        Assert.Equal(["portal"], rules[5][0].Filters.Channels);
        Assert.Equal(new DateWindow(new DateOnly(2025, 8, 1), new DateOnly(2025, 12, 31)), rules[4][0].ActiveWindow);
        Assert.Equal(CountingEventKind.PostedToCityPage, rules[4][0].Event);
        Assert.Equal(CountingEventKind.AiredOnRadio, rules[3][0].Event);
        Assert.Empty(rules[9]);
    }

    // A second, differently shaped plan (a district radio plan): a weekly minimum of air time,
    // quarterly article counts, and a rule active only in a campaign window.
    [Fact]
    public async Task DifferentlyShapedPlan_WeeklyAirTimeQuarterlyCountsAndAWindow_EvaluatesThroughTheService()
    {
        var (plan, taskIds) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
            var p = new Plan
            {
                SiteId = site.Id, Key = "radio-2025-" + Guid.NewGuid().ToString("N")[..6], Title = "Kế hoạch phát thanh CCHC 2025 (thử)", Year = 2025,
                StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31),
                Tasks =
                [
                    new PlanTask { Number = 1, Text = "Mỗi tuần ít nhất 15 phút chương trình CCHC",
                        RulesJson = """[{ "metric": "airTimeMinutes", "minimum": 15, "period": "week", "event": "airedOnRadio", "label": "15 phút mỗi tuần" }]""" },
                    new PlanTask { Number = 2, Text = "Mỗi quý ít nhất 3 bài về Đề án 06",
                        RulesJson = """[{ "metric": "count", "minimum": 3, "period": "quarter", "event": "publishedOnPortal", "filters": { "topics": ["g"] } }]""" },
                    new PlanTask { Number = 3, Text = "Chiến dịch tháng 8–9: 2 bài mỗi tháng",
                        RulesJson = """[{ "metric": "count", "minimum": 2, "period": "month", "event": "publishedOnPortal", "window": { "from": "2025-08-01", "to": "2025-09-30" } }]""" },
                    new PlanTask { Number = 4, Text = "Tổng kết", DueDatesJson = """["2025-12-20"]""" },
                ],
            };
            db.Plans.Add(p);
            await db.SaveChangesAsync();
            return (p, p.Tasks.OrderBy(t => t.Number).Select(t => t.Id.ToString()).ToArray());
        });
        var ict = TimeSpan.FromHours(7);
        var source = new StubSource(
        [
            // Week 2025-W10 (3–9 March): 10 + 6 minutes → met; week 11: 5 minutes → missed.
            Airing("a1", new DateTimeOffset(2025, 3, 3, 6, 0, 0, ict), 10, taskIds[0]),
            Airing("a2", new DateTimeOffset(2025, 3, 9, 23, 30, 0, ict), 6, taskIds[0]),
            Airing("a3", new DateTimeOffset(2025, 3, 12, 6, 0, 0, ict), 5, taskIds[0]),
            // Q1: 2 items on topic g and one on another topic → 2/3.
            Article("p1", new DateTimeOffset(2025, 1, 10, 9, 0, 0, ict), "g", taskIds[1]),
            Article("p2", new DateTimeOffset(2025, 3, 31, 23, 30, 0, ict), "g", taskIds[1]),
            Article("p3", new DateTimeOffset(2025, 2, 1, 9, 0, 0, ict), "e", taskIds[1]),
            // Before the window (July) does not count for task 3; August counts.
            Article("c1", new DateTimeOffset(2025, 7, 31, 9, 0, 0, ict), "e", taskIds[2]),
            Article("c2", new DateTimeOffset(2025, 8, 1, 9, 0, 0, ict), "e", taskIds[2]),
        ]);
        using var scope = factory.Services.CreateScope();
        var service = new PlanProgressService(scope.ServiceProvider.GetRequiredService<WardDbContext>(), [source],
            new ManualTime(new DateTimeOffset(2025, 12, 31, 12, 0, 0, ict)), new QuotaEngine());

        var result = await service.EvaluateAsync(plan, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        var weekly = result.Evaluation.Tasks[0].Rules[0].Periods;
        var w10 = weekly.Single(p => p.Period.Key == "2025-W10");
        Assert.Equal(16m, w10.Achieved);
        Assert.Equal(QuotaStatus.Met, w10.Status);
        Assert.Equal(QuotaStatus.Missed, weekly.Single(p => p.Period.Key == "2025-W11").Status);

        var quarters = result.Evaluation.Tasks[1].Rules[0].Periods;
        Assert.Equal(4, quarters.Count);
        Assert.Equal(2m, quarters[0].Achieved);
        Assert.Equal(["p1", "p2"], quarters[0].CountedItemIds);

        var campaign = result.Evaluation.Tasks[2].Rules[0].Periods;
        Assert.Equal(["2025-08", "2025-09"], campaign.Select(p => p.Period.Key));
        Assert.Equal(1m, campaign[0].Achieved);

        Assert.Equal(MilestoneStatus.Overdue, result.Evaluation.Tasks[3].Milestone!.Status);
    }

    private static CountingEvent Airing(string id, DateTimeOffset at, int minutes, string task) => new()
    {
        ContentItemId = id, OccurredAt = at, Kind = CountingEventKind.AiredOnRadio, Channel = "radio",
        Duration = TimeSpan.FromMinutes(minutes), PlanTaskIds = [task],
    };

    private static CountingEvent Article(string id, DateTimeOffset at, string topic, string task) => new()
    {
        ContentItemId = id, OccurredAt = at, Kind = CountingEventKind.PublishedOnPortal, Channel = "portal", Topics = [topic], PlanTaskIds = [task],
    };

    private sealed class StubSource(IReadOnlyList<CountingEvent> events) : ICountingEventSource
    {
        public Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<CountingEvent>>([.. events.Where(e => e.OccurredAt.UtcDateTime >= fromUtc && e.OccurredAt.UtcDateTime <= toUtc)]);
    }
}

public sealed class SqlitePlanProgressServiceTests(SqliteAppFactory f) : PlanProgressServiceTests<SqliteAppFactory>(f);

public sealed class PostgresPlanProgressServiceTests(PostgresAppFactory f) : PlanProgressServiceTests<PostgresAppFactory>(f);
