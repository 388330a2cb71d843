using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Sites;

namespace WardCms.Benchmarks;

/// <summary>Full-year plan dashboard against a plain COUNT(*) over the same rows, in the same run.</summary>
public static class DashboardBenchmark
{
    public static async Task Run(string[] args)
    {

        // Full-year plan dashboard (PlanProgressService, the code the dashboard, API and reports share)
        // for one ward with 20,000 published items and 30 rules, against a plain COUNT(*) over the same
        // rows in the same run. Database: WARDCMS_DB (as the app reads it) or a temp SQLite file.
        var items = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20_000;
        const int Rules = 30;
        var data = Path.Combine(Path.GetTempPath(), "wardcms-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var dbSetting = Environment.GetEnvironmentVariable("WARDCMS_DB");
        var options = string.IsNullOrEmpty(dbSetting)
            ? new DatabaseOptions(DatabaseProvider.Sqlite, DatabaseOptions.SqliteConnectionString(Path.Combine(data, "bench.db")), data)
            : DatabaseOptions.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build(), data);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddWardData(options).AddContentEngine().AddPlanning();
        await using var provider = services.BuildServiceProvider();

        int siteId;
        Plan plan;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            await db.MigrateAsync();
            var site = new Site { Key = "bench-" + Guid.NewGuid().ToString("N")[..8], Name = "Bench", CreatedUtc = DateTime.UtcNow };
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            siteId = site.Id;
            var units = Enumerable.Range(1, 5).Select(i => new Unit { SiteId = siteId, Key = $"u{i}", Name = $"Phòng {i}" }).ToList();
            db.Units.AddRange(units);
            db.ContentTypes.Add(new ContentTypeDefinition { SiteId = siteId, Name = "CchcArticle", DisplayName = "Bài viết", SettingsJson = """{"channel":"portal","slugPattern":"/cchc/{slug}"}""" });
            plan = new Plan
            {
                SiteId = siteId, Key = "bench", Title = "Bench plan", Year = 2025, StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31),
                Tasks = [.. Enumerable.Range(1, Rules).Select(i => new PlanTask
                {
                    Number = i, Text = $"Nhiệm vụ {i}",
                    RulesJson = $$"""[{ "metric": "count", "minimum": {{1 + i % 6}}, "period": "{{(i % 3 == 0 ? "week" : i % 3 == 1 ? "month" : "quarter")}}", "event": "publishedOnPortal", "filters": { "channels": ["portal"] } }]""",
                })],
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            var taskIds = plan.Tasks.Select(t => t.Id).ToArray();
            var random = new Random(42);
            var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var batch = 0; batch < items; batch += 2000)
            {
                var rows = Enumerable.Range(batch, Math.Min(2000, items - batch)).Select(i => new ContentItem
                {
                    SiteId = siteId, ContentType = "CchcArticle", Title = $"Bài {i}", Slug = $"bai-{i}", PublishedSlug = $"bai-{i}",
                    UnitId = units[i % units.Count].Id, Status = ContentStatus.Published, PublishedVersionId = 1,
                    CreatedUtc = start, UpdatedUtc = start, FirstPublishedUtc = start.AddMinutes(random.Next(0, 365 * 24 * 60)),
                }).ToList();
                db.ContentItems.AddRange(rows);
                await db.SaveChangesAsync();
                // Each item tagged to two tasks, like a land article counting for tasks 8 and 5.
                db.ContentItemPlanTasks.AddRange(rows.SelectMany(r => new[] { taskIds[r.Id % Rules], taskIds[(r.Id * 7 + 3) % Rules] }.Distinct()
                    .Select(t => new ContentItemPlanTask { ContentItemId = r.Id, PlanTaskId = t, Published = true })));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var dashboard = new List<double>();
        var count = new List<double>();
        for (var run = 0; run < 12; run++)
        {
            using var scope = provider.CreateScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<WardDbContext>();
            var sw = Stopwatch.StartNew();
            var n1 = await db.ContentItems.CountAsync(i => i.SiteId == siteId && !i.IsDeleted && i.PublishedVersionId != null);
            count.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var result = await sp.GetRequiredService<PlanProgressService>().EvaluateAsync(plan, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
            dashboard.Add(sw.Elapsed.TotalMilliseconds);
            if (run == 0)
                Console.WriteLine($"{options.Provider}: {n1} items, {result.Evaluation.Tasks.Sum(t => t.Rules.Count)} rules, {result.Evaluation.Tasks.Sum(t => t.Rules.Sum(r => r.Periods.Count))} cells");
        }
        // The first two runs warm up EF's query cache and the JIT.
        dashboard.RemoveRange(0, 2);
        count.RemoveRange(0, 2);
        Console.WriteLine($"full-year dashboard: median {Median(dashboard):0.0} ms; SELECT COUNT(*): median {Median(count):0.00} ms; ratio {Median(dashboard) / Math.Max(0.001, Median(count)):0}×");
        try
        {
            if (Environment.GetEnvironmentVariable("KEEP") == "1") { Console.WriteLine(data); return; }
            Directory.Delete(data, true);
        }
        catch (IOException)
        {
        }
    }
}
