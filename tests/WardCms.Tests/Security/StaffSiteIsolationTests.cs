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
public abstract partial class StaffSiteIsolationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
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

    // ---- Every query confined to the request's site (SiteScope, WardDbContext's global query filter) ----

    private Task<int> SiteIdAsync(string key) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Key == key).Select(s => s.Id).SingleAsync());

    /// <summary>A scope confined to a site, as a request on that site's host is.</summary>
    private Task<T> ConfinedAsync<T>(int siteId, Func<WardDbContext, Task<T>> work) => factory.WithScopeAsync(sp =>
    {
        sp.GetRequiredService<SiteScope>().Confine(siteId);
        return work(sp.GetRequiredService<WardDbContext>());
    });

    /// <summary>
    /// Fails when an entity with a site key is added without the filter: every such entity's query,
    /// in a confined scope, carries the site condition in its SQL, and none does unconfined.
    /// </summary>
    [Fact]
    public async Task EveryEntityWithASiteKey_IsConfinedToTheScopesSite_InItsSql()
    {
        var siteId = await SiteIdAsync("hai-ba-trung");
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
        var keyed = await ConfinedAsync(siteId, db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => e.FindProperty(WardDbContext.SiteKey) is not null).Select(e => e.ClrType).ToList()));
        Assert.True(keyed.Count >= 18, $"{keyed.Count} entities with a site key");

        foreach (var type in keyed)
        {
            var confined = await ConfinedAsync(siteId, db => Task.FromResult(((IQueryable)set.MakeGenericMethod(type).Invoke(db, null)!).ToQueryString()));
            var open = await factory.WithScopeAsync(sp => Task.FromResult(
                ((IQueryable)set.MakeGenericMethod(type).Invoke(sp.GetRequiredService<WardDbContext>(), null)!).ToQueryString()));
            Assert.True(confined.Contains("\"SiteId\" = @", StringComparison.Ordinal), $"{type.Name} is not confined to the site: {confined}");
            Assert.DoesNotContain("\"SiteId\" = @", open);
        }
    }

    [Fact]
    public async Task ConfinedScope_SeesNoRowOfAnotherSite_ByIdInListsOrBulkWrites_AndAPooledContextForgetsIt()
    {
        await EnsureOtherSiteAsync();
        var here = await SiteIdAsync("hai-ba-trung");
        var other = await SiteIdAsync("phuong-khac");
        var (itemId, items, versions, terms, tasks) = await ConfinedAsync(here, async db =>
            (await db.ContentItems.Select(i => i.Id).FirstAsync(), await db.ContentItems.CountAsync(), await db.ContentVersions.CountAsync(),
                await db.Terms.CountAsync(), await db.PlanTasks.CountAsync()));
        Assert.True(items > 10 && versions >= items && terms > 0 && tasks > 0);

        var seen = await ConfinedAsync(other, async db => new
        {
            Found = await db.ContentItems.FindAsync(itemId),
            ById = await db.ContentItems.AnyAsync(i => i.Id == itemId),
            Items = await db.ContentItems.CountAsync(),
            Versions = await db.ContentVersions.CountAsync(i => i.ContentItemId == itemId),
            Terms = await db.Terms.CountAsync(),
            Tasks = await db.PlanTasks.CountAsync(),
            Units = await db.Units.CountAsync(u => u.SiteId == here), // asked by name: still confined
            Updated = await db.ContentItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Title, "Ghi đè từ phường khác")),
        });
        Assert.Null(seen.Found);
        Assert.False(seen.ById);
        Assert.Equal(0, seen.Items + seen.Versions + seen.Terms + seen.Tasks + seen.Units + seen.Updated);

        // The same pooled contexts, rented again by scopes of no site (recipes, the indexer), see every site.
        for (var i = 0; i < 3; i++)
        {
            var all = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.CountAsync());
            Assert.Equal(items, all);
        }
        Assert.NotEqual("Ghi đè từ phường khác", await ConfinedAsync(here, db => db.ContentItems.Where(i => i.Id == itemId).Select(i => i.Title).SingleAsync()));
    }

    [Fact]
    public void Scope_ConfinedToOneSite_RefusesToActOnAnother()
    {
        var scope = new SiteScope();
        scope.Confine(1);
        scope.Confine(1);
        Assert.Throws<InvalidOperationException>(() => scope.Confine(2));
    }

    [Fact]
    public async Task RequestOnAnotherSitesHost_FindsNoneOfThisSitesItems()
    {
        await EnsureOtherSiteAsync();
        var here = await SiteIdAsync("hai-ba-trung");
        var itemId = await ConfinedAsync(here, db => db.ContentItems.Where(i => i.PublishedSlug != null).Select(i => i.Id).FirstAsync());
        var client = Client(OtherHost);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(OtherLeader, WardAppFactory.StaffPassword)).StatusCode);

        foreach (var path in new[] { $"/admin/content/edit/{itemId}", $"/admin/content/versions/{itemId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        var own = Client();
        Assert.Equal(HttpStatusCode.Redirect, (await own.LoginAsync("leader1", WardAppFactory.StaffPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/admin/content/edit/{itemId}")).StatusCode);
    }

    [Fact]
    public async Task HostOfNoSite_IsAPlain404_NeverAnotherWardsContent()
    {
        await EnsureOtherSiteAsync();
        foreach (var path in new[] { "/", "/cchc", "/tim-kiem?q=dang+ky", "/account/login", "/api/search?q=dang+ky" })
        {
            var response = await Client("phuong-khong-co.test").GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Không có trang thông tin điện tử nào ở địa chỉ này", html);
            Assert.DoesNotContain("Hai Bà Trưng", html);
        }
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/cchc")).StatusCode);
        // The page's own stylesheet (the theme's) belongs to no site.
        Assert.Equal(HttpStatusCode.OK, (await Client("phuong-khong-co.test").GetAsync("/_content/WardCms.Theme.Public/css/site.css")).StatusCode);
    }

    [Fact]
    public void SiteOfAHost_IsTheOneNamingIt_ElseTheOnlySite_ElseTheNamedDefault_ElseNone()
    {
        var a = new Site { Id = 1, Key = "a", Name = "A", HostNames = "a.test, www.a.test" };
        var b = new Site { Id = 2, Key = "b", Name = "B", HostNames = "b.test" };
        Assert.Equal(a, SiteContext.Match([a, b], "WWW.A.TEST", null));
        Assert.Equal(b, SiteContext.Match([a, b], "b.test", "a"));
        Assert.Null(SiteContext.Match([a, b], "c.test", null));
        Assert.Equal(b, SiteContext.Match([a, b], "c.test", "b"));
        Assert.Null(SiteContext.Match([a, b], "c.test", "khong-co"));
        Assert.Equal(a, SiteContext.Match([a], "c.test", null));
    }

    [Fact]
    public async Task UserNameTakenOnAnotherSite_IsRefusedOnTheForm_NotByTheDatabase()
    {
        await EnsureOtherSiteAsync();
        var other = await SiteIdAsync("phuong-khac");
        var result = await factory.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<SiteScope>().Confine(other);
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            Assert.Null(await users.FindByNameAsync("editor1")); // another site's account: not found here
            return await users.CreateAsync(new StaffUser { UserName = "editor1", FullName = "Trùng tên", SiteId = other, CreatedUtc = DateTime.UtcNow },
                WardAppFactory.StaffPassword);
        });

        var error = Assert.Single(result.Errors);
        Assert.Equal("DuplicateUserName", error.Code);
        Assert.Contains("đã có người dùng", error.Description);
    }

    /// <summary>
    /// Per-site caches: a public change on another site (a unit saved there, a request confined to it)
    /// leaves this site's cached page and its ETag; a change on this site retires them.
    /// </summary>
    [Fact]
    public async Task ChangeOnAnotherSite_LeavesThisSitesCachedPages_ChangeHereRetiresThem()
    {
        await EnsureOtherSiteAsync();
        var here = await SiteIdAsync("hai-ba-trung");
        var other = await SiteIdAsync("phuong-khac");
        var url = "/cchc?kiem-thu-bo-nho=" + Guid.NewGuid().ToString("N")[..8];
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<(string Cache, string ETag)> GetAsync()
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (response.Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single(), response.Headers.ETag!.Tag);
        }
        Task SaveUnitAsync(int siteId, string key) => ConfinedAsync(siteId, async db =>
        {
            db.Units.Add(new Unit { SiteId = siteId, Key = key, Name = "Tổ kiểm thử " + key });
            return await db.SaveChangesAsync();
        });

        var first = await GetAsync();
        Assert.Equal("HIT", (await GetAsync()).Cache);

        await SaveUnitAsync(other, "kt-" + Guid.NewGuid().ToString("N")[..6]);
        var afterOther = await GetAsync();
        Assert.Equal(("HIT", first.ETag), afterOther);

        await SaveUnitAsync(here, "kt-" + Guid.NewGuid().ToString("N")[..6]);
        var afterHere = await GetAsync();
        Assert.Equal("MISS", afterHere.Cache);
        Assert.NotEqual(first.ETag, afterHere.ETag);
    }

    /// <summary>
    /// Only what citizens can see retires a site's cached pages: an editor's draft of a published
    /// article, and the autosave of it, leave the page and its ETag; publishing that draft retires them.
    /// </summary>
    [Fact]
    public async Task DraftSaveAndAutosave_LeaveTheCachedPages_PublishingRetiresThem()
    {
        var here = await SiteIdAsync("hai-ba-trung");
        var (itemId, url) = await ConfinedAsync(here, async db =>
        {
            var item = await db.ContentItems.AsNoTracking().Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null && !i.IsDeleted)
                .OrderByDescending(i => i.Id).FirstAsync();
            return (item.Id, "/cchc/" + item.PublishedSlug + "?kiem-thu-nhap=" + Guid.NewGuid().ToString("N")[..8]);
        });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<(string Cache, string ETag, string Body)> GetAsync()
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (response.Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single(), response.Headers.ETag!.Tag,
                System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Task<T> AsEditorAsync<T>(Func<IServiceProvider, WardCms.Core.Content.ContentManager, WardCms.Core.Content.ContentItem, WardCms.Core.Content.ContentTypeDefinition, Task<T>> work) =>
            factory.WithScopeAsync(async sp =>
            {
                sp.GetRequiredService<SiteScope>().Confine(here);
                var manager = sp.GetRequiredService<WardCms.Core.Content.ContentManager>();
                var item = await sp.GetRequiredService<WardDbContext>().ContentItems.AsNoTracking().SingleAsync(i => i.Id == itemId);
                return await work(sp, manager, item, (await manager.FindTypeAsync(here, item.ContentType))!);
            });
        async Task<(int VersionId, string Title)> SaveTitleAsync(Func<string, string> title) => await AsEditorAsync(async (_, manager, item, type) =>
        {
            var draft = await manager.LoadLatestAsync(item, type);
            draft.Common.Title = title(draft.Common.Title);
            var saved = await manager.SaveAsync(item.Id, draft, item.LatestVersionId!.Value, WardCms.Core.Content.Actor.System);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            return (saved.Version!.Id, draft.Common.Title);
        });

        var first = await GetAsync();
        Assert.Equal("HIT", (await GetAsync()).Cache);
        var published = await AsEditorAsync((_, manager, item, type) => manager.LoadLatestAsync(item, type).ContinueWith(t => t.Result.Common.Title));
        var marker = " (nháp " + Guid.NewGuid().ToString("N")[..6] + ")";

        // A draft and its autosave: nothing public changed, the cached page and its ETag stay.
        var (draftId, draftTitle) = await SaveTitleAsync(t => t + marker);
        var editorId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.Where(u => u.UserName == "editor1").Select(u => u.Id).SingleAsync());
        await AsEditorAsync(async (sp, _, item, _) => await sp.GetRequiredService<WardCms.Core.Content.EditorAutosaves>()
            .KeepAsync(here, editorId, item.Id, item.ContentType, draftId, [new("Title", [draftTitle + " gõ thêm"])]));
        var afterDraft = await GetAsync();
        Assert.Equal(("HIT", first.ETag), (afterDraft.Cache, afterDraft.ETag));
        Assert.DoesNotContain(marker, afterDraft.Body);

        // Publishing it changes the page: retired, and the new title is served.
        await AsEditorAsync((_, manager, _, _) => manager.PublishAsync(itemId, WardCms.Core.Content.Actor.System, versionId: draftId));
        var afterPublish = await GetAsync();
        Assert.Equal("MISS", afterPublish.Cache);
        Assert.NotEqual(first.ETag, afterPublish.ETag);
        Assert.Contains(marker, afterPublish.Body);

        // Put the published title back for the other tests.
        var (restoredId, _) = await SaveTitleAsync(_ => published);
        await AsEditorAsync((_, manager, _, _) => manager.PublishAsync(itemId, WardCms.Core.Content.Actor.System, versionId: restoredId));
        await AsEditorAsync(async (sp, _, item, _) => { await sp.GetRequiredService<WardCms.Core.Content.EditorAutosaves>().DiscardAsync(editorId, item.Id, item.ContentType); return 0; });
    }
}

public sealed class SqliteStaffSiteIsolationTests(SqliteAppFactory f) : StaffSiteIsolationTests<SqliteAppFactory>(f);

public sealed class PostgresStaffSiteIsolationTests(PostgresAppFactory f) : StaffSiteIsolationTests<PostgresAppFactory>(f);
