using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WardCms.Core.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>Plan progress for the dashboard, API, reports and the city's view, with the portal and City-page counting sources.</summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new QuotaEngine());
        services.AddScoped<ICountingEventSource, PortalPublicationSource>();
        services.AddScoped<ICountingEventSource, CityPagePostingSource>();
        services.AddScoped<PlanProgressService>();
        services.AddScoped<MilestoneEvidenceFiles>();
        services.AddSingleton<CityProgress>();
        return services;
    }
}
