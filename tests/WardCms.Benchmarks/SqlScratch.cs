using System.Diagnostics;
using Microsoft.Data.Sqlite;
namespace WardCms.Benchmarks;
public static class SqlScratch
{
    public static async Task Run(string[] args)
    {
        await using var c = new SqliteConnection($"Data Source={args[0]};Pooling=False");
        await c.OpenAsync();
        foreach (var sql in File.ReadAllLines(args[1]).Where(l => l.Trim().Length > 0))
        {
            for (var i = 0; i < 3; i++)
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                var sw = Stopwatch.StartNew();
                var rows = 0; object? first = null;
                await using (var r = await cmd.ExecuteReaderAsync()) { while (await r.ReadAsync()) { rows++; first ??= r.GetValue(0); } }
                if (i == 2) Console.WriteLine($"{sw.Elapsed.TotalMilliseconds,8:0.0} ms rows={rows} first={first} :: {sql[..Math.Min(150, sql.Length)]}");
            }
        }
    }
}
