using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Planning;

namespace WardCms.Benchmarks;

/// <summary>
/// The city's view (issue 16, item 5; goal: 1 s for 126 wards × 5,000 items): every ward's month
/// through CityProgress.MonthAsync, as /admin/sites/progress computes it, then its XLSX, against the
/// same evaluations one ward after another and a plain COUNT(*) of every item, in the same run. Two
/// kinds of plan: the city's template (the shipped ward recipe's shape: 15 tasks, 5 of them monthly
/// quotas, item ids in publication order) and the dashboard benchmark's 30 rules of week, month and
/// quarter (a quarter is evaluated whole, three months of items).
/// Usage: city [SITES] [ITEMS_PER_SITE] [template|rules|both] (defaults 126 5000 both).
/// </summary>
public static class CityViewBenchmark
{
    private static readonly DateOnly Month = new(2025, 11, 1);

    // Tasks 3, 4, 5, 7 and 8 of the ward recipe are monthly quotas; the rest are milestones.
    private static readonly IReadOnlyList<(int Number, string RulesJson)> CityTemplate = [.. Enumerable.Range(1, 15).Select(n => (n, n switch
    {
        3 => """[{ "metric": "count", "minimum": 2, "period": "month", "event": "airedOnRadio", "filters": { "channels": ["radio"] } }]""",
        4 => """[{ "metric": "count", "minimum": 1, "period": "month", "window": { "from": "2025-08-01", "to": "2025-12-31" }, "event": "postedToCityPage" }]""",
        5 => """[{ "metric": "count", "minimum": 6, "period": "month", "event": "publishedOnPortal", "filters": { "channels": ["portal"] } }]""",
        7 or 8 => """[{ "metric": "count", "minimum": 1, "period": "month", "event": "publishedOnPortal", "filters": { "channels": ["portal"] } }]""",
        _ => "[]",
    }))];

    public static async Task Run(string[] args)
    {
        var sites = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 126;
        var perSite = args.Length > 1 && int.TryParse(args[1], out var p) ? p : 5_000;
        var which = args.Length > 2 ? args[2] : "both";
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        // On PostgreSQL (WARDCMS_DB) both cases seed the same database: run one case per fresh database there.
        if (which is "both" or "template")
            await CaseAsync("city template", sites, perSite, CityTemplate, chronological: true);
        if (which is "both" or "rules")
            await CaseAsync("30 rules week/month/quarter", sites, perSite, null, chronological: false);
    }

    private static async Task CaseAsync(string name, int sites, int perSite, IReadOnlyList<(int Number, string RulesJson)>? tasks, bool chronological)
    {
        await using var bench = await DashboardBenchmark.BenchDatabase.CreateAsync();
        var seed = Stopwatch.StartNew();
        var wards = new List<Plan>();
        for (var i = 0; i < sites; i++)
            wards.Add((await bench.SeedSiteAsync(i, perSite, tasks, chronological)).Plan);
        Console.WriteLine($"[{name}] seeded {sites} wards × {perSite} items in {seed.Elapsed.TotalSeconds:0.0} s ({bench.Options.Provider})");

        var city = bench.Service<CityProgress>();
        var rules = (tasks ?? DashboardBenchmark.DefaultTasks).Select(t => PlanRuleJson.Parse(t.RulesJson, t.Number)).ToList();
        var monthEnd = Month.AddMonths(1).AddDays(-1);
        int[] levels = [.. new[] { 1, 2, 4, 8, CityProgress.Parallelism }.Distinct().Order()];
        var views = levels.ToDictionary(l => l, _ => new List<double>());
        var loop = new List<double>();
        CityMonth? view = null;
        // Interleaved rounds, so a load that comes and goes on the machine touches every variant alike;
        // the first two rounds warm up EF's query cache, the JIT and the connection pool.
        for (var round = 0; round < 8; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var plan in wards)
            {
                await using var scope = bench.CreateAsyncScope();
                var (from, to) = CityProgress.Range(plan, rules, Month, monthEnd, monthEnd);
                await scope.ServiceProvider.GetRequiredService<PlanProgressService>().EvaluateAsync(plan, from, to);
            }
            if (round >= 2)
                loop.Add(sw.Elapsed.TotalMilliseconds);
            foreach (var level in levels)
            {
                sw.Restart();
                view = await city.MonthAsync(Month, level);
                if (round >= 2)
                    views[level].Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine($"[{name}] {view!.Wards.Count} wards, {view.Tasks.Count} tasks, {view.Wards.Sum(w => w.Short)} cells short, {view.Wards.Count(w => w.AtRisk > 0)} wards at risk");
        var xlsx = new List<double>();
        var size = 0;
        for (var run = 0; run < 6; run++)
        {
            var sw = Stopwatch.StartNew();
            size = CityProgressWorkbook.Build(view, CitySort.Risk).ToBytes().Length;
            if (run >= 1)
                xlsx.Add(sw.Elapsed.TotalMilliseconds);
        }
        var count = new List<double>();
        for (var run = 0; run < 5; run++)
            count.Add((await bench.CountAsync(null)).Ms);
        Console.WriteLine($"[{name}] city view of {Month:MM/yyyy}, median of 6: " + string.Join("; ", levels.Select(l => $"{l} at a time {Median(views[l]):0} ms (min {views[l].Min():0})"))
            + $"; the default is {CityProgress.Parallelism} at a time");
        Console.WriteLine($"[{name}] the same {sites} evaluations in a plain loop: median {Median(loop):0} ms; the XLSX ({size / 1024} KB): median {Median(xlsx):0} ms; " +
            $"SELECT COUNT(*) of all {sites * perSite} items: median {Median(count):0.0} ms; the default city view is {Median(views[CityProgress.Parallelism]) / Math.Max(0.001, Median(count)):0}× that");
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
}
