using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WardCms.Core.Search;

/// <summary>Runs when the host starts, after the database has been migrated and the first recipes applied.</summary>
public sealed class SearchStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SearchRebuilder>().EnsureFreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
