using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;
namespace WardCms.Benchmarks;
public static class Probe {
  public static async Task Run(string dir) {
    var options = new DatabaseOptions(DatabaseProvider.Sqlite, DatabaseOptions.SqliteConnectionString(Path.Combine(dir, "bench.db")), dir);
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddWardData(options).AddContentEngine().AddPlanning();
    await using var provider = services.BuildServiceProvider();
    var from = new DateTime(2024,12,31,17,0,0,DateTimeKind.Utc); var to = new DateTime(2025,12,31,16,59,59,DateTimeKind.Utc);
    var best = new Dictionary<string,double>();
    void Rec(string k, double v) => best[k] = best.TryGetValue(k, out var b) ? Math.Min(b, v) : v;
    for (int run = 0; run < 25; run++) {
      using var scope = provider.CreateScope();
      var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
      var sw = Stopwatch.StartNew();
      var rows = await db.ContentItems.AsNoTracking().Where(i => i.SiteId == 1 && !i.IsDeleted && i.PublishedVersionId != null && i.FirstPublishedUtc >= from && i.FirstPublishedUtc <= to && i.ContentType == "CchcArticle")
        .Select(i => new { i.Id, i.ContentType, i.FirstPublishedUtc, i.UnitId }).ToListAsync();
      Rec("ef items", sw.Elapsed.TotalMilliseconds); sw.Restart();
      var rows2 = await db.ContentItems.AsNoTracking().Where(i => i.SiteId == 1 && !i.IsDeleted && i.PublishedVersionId != null && i.FirstPublishedUtc >= from && i.FirstPublishedUtc <= to && i.ContentType == "CchcArticle")
        .Select(i => new { i.Id, i.UnitId }).ToListAsync();
      Rec("ef items ints", sw.Elapsed.TotalMilliseconds); sw.Restart();
      var ids = Enumerable.Range(1, 30).ToList();
      var tags = await db.ContentItemPlanTasks.Where(x => x.Published && ids.Contains(x.PlanTaskId)).Select(x => new { x.ContentItemId, x.PlanTaskId }).ToListAsync();
      Rec("ef tags", sw.Elapsed.TotalMilliseconds); sw.Restart();
      var ev = await scope.ServiceProvider.GetServices<ICountingEventSource>().First().LoadAsync(1, from, to, default);
      Rec("source", sw.Elapsed.TotalMilliseconds); sw.Restart();
      var conn = (SqliteConnection)db.Database.GetDbConnection(); await conn.OpenAsync();
      using (var cmd = conn.CreateCommand()) {
        cmd.CommandText = "SELECT c.Id, c.ContentType, c.FirstPublishedUtc, c.UnitId FROM ContentItems c WHERE c.SiteId = 1 AND NOT c.IsDeleted AND c.PublishedVersionId IS NOT NULL AND c.FirstPublishedUtc >= '2024-12-31 17:00:00' AND c.FirstPublishedUtc <= '2025-12-31 17:00:00' AND c.ContentType = 'CchcArticle'";
        using var r = cmd.ExecuteReader(); long s = 0;
        while (r.Read()) { s += r.GetInt32(0); s += r.GetString(1).Length; s += r.GetDateTime(2).Ticks & 1; s += r.IsDBNull(3) ? 0 : r.GetInt32(3);}
      }
      Rec("raw items", sw.Elapsed.TotalMilliseconds); sw.Restart();
      using (var cmd = conn.CreateCommand()) {
        cmd.CommandText = "SELECT c.Id, c.ContentType, c.FirstPublishedUtc, c.UnitId FROM ContentItems c WHERE c.SiteId = 1 AND NOT c.IsDeleted AND c.PublishedVersionId IS NOT NULL AND c.FirstPublishedUtc >= '2024-12-31 17:00:00' AND c.FirstPublishedUtc <= '2025-12-31 17:00:00' AND c.ContentType = 'CchcArticle'";
        using var r = cmd.ExecuteReader(); long s = 0;
        while (r.Read()) { s += r.GetInt32(0); s += r.GetInt32(3);}
      }
      Rec("raw items no strings", sw.Elapsed.TotalMilliseconds); sw.Restart();
      await conn.CloseAsync();
    }
    foreach (var (k, v) in best) Console.WriteLine($"{k}: best {v:0.0} ms");
  }
}
