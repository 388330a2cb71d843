using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web;

/// <summary>
/// Through a real reverse proxy: Debian's nginx on loopback in front of the app on Kestrel, the app
/// trusting only nginx's address (127.0.0.1). Clients connect from other loopback addresses
/// (127.0.0.2, …), so each is a different citizen to nginx. One host, on SQLite: what is tested is
/// the network path, not the database.
/// </summary>
public sealed partial class ReverseProxyTests(ProxiedApp proxied) : IClassFixture<ProxiedApp>
{
    private const string ArticleUrl = "/cchc/hon-90-ho-so-thu-tuc-hanh-chinh-cua-phuong-duoc-tiep-nhan-truc-tuyen";

    [Fact]
    public async Task TwoCitizensBehindTheProxy_HaveSeparateFeedbackLimits()
    {
        using var first = From("127.0.0.2", proxied.ProxyPort);
        using var second = From("127.0.0.3", proxied.ProxyPort);
        for (var i = 0; i < ProxiedAppFactory.FeedbackPermits; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostFeedbackAsync(first)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFeedbackAsync(first)).StatusCode);
        // A forged X-Forwarded-For sent to nginx does not help: nginx appends the address it saw.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFeedbackAsync(first, forwardedFor: "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFeedbackAsync(second)).StatusCode);
    }

    [Fact]
    public async Task ForgedForwardedForFromAPeerThatIsNotATrustedProxy_IsIgnored()
    {
        using var direct = From("127.0.0.4", proxied.AppPort);
        for (var i = 0; i < ProxiedAppFactory.FeedbackPermits; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostFeedbackAsync(direct, forwardedFor: $"198.51.100.{i + 1}")).StatusCode);
        }

        // Were the header believed, each post would be another citizen with a limit of its own.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFeedbackAsync(direct, forwardedFor: "198.51.100.99")).StatusCode);
    }

    /// <summary>A client whose connections come from the given loopback address.</summary>
    private static HttpClient From(string source, int port)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (ctx, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(ctx.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    private static async Task<HttpResponseMessage> PostFeedbackAsync(HttpClient client, string? forwardedFor = null)
    {
        var html = await client.GetStringAsync(ArticleUrl);
        var itemId = ItemIdRegex().Match(html).Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/phan-hoi")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["ItemId"] = itemId, ["Helpful"] = "co", ["Comment"] = "" }),
        };
        if (forwardedFor is not null)
        {
            post.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(post);
    }

    [GeneratedRegex("name=\"ItemId\" value=\"(\\d+)\"")]
    private static partial Regex ItemIdRegex();
}

/// <summary>The app on Kestrel at a free port, trusting only 127.0.0.1 as a proxy, with a small feedback limit.</summary>
public sealed class ProxiedAppFactory() : WardAppFactory(DatabaseProvider.Sqlite)
{
    public const int FeedbackPermits = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("WardCms:ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        builder.UseSetting("WardCms:Feedback:PermitLimit", FeedbackPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>nginx (started from a config in a temp folder, stopped at the end) in front of <see cref="ProxiedAppFactory"/>.</summary>
public sealed class ProxiedApp : IAsyncLifetime
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wardcms-nginx-" + Guid.NewGuid().ToString("N"));
    private Process? _nginx;

    public ProxiedAppFactory App { get; } = new();
    public int AppPort { get; private set; }
    public int ProxyPort { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"nginx is not installed at {NginxPath}; ./wardcms test installs it (apt-get install nginx).");
        }
        App.UseKestrel(0);
        App.StartServer();
        AppPort = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        ProxyPort = FreePort();
        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{_dir}}/body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;
                server {
                    listen 127.0.0.1:{{ProxyPort}};
                    location / {
                        proxy_pass http://127.0.0.1:{{AppPort}};
                        proxy_buffering off;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(NginxPath)
        {
            ArgumentList = { "-p", _dir, "-c", config, "-e", Path.Combine(_dir, "error.log") },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await AcceptsAsync(ProxyPort))
        {
            if (_nginx.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(_dir, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(_dir, "error.log")) : "";
                throw new InvalidOperationException($"nginx did not start: {await _nginx.StandardError.ReadToEndAsync()} {log}");
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
