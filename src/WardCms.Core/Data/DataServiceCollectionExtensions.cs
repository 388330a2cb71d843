using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WardCms.Core.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddWardData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<Content.PublicContentStamp>();
        services.AddSingleton<Content.PublicContentChangeInterceptor>();
        services.AddSingleton<Search.SearchOutboxSignal>();
        services.AddSingleton<Search.SearchOutboxInterceptor>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Sites.SiteScope>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresWardDbContext>((sp, o) => o.UseNpgsql(options.ConnectionString).AddInterceptors(
                sp.GetRequiredService<Content.PublicContentChangeInterceptor>(), sp.GetRequiredService<Search.SearchOutboxInterceptor>()));
            services.AddScoped<WardDbContext>(sp => Confined(sp, sp.GetRequiredService<PostgresWardDbContext>()));
        }
        else
        {
            services.AddDbContextPool<SqliteWardDbContext>((sp, o) => o.UseSqlite(options.ConnectionString).AddInterceptors(
                sp.GetRequiredService<Content.PublicContentChangeInterceptor>(), sp.GetRequiredService<Search.SearchOutboxInterceptor>()));
            services.AddScoped<WardDbContext>(sp => Confined(sp, sp.GetRequiredService<SqliteWardDbContext>()));
        }
        return services;
    }

    // Every context a scope gets reads that scope's site (WardDbContext's global query filter).
    private static WardDbContext Confined(IServiceProvider sp, WardDbContext db)
    {
        db.UseSiteScope(sp.GetRequiredService<Sites.SiteScope>());
        return db;
    }

    /// <summary>Creates or upgrades the schema. SQLite runs in WAL mode so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(this WardDbContext db, CancellationToken ct = default)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            }
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await db.Database.MigrateAsync(ct);
    }
}
