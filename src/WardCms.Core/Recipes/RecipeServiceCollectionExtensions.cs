using Microsoft.Extensions.DependencyInjection;

namespace WardCms.Core.Recipes;

public static class RecipeServiceCollectionExtensions
{
    /// <summary>
    /// The recipe engine. Needs the data layer, the content engine (ContentManager, ContentPartRegistry),
    /// ASP.NET Core Identity (UserManager/RoleManager over WardDbContext) and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddRecipes(this IServiceCollection services)
    {
        services.AddScoped<RecipeValidator>();
        services.AddScoped<RecipeApplier>();
        return services;
    }
}
