using WardCms.Core.Content;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Content.Parts;
using WardCms.Core.Sites;

namespace WardCms.Web.Setup;

public static class ContentServices
{
    public static IServiceCollection AddContentEngine(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<ContentPartDefinition, CommonPart>();
        services.AddSingleton<ContentPartDefinition, RoutePart>();
        services.AddSingleton<ContentPartDefinition, TopicsPart>();
        services.AddSingleton<ContentPartDefinition, PlanTasksPart>();
        services.AddSingleton<ContentPartDefinition, MediaPart>();
        services.AddSingleton<ContentPartDefinition, BroadcastPart>();
        services.AddSingleton<ContentPartDefinition, HandbookPart>();
        services.AddSingleton<ContentPartRegistry>();
        services.AddScoped<ContentManager>();
        services.AddScoped<PublishedContent>();
        services.AddScoped<SiteContext>();
        services.AddScoped<WardCms.Core.Recipes.RecipeApplier>();
        return services;
    }
}
