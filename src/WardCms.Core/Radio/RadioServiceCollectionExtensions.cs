using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Exports;
using WardCms.Core.Planning;

namespace WardCms.Core.Radio;

public static class RadioServiceCollectionExtensions
{
    public static IServiceCollection AddRadio(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton<RadioReading>();
        services.AddSingleton(sp => sp.GetRequiredService<RadioReading>().Default);
        services.AddSingleton(sp => new SyllableCounter(sp.GetRequiredService<ReadingTextNormalizer>()));
        services.AddSingleton(sp => new ReadTimeEstimator(sp.GetRequiredService<SyllableCounter>()));
        // Drafts are cached by content hash under the data folder, so they survive restarts.
        services.AddSingleton(sp => new SpeechSynthesizer(
            Path.Combine(database.DataFolder, "speech"),
            sp.GetRequiredService<ReadingTextNormalizer>(),
            TimeSpan.FromMinutes(2)));
        services.AddSingleton(sp => new BulletinAudio(Path.Combine(database.DataFolder, "radio-audio"), sp.GetRequiredService<SpeechSynthesizer>()));
        services.AddSingleton<Decree30DocxWriter>();
        services.AddSingleton(new ChromiumPdfPrinter());
        services.AddScoped<RadioDesk>();
        services.AddScoped<AsRunLog>();
        services.AddScoped<AnnouncerRoster>();
        services.AddScoped<ICountingEventSource, RadioAiringSource>();
        return services;
    }
}
