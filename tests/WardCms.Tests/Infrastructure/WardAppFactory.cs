using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;

namespace WardCms.Tests.Infrastructure;

/// <summary>
/// The whole application in process on a fresh database of the given provider: a temp SQLite file
/// or a new database on the real PostgreSQL server. The shipped recipes set the site up.
/// </summary>
public class WardAppFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Test-admin-2025";
    public const string StaffPassword = "Test-staff-2025";

    /// <summary>A test-only header that becomes the connection's remote address, so a test can be many clients.</summary>
    public const string ClientHeader = "X-Test-Client";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "wardcms-test-" + Guid.NewGuid().ToString("N"));

    public WardAppFactory(DatabaseProvider provider)
    {
        Provider = provider;
        Directory.CreateDirectory(_dataDir);
        ConnectionString = provider == DatabaseProvider.Postgres
            ? TestPostgres.CreateDatabase("app")
            : DatabaseOptions.SqliteConnectionString(Path.Combine(_dataDir, "wardcms.db"));
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string DataFolder => _dataDir;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("WARDCMS_DATA", _dataDir);
        // WARDCMS_DB takes a PostgreSQL connection string or a SQLite file path (DatabaseOptions): given
        // a SQLite connection string it made a file of that name under the test's bin folder.
        builder.UseSetting("WARDCMS_DB", Provider == DatabaseProvider.Postgres ? ConnectionString : Path.Combine(_dataDir, "wardcms.db"));
        builder.UseSetting("WARDCMS_ADMIN_PASSWORD", AdminPassword);
        // Notification e-mail goes to the SMTP server inside the test process (only accounts given an address get any).
        builder.UseSetting("WardCms:Smtp:Host", "127.0.0.1");
        builder.UseSetting("WardCms:Smtp:Port", TestSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("WardCms:Smtp:Security", "none");
        builder.UseSetting("WardCms:Smtp:PollSeconds", "1");
        builder.UseSetting("WardCms:Smtp:From", "Cổng thông tin <no-reply@wardcms.test>");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
        builder.ConfigureServices(ConfigureTestServices);
    }

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

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        TestStaff.EnsureAsync(host.Services).GetAwaiter().GetResult();
        return host;
    }

    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDir, true);
            }
            catch (IOException)
            {
            }
        }
    }
}

public sealed class SqliteAppFactory() : WardAppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresAppFactory() : WardAppFactory(DatabaseProvider.Postgres);

public static partial class HttpClientExtensions
{
    /// <summary>Gets a page and returns its antiforgery token, as a browser would have it.</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return ExtractToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    public static string? ExtractToken(string html)
    {
        var m = TokenRegex().Match(html);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string user, string password)
    {
        var token = await client.GetAntiforgeryTokenAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Posts a form with the token taken from <paramref name="pageUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await client.GetAntiforgeryTokenAsync(pageUrl);
        var all = fields.Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}

/// <summary>The portal's command line (<c>WardCms.Web.dll VERB …</c>) run as its own process on a test host's data.</summary>
public static class CommandLineProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(WardAppFactory factory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "WardCms.Web.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["WARDCMS_DATA"] = factory.DataFolder;
        start.Environment["WARDCMS_DB"] = factory.Provider == DatabaseProvider.Postgres ? factory.ConnectionString : Path.Combine(factory.DataFolder, "wardcms.db");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
