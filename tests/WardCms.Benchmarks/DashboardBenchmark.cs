using System.Data.Common;
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

/// <summary>
/// Full-year plan dashboard (PlanProgressService, the code the dashboard, API and reports share)
/// against a plain COUNT(*) over the same rows, in the same run:
///   1. one ward with 20,000 published items and 30 rules;
///   2. one database holding 100 wards × 5,000 items: one ward's dashboard, then all 100 in sequence.
/// Database: WARDCMS_DB (as the app reads it) or a temp SQLite file. Usage: dashboard [ITEMS] [SITES] [ITEMS_PER_SITE].
/// </summary>
public static class DashboardBenchmark
{
    private const int Rules = 30;

    // Every fifth rule also filters by topic, as the plan's topic-specific tasks do.
    internal static readonly IReadOnlyList<(int Number, string RulesJson)> DefaultTasks = [.. Enumerable.Range(1, Rules).Select(i => (i,
        $$"""[{ "metric": "count", "minimum": {{1 + i % 6}}, "period": "{{(i % 3 == 0 ? "week" : i % 3 == 1 ? "month" : "quarter")}}", "event": "publishedOnPortal", "filters": { "channels": ["portal"]{{(i % 5 == 0 ? $", \"topics\": [\"{"abcdef"[i % 6]}\"]" : "")}} } }]"""))];

