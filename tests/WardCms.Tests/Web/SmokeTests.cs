using System.Net;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web;

public abstract class SmokeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task HomePage_IsVietnameseWithSecurityHeaders()
    {
        var client = factory.CreateBrowserClient();
        var res = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("PHƯỜNG HAI BÀ TRƯNG", html);
        Assert.Contains("script-src 'self'", res.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", res.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", res.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Admin_WithoutLogin_RedirectsToLogin()
    {
        var client = factory.CreateBrowserClient();
        var res = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.StartsWith("/account/login", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Admin_AfterLogin_ShowsOverview()
    {
        var client = factory.CreateBrowserClient();
        var login = await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var html = await client.GetStringAsync("/admin");
        Assert.Contains("Tổng quan", html);
        Assert.Contains("Bài viết CCHC", html);
    }

    [Fact]
    public async Task UnknownPublicPath_Is404()
    {
        var client = factory.CreateBrowserClient();
        var res = await client.GetAsync("/cchc/khong-co-bai-nay");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Contains("Không tìm thấy trang", await res.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteSmokeTests(SqliteAppFactory f) : SmokeTests<SqliteAppFactory>(f);

public sealed class PostgresSmokeTests(PostgresAppFactory f) : SmokeTests<PostgresAppFactory>(f);
