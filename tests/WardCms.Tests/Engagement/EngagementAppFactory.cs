using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Engagement;

/// <summary>
/// The app with a test-only client address: the X-Test-Client header becomes the connection's remote
/// IP, so each test is its own client for the feedback rate limiter.
/// </summary>
public abstract class EngagementAppFactory(DatabaseProvider provider) : WardAppFactory(provider)
{
    public const string ClientHeader = "X-Test-Client";

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, TestClientAddress>();

    private sealed class TestClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (ctx.Request.Headers.TryGetValue(ClientHeader, out var value) && IPAddress.TryParse(value.ToString(), out var ip))
                {
                    ctx.Connection.RemoteIpAddress = ip;
                }
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}

public sealed class SqliteEngagementAppFactory() : EngagementAppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresEngagementAppFactory() : EngagementAppFactory(DatabaseProvider.Postgres);
