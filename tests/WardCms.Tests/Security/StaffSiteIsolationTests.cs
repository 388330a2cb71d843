using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Security;

/// <summary>
/// A staff account belongs to one site: on another site's host it cannot sign in, its cookie is not a
/// session there and its API token is unknown there (StaffSite). The demo ward is the first site (the
/// test client's "localhost" resolves to it); a second ward is added with its own host and leader.
/// </summary>
public abstract class StaffSiteIsolationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string OtherHost = "phuong-khac.test";
    private const string OtherLeader = "leader-khac";

    private async Task EnsureOtherSiteAsync()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            if (await db.Sites.AnyAsync(s => s.Key == "phuong-khac"))
            {
                return;
            }
            var site = new Site { Key = "phuong-khac", Name = "Phường Khác", HostNames = OtherHost, CreatedUtc = DateTime.UtcNow };
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var leader = new StaffUser { UserName = OtherLeader, FullName = "Lãnh đạo phường khác", SiteId = site.Id, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(leader, WardAppFactory.StaffPassword)).Succeeded);
            var roles = await users.GetRolesAsync((await users.FindByNameAsync("leader1"))!);
            Assert.True((await users.AddToRolesAsync(leader, roles)).Succeeded);
        });
    }

    private HttpClient Client(string? host = null) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri($"http://{host ?? "localhost"}"),
    });

    [Fact]
    public async Task AccountOfAnotherSite_CannotSignInHere_ButCanOnItsOwnSite()
    {
        await EnsureOtherSiteAsync();

        var here = await Client().LoginAsync(OtherLeader, WardAppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, here.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", await here.Content.ReadAsStringAsync());

        var own = Client(OtherHost);
        var there = await own.LoginAsync(OtherLeader, WardAppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, there.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/admin/tokens")).StatusCode);
    }

    [Fact]
    public async Task CookieOfThisSite_ReplayedOnAnotherSitesHost_IsNoSessionThere()
    {
        await EnsureOtherSiteAsync();
        var login = await Client().LoginAsync("admin", WardAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        async Task<HttpResponseMessage> DashboardAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/dashboard");
            request.Headers.Add("Cookie", cookie);
            return await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri($"http://{host}") })
                .SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await DashboardAsync("localhost")).StatusCode);
        var elsewhere = await DashboardAsync(OtherHost);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.StartsWith("/account/login", elsewhere.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiTokenOfThisSite_IsUnknownOnAnotherSite()
    {
        await EnsureOtherSiteAsync();
        var token = ApiToken.NewToken();
        var planId = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var leader = await db.Users.SingleAsync(u => u.UserName == "leader1");
            db.Set<ApiToken>().Add(new ApiToken { SiteId = leader.SiteId, UserId = leader.Id, Name = "Kiểm thử hai phường", TokenHash = ApiToken.Hash(token), CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return await db.Plans.Where(p => p.SiteId == leader.SiteId).Select(p => p.Id).FirstAsync();
        });

        async Task<HttpResponseMessage> ProgressAsync(string host)
        {
            var client = Client(host);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.GetAsync($"/api/plans/{planId}/progress");
        }

        Assert.Equal(HttpStatusCode.OK, (await ProgressAsync("localhost")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProgressAsync(OtherHost)).StatusCode);
    }
}

public sealed class SqliteStaffSiteIsolationTests(SqliteAppFactory f) : StaffSiteIsolationTests<SqliteAppFactory>(f);

public sealed class PostgresStaffSiteIsolationTests(PostgresAppFactory f) : StaffSiteIsolationTests<PostgresAppFactory>(f);
