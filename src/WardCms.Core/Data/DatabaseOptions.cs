using Microsoft.Extensions.Configuration;

namespace WardCms.Core.Data;

/// <summary>Which database to use: SQLite in the data folder by default, PostgreSQL when configured.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string DataFolder)
{
    /// <summary>
    /// Reads, in order: WARDCMS_DB (a postgres:// URL, a "Host=…" string or a sqlite file path),
    /// ConnectionStrings:Postgres, ConnectionStrings:Sqlite, then SQLite at {data}/wardcms.db.
    /// </summary>
    public static DatabaseOptions FromConfiguration(IConfiguration config, string contentRoot)
    {
        var data = config["WARDCMS_DATA"] is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(contentRoot, "App_Data");
        var db = config["WARDCMS_DB"];
        if (!string.IsNullOrWhiteSpace(db))
        {
            if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            {
                return new(DatabaseProvider.Postgres, PostgresUrlToConnectionString(db), data);
            }
            if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            {
                return new(DatabaseProvider.Postgres, db, data);
            }
            return new(DatabaseProvider.Sqlite, SqliteConnectionString(Path.GetFullPath(db)), data);
        }
        if (config.GetConnectionString("Postgres") is { Length: > 0 } pg)
        {
            return new(DatabaseProvider.Postgres, pg, data);
        }
        if (config.GetConnectionString("Sqlite") is { Length: > 0 } lite)
        {
            return new(DatabaseProvider.Sqlite, lite, data);
        }
        return new(DatabaseProvider.Sqlite, SqliteConnectionString(Path.Combine(data, "wardcms.db")), data);
    }

    // No shared cache: it turns WAL's concurrent readers into table locks and retry loops (profiled at
    // 100+ requests a second); each pooled connection has its own cache.
    public static string SqliteConnectionString(string file) => $"Data Source={file};Default Timeout=30";

    public static string PostgresUrlToConnectionString(string url)
    {
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var b = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (userInfo.Length > 0 && userInfo[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length > 1)
        {
            b.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        return b.ConnectionString;
    }
}
