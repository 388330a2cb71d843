using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WardCms.Core.Recipes;

public static class RecipeServiceCollectionExtensions
{
    /// <summary>
    /// The recipe engine. Needs the data layer, the content engine (ContentManager, ContentPartRegistry),
    /// ASP.NET Core Identity (UserManager/RoleManager over WardDbContext), the editorial services (it audits
    /// what it publishes and takes down) and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddRecipes(this IServiceCollection services)
    {
        services.AddScoped<RecipeValidator>();
        services.AddScoped<RecipeApplier>();
        // The applier tells search when a site's synonyms change.
        services.AddMemoryCache();
        services.TryAddSingleton<Search.SearchSynonymCache>();
        return services;
    }
}
