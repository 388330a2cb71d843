using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Content.Parts;
using WardCms.Core.Sites;

namespace WardCms.Core.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>The content engine: the parts every type is made of, the manager and the read side.</summary>
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
        services.AddSingleton<ContentPartDefinition, FieldsPart>();
        services.AddSingleton<ContentPartRegistry>();
        services.AddScoped<ContentManager>();
        services.AddScoped<EditorAutosaves>();
        services.AddScoped<PublishedContent>();
        services.AddScoped<SiteContext>();
        return services;
    }
}