    // Dashboards timed for one ward (the first two warm up); more when profiling.
    private static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("WARDCMS_BENCH_RUNS"), out var r) && r > 2 ? r : 14;

    public static async Task Run(string[] args)
    {
        var items = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20_000;
        var sites = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 100;
        var perSite = args.Length > 2 && int.TryParse(args[2], out var p) ? p : 5_000;
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        await OneWardAsync(items);
        if (sites > 0)
            await ManyWardsAsync(sites, perSite);
    }

    private static async Task OneWardAsync(int items)
    {
        await using var bench = await BenchDatabase.CreateAsync();
        var seed = Stopwatch.StartNew();
        var (siteId, plan) = await bench.SeedSiteAsync(0, items);
        Console.WriteLine($"[1 ward] seeded {items} items in {seed.Elapsed.TotalSeconds:0.0} s ({bench.Options.Provider})");

        var dashboard = new List<double>();
        var cpu = new List<double>();
        var count = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var (ms, cpuMs, result) = await bench.DashboardAsync(plan);
            var (countMs, rows) = await bench.CountAsync(siteId);
            // The first two runs warm up EF's query cache and the JIT.
            if (run < 2)
            {
                if (run == 0)
                    Console.WriteLine($"[1 ward] {rows} items, {result.Evaluation.Tasks.Sum(t => t.Rules.Count)} rules, {result.Evaluation.Tasks.Sum(t => t.Rules.Sum(r => r.Periods.Count))} cells, {result.Evaluation.Tasks.Sum(t => t.Rules.Sum(r => r.Periods.Sum(x => x.Achieved)))} counted");
                continue;
            }
            dashboard.Add(ms);
            cpu.Add(cpuMs);
            count.Add(countMs);
        }
        // Where the time goes: each counting source alone (the rest is tasks, pipeline and the engine).
        foreach (var name in await bench.SourceNamesAsync())
        {
            var times = new List<double>();
            for (var run = 0; run < 8; run++)
                times.Add(await bench.SourceAsync(name, siteId));
            Console.WriteLine($"[1 ward]   source {name}: median {Median(times):0.0} ms");
        }
        Console.WriteLine($"[1 ward] full-year dashboard: median {Median(dashboard):0.0} ms (min {dashboard.Min():0.0}, process CPU median {Median(cpu):0.0} ms); " +
            $"SELECT COUNT(*): median {Median(count):0.00} ms; ratio {Median(dashboard) / Math.Max(0.001, Median(count)):0}×");
    }

    private static async Task ManyWardsAsync(int sites, int perSite)
    {
        await using var bench = await BenchDatabase.CreateAsync();
        var seed = Stopwatch.StartNew();
        var wards = new List<(int SiteId, Plan Plan)>();
        for (var i = 0; i < sites; i++)
            wards.Add(await bench.SeedSiteAsync(i, perSite));
        Console.WriteLine($"[{sites} wards] seeded {sites} × {perSite} items in {seed.Elapsed.TotalSeconds:0.0} s");

        var (siteId, plan) = wards[sites / 2];
        var dashboard = new List<double>();
        var count = new List<double>();
        for (var run = 0; run < 14; run++)
        {
            var (ms, _, _) = await bench.DashboardAsync(plan);
            var (countMs, _) = await bench.CountAsync(siteId);
            if (run < 2)
                continue;
            dashboard.Add(ms);
            count.Add(countMs);
        }
        Console.WriteLine($"[{sites} wards] one ward's full-year dashboard: median {Median(dashboard):0.0} ms (min {dashboard.Min():0.0}); " +
            $"SELECT COUNT(*) of that ward: median {Median(count):0.00} ms; ratio {Median(dashboard) / Math.Max(0.001, Median(count)):0}×");

        var rounds = new List<double>();
        var countAll = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var (_, p) in wards)
                await bench.DashboardAsync(p);
            rounds.Add(sw.Elapsed.TotalMilliseconds);
            countAll.Add((await bench.CountAsync(null)).Ms);
        }
        Console.WriteLine($"[{sites} wards] all {sites} dashboards in sequence: median {Median(rounds):0} ms ({Median(rounds) / sites:0.0} ms each); " +
            $"SELECT COUNT(*) over all {sites * perSite} items: median {Median(countAll):0.0} ms; ratio {Median(rounds) / Math.Max(0.001, Median(countAll)):0}×");
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    // Shared with CityViewBenchmark: the same seeded wards.
    internal sealed class BenchDatabase : IAsyncDisposable
    {
        private readonly string _data;
        private readonly ServiceProvider _provider;

        private BenchDatabase(string data, DatabaseOptions options, ServiceProvider provider)
        {
            _data = data;
            Options = options;
            _provider = provider;
        }

        public DatabaseOptions Options { get; }

        public T Service<T>() where T : notnull => _provider.GetRequiredService<T>();

        public AsyncServiceScope CreateAsyncScope() => _provider.CreateAsyncScope();

        public static async Task<BenchDatabase> CreateAsync()
        {
            var data = Path.Combine(Path.GetTempPath(), "wardcms-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(data);
            var dbSetting = Environment.GetEnvironmentVariable("WARDCMS_DB");
            var options = string.IsNullOrEmpty(dbSetting)
                ? new DatabaseOptions(DatabaseProvider.Sqlite, DatabaseOptions.SqliteConnectionString(Path.Combine(data, "bench.db")), data)
                : DatabaseOptions.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build(), data);
            var services = new ServiceCollection();
            services.AddLogging(b => { b.SetMinimumLevel(LogLevel.Warning); if (Environment.GetEnvironmentVariable("BENCH_EFLOG") == "1") b.AddSimpleConsole().AddFilter("Microsoft.EntityFrameworkCore.Query", LogLevel.Debug); });
            services.AddWardData(options).AddContentEngine().AddPlanning();
            var provider = services.BuildServiceProvider();
            using var scope = provider.CreateScope();
            await scope.ServiceProvider.GetRequiredService<WardDbContext>().MigrateAsync();
            return new BenchDatabase(data, options, provider);
        }

        public async Task<(double Ms, double CpuMs, PlanProgress Result)> DashboardAsync(Plan plan)
        {
            using var scope = _provider.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<PlanProgressService>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var result = await service.EvaluateAsync(plan, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
            return (sw.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, result);
        }

        public Task<List<string>> SourceNamesAsync()
        {
            using var scope = _provider.CreateScope();
            return Task.FromResult(scope.ServiceProvider.GetServices<ICountingEventSource>().Select(s => s.GetType().Name).ToList());
        }

        public async Task<double> SourceAsync(string name, int siteId)
        {
            using var scope = _provider.CreateScope();
            var source = scope.ServiceProvider.GetServices<ICountingEventSource>().Single(s => s.GetType().Name == name);
            var (fromUtc, toUtc) = PlanProgressService.UtcRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
            var sw = Stopwatch.StartNew();
            await source.LoadAsync(siteId, fromUtc, toUtc, CancellationToken.None);
            return sw.Elapsed.TotalMilliseconds;
        }

        public async Task<(double Ms, int Rows)> CountAsync(int? siteId)
        {
            using var scope = _provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            var sw = Stopwatch.StartNew();
            var rows = siteId is { } id
                ? await db.ContentItems.CountAsync(i => i.SiteId == id && !i.IsDeleted && i.PublishedVersionId != null)
                : await db.ContentItems.CountAsync(i => !i.IsDeleted && i.PublishedVersionId != null);
            return (sw.Elapsed.TotalMilliseconds, rows);
        }

        // A site, its units, type and plan through EF (a few rows); items and their task tags as
        // batched multi-row INSERTs in one transaction, so 500,000 items take seconds, not minutes.
        /// <param name="tasks">The plan's tasks (number, rules JSON); by default 30 rules of week, month and quarter.</param>
        /// <param name="chronological">Item ids in publication order, as a ward that publishes day after day has them.</param>
        public async Task<(int SiteId, Plan Plan)> SeedSiteAsync(int index, int items, IReadOnlyList<(int Number, string RulesJson)>? tasks = null, bool chronological = false)
        {
            using var scope = _provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            var site = new Site { Key = $"bench-{index}-" + Guid.NewGuid().ToString("N")[..6], Name = $"Phường {index}", CreatedUtc = DateTime.UtcNow };
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            var units = Enumerable.Range(1, 5).Select(i => new Unit { SiteId = site.Id, Key = $"u{i}", Name = $"Phòng {i}" }).ToList();
            db.Units.AddRange(units);
            // The plan's topics a) to f); every item carries one, as a ward's articles do.
            var taxonomy = new Taxonomy
            {
                SiteId = site.Id, Key = "topics", Name = "Chủ đề",
                Terms = [.. "abcdef".Select((c, i) => new Term { Key = c.ToString(), Name = $"Chủ đề {c}", Slug = $"chu-de-{c}", Order = i })],
            };
            db.Taxonomies.Add(taxonomy);
            db.ContentTypes.Add(new ContentTypeDefinition { SiteId = site.Id, Name = "CchcArticle", DisplayName = "Bài viết", SettingsJson = """{"channel":"portal","slugPattern":"/cchc/{slug}"}""" });
            var plan = new Plan
            {
                SiteId = site.Id, Key = "bench", Title = "Bench plan", Year = 2025, StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31),
                Tasks = [.. (tasks ?? DefaultTasks).Select(t => new PlanTask { Number = t.Number, Text = $"Nhiệm vụ {t.Number}", RulesJson = t.RulesJson })],
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            var taskIds = plan.Tasks.Where(t => t.RulesJson != "[]").Select(t => t.Id).ToArray();
            var unitIds = units.Select(u => u.Id).ToArray();
            var termIds = taxonomy.Terms.Select(t => t.Id).ToArray();

            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var random = new Random(42 + index);
            var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            const int Batch = 400;
            var published = Enumerable.Range(0, items).Select(_ => start.AddMinutes(random.Next(0, 365 * 24 * 60))).ToArray();
            if (chronological)
                Array.Sort(published);
            for (var first = 0; first < items; first += Batch)
            {
                var rows = Math.Min(Batch, items - first);
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                var values = new List<string>(rows);
                for (var r = 0; r < rows; r++)
                {
                    var i = first + r;
                    values.Add($"(@s, 'CchcArticle', @u{r}, 'Published', 1, @t{r}, '', @g{r}, @g{r}, @c, @c, @f{r}, @d, @k)");
                    Add(cmd, $"@u{r}", unitIds[i % unitIds.Length]);
                    Add(cmd, $"@t{r}", $"Bài {i}");
                    Add(cmd, $"@g{r}", $"bai-{i}");
                    Add(cmd, $"@f{r}", published[i]);
                }
                Add(cmd, "@s", site.Id);
                Add(cmd, "@c", start);
                Add(cmd, "@d", false);
                Add(cmd, "@k", Guid.NewGuid());
                cmd.CommandText = """
                    INSERT INTO "ContentItems" ("SiteId", "ContentType", "UnitId", "Status", "PublishedVersionId", "Title", "SearchText", "Slug", "PublishedSlug", "CreatedUtc", "UpdatedUtc", "FirstPublishedUtc", "IsDeleted", "ConcurrencyStamp")
                    VALUES
                    """ + string.Join(",\n", values);
                await cmd.ExecuteNonQueryAsync();
            }

            var ids = new List<int>(items);
            await using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = """SELECT "Id" FROM "ContentItems" WHERE "SiteId" = @s""";
                Add(cmd, "@s", site.Id);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    ids.Add(reader.GetInt32(0));
            }
            // Each item tagged to two tasks, like a land article counting for tasks 8 and 5, and to one topic.
            var tags = ids.SelectMany(id => new[] { taskIds[id % taskIds.Length], taskIds[(id * 7 + 3) % taskIds.Length] }.Distinct().Select(t => (id, t))).ToList();
            await InsertTagsAsync(connection, tx, "ContentItemPlanTasks", "PlanTaskId", tags, Batch);
            await InsertTagsAsync(connection, tx, "ContentItemTerms", "TermId", [.. ids.Select(id => (id, termIds[id % termIds.Length]))], Batch);
            await tx.CommitAsync();
            if (Options.Provider == DatabaseProvider.Sqlite)
            {
                // Fold the seeding out of the WAL, as a running site's checkpoints would have.
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }
            await db.Database.CloseConnectionAsync();
            return (site.Id, plan);
        }

        // Published (item, tag) rows as batched multi-row INSERTs.
        private static async Task InsertTagsAsync(DbConnection connection, DbTransaction tx, string table, string tagColumn, List<(int Item, int Tag)> rows, int batch)
        {
            foreach (var chunk in rows.Chunk(batch))
            {
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"""INSERT INTO "{table}" ("ContentItemId", "{tagColumn}", "Published") VALUES """
                    + string.Join(", ", chunk.Select(x => $"({x.Item}, {x.Tag}, @p)"));
                Add(cmd, "@p", true);
                await cmd.ExecuteNonQueryAsync();
            }
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        public async ValueTask DisposeAsync()
        {
            await _provider.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("WARDCMS_BENCH_KEEP") == "1")
            {
                Console.WriteLine($"kept {_data}");
                return;
            }
            try
            {
                Directory.Delete(_data, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
