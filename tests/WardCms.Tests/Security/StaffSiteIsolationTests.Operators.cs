using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Tests.Infrastructure;
using WardCms.Tests.Recipes;

namespace WardCms.Tests.Security;

/// <summary>
/// The city's operators: an account of the operator site (the deployment's first site here) whose
/// role grants OperateSites creates a site from a recipe, gives it an administrator who sets a
/// password on the new site's own host, suspends, archives and reopens it; the operator site cannot be
/// closed, nor the last serving site. The permission means nothing on any other site, even granted by
/// a role, and ward administrators do not have it.
/// </summary>
public abstract partial class StaffSiteIsolationTests<TFactory>
{
    private const string Operator = "vanhanh-tp";
    private const string OperatorRole = "van-hanh-kiem-thu";

    private async Task EnsureOperatorAsync()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<StaffRole>>();
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByNameAsync(Operator) is not null)
            {
                return 0;
            }
            var role = new StaffRole(OperatorRole) { DisplayName = "Vận hành (kiểm thử)" };
            Assert.True((await roles.CreateAsync(role)).Succeeded);
            foreach (var permission in new[] { Permissions.AccessAdmin, Permissions.OperateSites })
            {
                Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission))).Succeeded);
            }
            var home = await sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Key == "hai-ba-trung").Select(s => s.Id).SingleAsync();
            var user = new StaffUser { UserName = Operator, FullName = "Trung tâm CNTT thành phố", SiteId = home, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, WardAppFactory.StaffPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, OperatorRole)).Succeeded);
            return 0;
        });
    }

    private async Task<HttpClient> SignedInAsync(string user, string password, string? host = null)
    {
        var client = Client(host);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user, password)).StatusCode);
        return client;
    }

    private static string Html(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task OperateSites_IsForTheOperatorSitesAccounts_NotWardAdmins_NorAnotherSiteGrantedTheRole()
    {
        await EnsureOtherSiteAsync();
        await EnsureOperatorAsync();

        var op = await SignedInAsync(Operator, WardAppFactory.StaffPassword);
        var list = await op.GetAsync("/admin/sites");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = Html(await list.Content.ReadAsStringAsync());
        Assert.Contains("Phường Khác", html);
        Assert.Contains("Các trang của thành phố", html);
        // Found without diacritics.
        Assert.Contains("Phường Khác", Html(await op.GetStringAsync("/admin/sites?q=phuong+khac")));
        Assert.DoesNotContain("Phường Khác", Html(await op.GetStringAsync("/admin/sites?q=khong+co+trang+nay")));

        // The ward's administrator has every ward permission but not this one.
        var admin = await SignedInAsync("admin", WardAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Forbidden, StatusOrDenied(await admin.GetAsync("/admin/sites")));
        Assert.DoesNotContain("/admin/sites\"", await admin.GetStringAsync("/admin"));

        // Another site's leader given the operators' role still operates nothing: the permission is dropped.
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var leader = (await users.FindByNameAsync(OtherLeader))!;
            if (!await users.IsInRoleAsync(leader, OperatorRole))
            {
                Assert.True((await users.AddToRoleAsync(leader, OperatorRole)).Succeeded);
            }
            return 0;
        });
        var other = await SignedInAsync(OtherLeader, WardAppFactory.StaffPassword, OtherHost);
        Assert.Equal(HttpStatusCode.Forbidden, StatusOrDenied(await other.GetAsync("/admin/sites")));
        Assert.Equal(HttpStatusCode.Forbidden, StatusOrDenied(await other.GetAsync("/admin/sites/new")));
    }

    // The cookie handler answers a signed-in user without the permission with a redirect to the denied page.
    private static HttpStatusCode StatusOrDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.OrdinalIgnoreCase) == true
            ? HttpStatusCode.Forbidden
            : response.StatusCode;

    [Fact]
    public async Task Operator_CreatesASiteFromARecipe_GivesItAnAdministrator_SuspendsArchivesAndReopensIt()
    {
        await EnsureOperatorAsync();
        var op = await SignedInAsync(Operator, WardAppFactory.StaffPassword);
        var key = "xa-moi-" + Guid.NewGuid().ToString("N")[..6];
        var host = key + ".test";
        var recipe = File.ReadAllText(RecipeTestHost.RepoFile("recipes", "hai-ba-trung.recipe.json"))
            .Replace("\"key\": \"hai-ba-trung\"", $"\"key\": \"{key}\"", StringComparison.Ordinal);

        async Task<HttpResponseMessage> UploadAsync(string json, string hostName)
        {
            var token = await op.GetAntiforgeryTokenAsync("/admin/sites/new");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(hostName), "Host" },
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "recipe", "site.recipe.json" },
            };
            return await op.PostAsync("/admin/sites/new", form);
        }

        // Not JSON, then a host another site answers on: 400, the reason named, the host typed kept, no site made.
        await EnsureOtherSiteAsync();
        var sitesBefore = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.CountAsync());
        var broken = await UploadAsync("{ \"steps\": [", host);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var brokenHtml = Html(await broken.Content.ReadAsStringAsync());
        Assert.Contains("Chưa tạo trang, không có gì thay đổi", brokenHtml);
        Assert.Contains($"value=\"{host}\"", brokenHtml);
        var taken = await UploadAsync(recipe, OtherHost);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("đã thuộc trang \"phuong-khac\"", Html(await taken.Content.ReadAsStringAsync()));
        Assert.Equal(sitesBefore, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.CountAsync()));
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AnyAsync(s => s.Key == key)));

        // Made: it answers on its host at once, with its own name.
        var made = await UploadAsync(recipe, host);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = made.Headers.Location!.OriginalString;
        var siteId = int.Parse(page.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var publicClient = Client(host);
        Assert.Equal(HttpStatusCode.OK, (await publicClient.GetAsync("/")).StatusCode);
        Assert.Contains("Tạo trang từ công thức", Html(await op.GetStringAsync(page)));

        // An administrator for it: no password yet, a one-time link on the new site's host.
        var added = await op.PostFormAsync(page, page + "?handler=AddAdmin",
            [new("UserName", "qt-" + key), new("FullName", "Quản trị xã mới"), new("Role", "admin")]);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var addedHtml = Html(await added.Content.ReadAsStringAsync());
        var link = new Uri(Regex.Match(addedHtml, "value=\"(http[^\"]+/account/reset\\?[^\"]+)\"").Groups[1].Value);
        Assert.Equal(host, link.Host);
        var setter = Client(host);
        var form = await setter.GetStringAsync(link.PathAndQuery);
        var set = await setter.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["u"] = Regex.Match(form, "name=\"u\" value=\"([^\"]+)\"").Groups[1].Value,
            ["t"] = WebUtility.HtmlDecode(Regex.Match(form, "name=\"t\" value=\"([^\"]+)\"").Groups[1].Value),
            ["NewPassword"] = "Xa-moi-mat-khau-2026",
            ["ConfirmPassword"] = "Xa-moi-mat-khau-2026",
            ["__RequestVerificationToken"] = HttpClientExtensions.ExtractToken(form)!,
        }));
        Assert.True(set.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"set password: {set.StatusCode}");
        var newAdmin = await SignedInAsync("qt-" + key, "Xa-moi-mat-khau-2026", host);
        Assert.Equal(HttpStatusCode.OK, (await newAdmin.GetAsync("/admin/settings/site")).StatusCode);
        // The account is the new site's: on the operator's host it cannot sign in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().LoginAsync("qt-" + key, "Xa-moi-mat-khau-2026")).StatusCode);

        // Suspending needs a reason: refused, nothing changed.
        var noReason = await op.PostFormAsync(page, page + "?handler=State", [new("NewState", SiteStates.Suspended), new("Note", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Hãy ghi lý do", Html(await noReason.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await publicClient.GetAsync("/")).StatusCode);

        // Suspended: citizens get the Vietnamese 503 page, its staff are signed out and cannot sign in.
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(page, page + "?handler=State",
            [new("NewState", SiteStates.Suspended), new("Note", "Quyết định số 12/QĐ-UBND tạm ngừng để sáp nhập")])).StatusCode);
        var closed = await publicClient.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, closed.StatusCode);
        Assert.Contains("đang tạm ngừng hoạt động", Html(await closed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await newAdmin.GetAsync("/admin/settings/site")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client(host).GetAsync("/account/login")).StatusCode);
        // The site's own history says who did what and why.
        var history = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<SiteSettingsChange>()
            .Where(c => c.SiteId == siteId && c.Area == SiteOperations.HistoryArea).OrderBy(c => c.Id).Select(c => c.Summary + " | " + c.UserName).ToListAsync());
        Assert.Contains(history, h => h.Contains("Tạm ngừng hoạt động. Lý do: Quyết định số 12/QĐ-UBND", StringComparison.Ordinal) && h.Contains("(vận hành)", StringComparison.Ordinal));
        Assert.Contains(history, h => h.StartsWith("Thêm quản trị viên qt-" + key, StringComparison.Ordinal));

        // Archived: 410. Reopened: it serves again, its data untouched, and its administrator signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(page, page + "?handler=State",
            [new("NewState", SiteStates.Archived), new("Note", "Đã sáp nhập vào phường khác")])).StatusCode);
        var gone = await publicClient.GetAsync("/cchc");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("đã ngừng hoạt động", Html(await gone.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(page, page + "?handler=State", [new("NewState", SiteStates.Active), new("Note", "")])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publicClient.GetAsync("/cchc")).StatusCode);
        // The session from before the suspension ended with it; signing in again works.
        var before = await newAdmin.GetAsync("/admin/settings/site");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Contains("/account/login", before.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync("qt-" + key, "Xa-moi-mat-khau-2026", host)).GetAsync("/admin/settings/site")).StatusCode);

        // Locking the administrator ends their session at its next request.
        var adminId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.Where(u => u.UserName == "qt-" + key).Select(u => u.Id).SingleAsync());
        var session = await SignedInAsync("qt-" + key, "Xa-moi-mat-khau-2026", host);
        Assert.Equal(HttpStatusCode.Redirect, (await op.PostFormAsync(page, page + "?handler=Lock", [new("StaffId", adminId)])).StatusCode);
        var afterLock = await session.GetAsync("/admin/settings/site");
        Assert.Equal(HttpStatusCode.Redirect, afterLock.StatusCode);
        Assert.Contains("/account/login", afterLock.Headers.Location!.OriginalString);

        // Another site's account id through this site's page: 404, nothing issued.
        var otherLeaderId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.Where(u => u.UserName == OtherLeader).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostFormAsync(page, page + "?handler=Link", [new("StaffId", otherLeaderId)])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync("/admin/sites/987654")).StatusCode);
    }

    [Fact]
    public async Task OperatorSite_CannotBeClosed_NorTheLastSiteThatServes()
    {
        await EnsureOperatorAsync();
        var op = await SignedInAsync(Operator, WardAppFactory.StaffPassword);
        await EnsureOtherSiteAsync(); // another site serves, so the refusal below is the operator site's own (not the last site's)
        var home = await SiteIdAsync("hai-ba-trung");
        var page = $"/admin/sites/{home}";

        // Nor can operators lock themselves out.
        var me = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.Where(u => u.UserName == Operator).Select(u => u.Id).SingleAsync());
        var self = await op.PostFormAsync(page, page + "?handler=Lock", [new("StaffId", me)]);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("Không tự khoá tài khoản của chính mình", Html(await self.Content.ReadAsStringAsync()));
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.Where(u => u.Id == me).Select(u => u.IsActive).SingleAsync()));

        var own = await op.PostFormAsync(page, page + "?handler=State", [new("NewState", SiteStates.Archived), new("Note", "thử")]);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("Không thể đóng trang của đơn vị vận hành", Html(await own.Content.ReadAsStringAsync()));

        // With every other site closed, this is the last one serving: the refusal says so.
        var others = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Id != home && s.State == SiteStates.Active).Select(s => s.Id).ToListAsync());
        async Task SetOthersAsync(string state) => await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            foreach (var site in await db.Sites.Where(s => others.Contains(s.Id)).ToListAsync())
            {
                site.State = state;
            }
            return await db.SaveChangesAsync();
        });
        await SetOthersAsync(SiteStates.Suspended);
        try
        {
            var last = await op.PostFormAsync(page, page + "?handler=State", [new("NewState", SiteStates.Archived), new("Note", "thử")]);
            Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
            Assert.Contains("Không thể đóng trang cuối cùng đang hoạt động", Html(await last.Content.ReadAsStringAsync()));
        }
        finally
        {
            await SetOthersAsync(SiteStates.Active);
        }
        Assert.Equal(SiteStates.Active, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Id == home).Select(s => s.State).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/")).StatusCode);
    }
}
