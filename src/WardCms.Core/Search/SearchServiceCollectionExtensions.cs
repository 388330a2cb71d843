using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Full-text search of published content: the provider's index on the DbContext's own connection
    /// (so index writes join EF's transaction), kept in step by content events, checked at startup.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchSchema>();
        services.AddScoped<ISearchIndex>(sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var connection = db.Database.GetDbConnection();
            System.Data.Common.DbTransaction? Ambient() => db.Database.CurrentTransaction?.GetDbTransaction();
            return db.Provider == DatabaseProvider.Postgres
                ? new PostgresSearchIndex(connection, Ambient)
                : new SqliteFts5SearchIndex(connection, Ambient);
        });
        services.AddScoped<PublishedSearchDocuments>();
        services.AddScoped<SearchFacets>();
        services.AddScoped<SearchRebuilder>();
        services.AddScoped<IContentEventHandler, SearchIndexer>();
        services.AddHostedService<SearchStartup>();
        return services;
    }
}
