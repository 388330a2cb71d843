using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Full-text search of published content: one Lucene index under the data folder for every site,
    /// fed from the outbox (<see cref="SearchIndexingTask"/>) by the portal's indexer.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LuceneSearchIndex(
            LuceneSearchIndex.PathIn(sp.GetRequiredService<DatabaseOptions>().DataFolder),
            sp.GetRequiredService<ILogger<LuceneSearchIndex>>()));
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<LuceneSearchIndex>());
        services.AddMemoryCache();
        services.TryAddSingleton<SearchSynonymCache>();
        services.AddSingleton<SearchOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchOutbox>());
        services.AddScoped<PublishedSearchDocuments>();
        services.AddScoped<SearchFacets>();
        services.AddScoped<IContentEventHandler, SearchIndexer>();
        return services;
    }
}
