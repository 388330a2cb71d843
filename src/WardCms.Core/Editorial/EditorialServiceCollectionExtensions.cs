using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;

namespace WardCms.Core.Editorial;

public static class EditorialServiceCollectionExtensions
{
    /// <summary>Review and approval, the audit trail of every save, and the scheduled publisher.</summary>
    public static IServiceCollection AddEditorial(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<WorkflowRules>();
        services.AddScoped<EditorialService>();
        services.AddScoped<CityPage.CityPageExchange>();
        services.AddScoped<InboxQueries>();
        // Notifications: the bell for everyone; e-mail when an SMTP host is configured (the web host sends it).
        services.AddSingleton(new Notifications.NotificationMailSettings(!string.IsNullOrWhiteSpace(config["WardCms:Smtp:Host"])));
        services.AddScoped<Notifications.Notifier>();
        services.AddSingleton<Notifications.NotificationSweep>();
        if (config.GetValue("WardCms:Notifications:Sweep", true))
            services.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationSweep>());
        services.AddScoped<IContentEventHandler, AuditContentEventHandler>();
        var options = new ScheduledPublisherOptions();
        if (config.GetValue<int?>("WardCms:ScheduledPublishing:IntervalSeconds") is > 0 and var seconds)
            options.Interval = TimeSpan.FromSeconds(seconds);
        services.AddSingleton(options);
        services.AddSingleton<ScheduledPublisher>();
        if (config.GetValue("WardCms:ScheduledPublishing:Enabled", true))
            services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        return services;
    }
}
