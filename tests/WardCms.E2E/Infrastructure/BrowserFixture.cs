using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E.Infrastructure;

/// <summary>
/// The app on Kestrel at a free loopback port (fresh SQLite, shipped recipes) and Debian's Chromium
/// driven by Playwright. Never downloads a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public WardAppFactory App { get; } = new(WardCms.Core.Data.DatabaseProvider.Sqlite);
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string OutputFolder
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("WARDCMS_TEST_OUTPUT") is { Length: > 0 } d
                ? Path.Combine(d, "screenshots")
                : Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}; ./wardcms test installs it (apt-get install chromium).");
        }
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        // "localhost", a host name the demo ward lists: once a test adds another site (the City CCHC page),
        // a host no site lists is a plain 404, as in production.
        BaseUrl = Regex.Replace(addresses.First(), @"//(\[::\]|0\.0\.0\.0|127\.0\.0\.1|\[::1\])", "//localhost").TrimEnd('/');
        await TestStaff.EnsureAsync(App.Services);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Host names under .test reach this app too, so a test can be on another site of the deployment
            // (the app picks the site by host name): see UrlOn.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--host-resolver-rules=MAP *.test 127.0.0.1"],
        });
    }

    /// <summary>This app's address under another host name ending in ".test" (Chromium maps those to loopback): another site of the deployment.</summary>
    public string UrlOn(string host) => BaseUrl.Replace("//localhost", "//" + host, StringComparison.Ordinal);

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        return await context.NewPageAsync();
    }

    public async Task LoginAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            // Signed in means the admin's HTML arrived; its load event (styles, scripts, images) is not
            // what is being waited for. Twice a first sign-in on a fresh portal reached /admin and then
            // timed out waiting for "load" (session 9, session 10); the message below says what was pending.
            await page.WaitForURLAsync("**/admin**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException)
        {
            // Say where the sign-in ended and what the page said, not only that it timed out.
            var alert = await page.Locator(".alert").AllInnerTextsAsync();
            var state = await page.EvaluateAsync<string>("""
                () => document.readyState + '; ' + performance.getEntriesByType('navigation').map(n => `page ${Math.round(n.responseStart)}–${Math.round(n.responseEnd)} ms`).join() +
                      '; ' + performance.getEntriesByType('resource').filter(r => r.duration > 1000 || r.responseEnd === 0).map(r => `${r.name} ${Math.round(r.duration)} ms`).join(', ')
                """);
            throw new TimeoutException($"Signing in as {user} ended on {page.Url} ({state}): {string.Join(" | ", alert)}");
        }
    }

    /// <summary>What axe (WCAG 2.1 A and AA) finds serious or critical on the page, one line each with the first elements at fault.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        var axe = await Deque.AxeCore.Playwright.PageExtensions.RunAxe(page, new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes: {string.Join(" | ", v.Nodes.Take(2).Select(n => string.Join(" ", n.Target)))})").ToList();
    }

    /// <summary>Fails with every serious axe finding on the page.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string? where = null)
    {
        var serious = await SeriousViolationsAsync(page);
        Assert.True(serious.Count == 0, $"{where ?? page.Url}: " + string.Join("; ", serious));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OutputFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
