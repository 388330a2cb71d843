using WardCms.Core.Planning;
using Xunit.Abstractions;

namespace WardCms.Tests.Planning;

// Dashboard scale: a full year, 20,000 events, 30 rules. Totals are checked against a naive
// recount; timing is measured by the benchmarks, not asserted here.
public class QuotaEngineScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluate_TwentyThousandEventsThirtyRules_TotalsMatchANaiveRecount()
    {
        var kinds = new[] { CountingEventKind.PublishedOnPortal, CountingEventKind.AiredOnRadio, CountingEventKind.PostedToCityPage };
        var topics = new[] { "mot-cua", "de-an-06", "dat-dai", "dau-tu" };
        var start = new DateTimeOffset(2024, 12, 31, 12, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, 20_000).Select(i => new CountingEvent
        {
            ContentItemId = $"item-{i}",
            // Spread over a bit more than 2025 so both year edges are exercised.
            OccurredAt = start.AddMinutes(i * 27.0),
            Kind = kinds[i % 3],
            ContentType = i % 11 == 0 ? "muc-cam-nang" : "bai-viet-cchc",
            // Residues chosen independent of the task tags so every filtered rule has matches.
            Topics = [topics[i / 10 % 4]],
            UnitKey = i % 7 < 4 ? "kt-ht-dt" : "vh-xh",
            PlanTaskIds = [$"t{i % 10}", $"t{(i + 3) % 10}"],
            Duration = TimeSpan.FromMinutes(1 + i % 7),
        }).ToList();

        var periodKinds = Enum.GetValues<QuotaPeriodKind>();
        var tasks = Enumerable.Range(0, 10).Select(t => new TaskRules
        {
            TaskId = $"t{t}",
            Rules =
            [
                new() { Key = $"t{t}-count", Minimum = 5, Period = periodKinds[t % 5], Event = CountingEventKind.PublishedOnPortal },
                new()
                {
                    Key = $"t{t}-air", Metric = QuotaMetric.AirTimeMinutes, Minimum = 15, Period = QuotaPeriodKind.Week,
                    Event = CountingEventKind.AiredOnRadio, ActiveWindow = DateWindow.Months(2025, 3, 10),
                },
                new()
                {
                    Key = $"t{t}-topic", Minimum = 1, Period = QuotaPeriodKind.Month, Event = CountingEventKind.PostedToCityPage,
                    Filters = new() { Topics = [topics[t % 4]], ContentTypes = ["bai-viet-cchc"], Units = ["kt-ht-dt"] },
                },
            ],
        }).ToList();
        var from = new DateOnly(2025, 1, 1);
        var to = new DateOnly(2025, 12, 31);

        var cpu = Environment.CpuUsage.TotalTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new QuotaEngine().Evaluate(tasks, events, from, to, Ev.Ict("2025-07-01 12:00"));
        output.WriteLine($"Evaluated in {clock.ElapsedMilliseconds} ms wall, {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:0} ms CPU");

        Assert.Equal(30, result.Tasks.Sum(t => t.Rules.Count));
        foreach (var task in result.Tasks)
        {
            foreach (var rule in task.Rules)
            {
                var periods = rule.Periods;
                var spanFrom = periods[0].CountFrom;
                var spanTo = periods[^1].CountTo;
                var expected = events
                    .Where(e => e.PlanTaskIds.Contains(task.Task.TaskId) && e.Kind == rule.Rule.Event)
                    .Where(e => rule.Rule.Filters.Topics.Count == 0
                        || (e.Topics.Intersect(rule.Rule.Filters.Topics).Any() && e.ContentType == "bai-viet-cchc" && e.UnitKey == "kt-ht-dt"))
                    .Select(e => (e, local: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.OccurredAt, PeriodCalculator.Zone).DateTime)))
                    .Where(x => x.local >= spanFrom && x.local <= spanTo)
                    .Sum(x => rule.Rule.Metric == QuotaMetric.AirTimeMinutes ? (decimal)x.e.Duration!.Value.TotalMinutes : 1m);

                Assert.Equal(expected, periods.Sum(p => p.Achieved));
                Assert.True(expected > 0, $"{rule.Rule.Key} should count something");
            }
        }
    }
}
