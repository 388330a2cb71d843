using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using WardCms.Core.Search;

namespace WardCms.Benchmarks;

/// <summary>
/// Search at 100,000 published items: p50/p95 of 20 common queries (10 typed without diacritics,
/// the same 10 with them) through ISearchIndex.SearchAsync, which is exactly what the search page and
/// /api/search call (count, first page in rank order, snippets). Baseline in the same run: a plain
/// count of the site's documents. SQLite always; PostgreSQL too when WARDCMS_TEST_POSTGRES names a
/// server (./wardcms bench starts a throwaway one).
/// </summary>
public static class SearchBenchmark
{
    private static readonly string[] Queries =
    [
        "dang ky", "thu tuc hanh chinh", "tam tru", "dich vu cong truc tuyen", "chuyen doi so",
        "ho tich", "dat dai", "can cuoc", "cai cach hanh chinh", "mot cua",
        "đăng ký", "thủ tục hành chính", "tạm trú", "dịch vụ công trực tuyến", "chuyển đổi số",
        "hộ tịch", "đất đai", "căn cước", "cải cách hành chính", "một cửa",
    ];

    public static async Task Run(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 100_000;
        var providers = args.Length > 1 ? args[1] : "both"; // sqlite | postgres | both
        var sentences = LoadSentences();
        Console.WriteLine($"corpus: {count:N0} documents generated from {sentences.Count} sentences of the demo content");

        var data = Path.Combine(Path.GetTempPath(), "wardcms-bench-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            if (providers != "postgres")
            {
                await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, "search.db")};Pooling=False");
                await sqlite.OpenAsync();
                await using (var pragma = sqlite.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
                    await pragma.ExecuteNonQueryAsync();
                }
                await Measure("SQLite FTS5", sqlite, new SqliteFts5SearchIndex(sqlite), count, sentences);
            }

            var server = Environment.GetEnvironmentVariable("WARDCMS_TEST_POSTGRES");
            if (providers == "sqlite")
            {
                return;
            }
            if (string.IsNullOrEmpty(server))
            {
                Console.WriteLine("PostgreSQL: skipped (WARDCMS_TEST_POSTGRES not set; ./wardcms bench sets it)");
                return;
            }
            // WARDCMS_BENCH_PG_DATABASE: measure again on a database kept by WARDCMS_BENCH_KEEP=1 (no indexing).
            var reuse = Environment.GetEnvironmentVariable("WARDCMS_BENCH_PG_DATABASE");
            var database = reuse ?? "wardcms_bench_search_" + Guid.NewGuid().ToString("N")[..8];
            if (reuse is null)
            {
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(server) { Database = database };
                await using var pg = new NpgsqlConnection(builder.ConnectionString);
                await pg.OpenAsync();
                await Measure("PostgreSQL", pg, new PostgresSearchIndex(pg), reuse is null ? count : 0, sentences);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                if (Environment.GetEnvironmentVariable("WARDCMS_BENCH_KEEP") == "1" || reuse is not null)
                {
                    Console.WriteLine($"kept PostgreSQL database {database}");
                }
                else
                {
                    await using var admin = new NpgsqlConnection(server);
                    await admin.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync();
                }
            }
        }
        finally
        {
            try
            {
                // WARDCMS_BENCH_KEEP=1 keeps the SQLite file and the PostgreSQL database for a closer look.
                if (Environment.GetEnvironmentVariable("WARDCMS_BENCH_KEEP") == "1")
                {
                    Console.WriteLine($"kept {data}");
                }
                else
                {
                    Directory.Delete(data, true);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task Measure(string name, DbConnection connection, ISearchIndex index, int count, IReadOnlyList<string> sentences)
    {
        const int SiteId = 1;
        await index.EnsureSchemaAsync();
        var load = Stopwatch.StartNew();
        foreach (var batch in Documents(SiteId, count, sentences).Chunk(5_000))
        {
            await index.UpsertManyAsync(batch);
        }
        await Analyze(connection);
        Console.WriteLine($"{name}: indexed {await index.CountAsync(SiteId):N0} documents in {load.Elapsed.TotalSeconds:0} s");

        // Warm-up: every query once, so the JIT and the page cache are not measured.
        foreach (var q in Queries)
        {
            await index.SearchAsync(new SearchQuery(SiteId, q));
        }

        const int Rounds = 5;
        var all = new List<double>();
        var plain = new List<double>();
        var marked = new List<double>();
        var baseline = new List<double>();
        var worst = new Dictionary<string, double>();
        var totals = new Dictionary<string, int>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var q in Queries)
            {
                var sw = Stopwatch.StartNew();
                var results = await index.SearchAsync(new SearchQuery(SiteId, q));
                var ms = sw.Elapsed.TotalMilliseconds;
                all.Add(ms);
                (Vietnamese.HasMarks(q) ? marked : plain).Add(ms);
                worst[q] = Math.Max(worst.GetValueOrDefault(q), ms);
                totals[q] = results.Total;

                sw.Restart();
                await index.CountAsync(SiteId);
                baseline.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine($"{name}: {Queries.Length} queries × {Rounds} rounds");
        foreach (var q in Queries)
        {
            Console.WriteLine($"  {q,-28} {totals[q],7:N0} hits  worst {worst[q],7:0.0} ms");
        }
        Console.WriteLine($"{name}: all p50 {Percentile(all, 50):0.0} ms, p95 {Percentile(all, 95):0.0} ms; " +
            $"without diacritics p50 {Percentile(plain, 50):0.0} / p95 {Percentile(plain, 95):0.0} ms; " +
            $"with diacritics p50 {Percentile(marked, 50):0.0} / p95 {Percentile(marked, 95):0.0} ms");
        Console.WriteLine($"{name}: baseline count(*) of the site's documents p50 {Percentile(baseline, 50):0.00} ms; " +
            $"search p95 / baseline p50 = {Percentile(all, 95) / Math.Max(0.001, Percentile(baseline, 50)):0}×; goal p95 < 50 ms: {(Percentile(all, 95) < 50 ? "met" : "NOT met")}");
    }

    // What autovacuum and SQLite's optimize would have done by the time a real site has 100,000 items:
    // PostgreSQL's planner needs the lexeme statistics of search_vectors to choose the GIN index.
    private static async Task Analyze(DbConnection connection)
    {
        foreach (var sql in connection is SqliteConnection ? ["PRAGMA optimize; ANALYZE;"] : new[] { "VACUUM ANALYZE search_documents", "VACUUM ANALYZE search_vectors" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Articles made of the demo content's own sentences, so word frequencies are those of real CCHC
    /// writing: "thủ tục hành chính" is in a large share of the documents, a rare name in a few.
    /// </summary>
    private static IEnumerable<SearchDocument> Documents(int siteId, int count, IReadOnlyList<string> sentences)
    {
        var random = new Random(2025);
        var types = new[] { "CchcArticle", "CchcArticle", "CchcArticle", "RadioScript", "HandbookEntry" };
        var topics = new[] { "a", "b", "c", "d", "e", "f" };
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= count; i++)
        {
            var titleWords = sentences[random.Next(sentences.Count)].Split(' ');
            var title = string.Join(' ', titleWords.Take(Math.Min(titleWords.Length, 6 + random.Next(8))));
            var body = new StringBuilder();
            var length = 6 + random.Next(14);
            for (var s = 0; s < length; s++)
            {
                body.Append(sentences[random.Next(sentences.Count)]).Append(". ");
            }
            yield return new SearchDocument(siteId, i, title, sentences[random.Next(sentences.Count)], body.ToString(),
                types[random.Next(types.Length)], $"/cchc/bai-{i}", start.AddMinutes(random.Next(0, 6 * 365 * 24 * 60)),
                [topics[random.Next(topics.Length)]]);
        }
    }

    private static List<string> LoadSentences()
    {
        var path = FindRecipe("demo-content.recipe.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var sentences = new List<string>();
        void Walk(JsonElement e, string? name)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value, p.Name);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var x in e.EnumerateArray())
                    {
                        Walk(x, name);
                    }
                    break;
                case JsonValueKind.String when name is "title" or "summary" or "body" or "text":
                    foreach (var s in (e.GetString() ?? string.Empty).Split(['.', '\n', ':', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var clean = s.TrimStart('#', '-', '*', ' ', '>');
                        if (clean.Split(' ').Length >= 4)
                        {
                            sentences.Add(clean);
                        }
                    }
                    break;
            }
        }
        Walk(json.RootElement, null);
        return sentences.Distinct().ToList();
    }

    private static string FindRecipe(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "recipes", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"recipes/{file} not found above {AppContext.BaseDirectory}");
    }

    private static class Vietnamese
    {
        public static bool HasMarks(string text) => text.Any(c => c > 127);
    }
}
