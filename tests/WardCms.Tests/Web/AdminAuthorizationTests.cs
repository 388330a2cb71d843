using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web;

/// <summary>
/// Walks EVERY staff page the app serves, with no login and with each role, and checks the answer
/// against the table below. A page in a folder the table does not know fails the test, so a new
/// admin feature cannot ship without saying who may use it.
/// </summary>
public sealed class AdminAuthorizationTests(SqliteAppFactory factory) : IClassFixture<SqliteAppFactory>
{
    private static readonly string[] AllStaff = ["admin", "editor1", "reviewer1", "leader1", "radio1"];

    // Folder → the accounts that may open pages in it (written out by hand, not derived from the code).
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/Admin"] = AllStaff,
        ["/Admin/Content"] = AllStaff,
        ["/Admin/Users"] = ["admin"],
        ["/Admin/Settings"] = ["admin"],
        ["/Admin/Handbook"] = AllStaff,
        ["/Admin/Media"] = AllStaff,
        ["/Admin/Feedback"] = ["admin", "leader1"],
        ["/Admin/Views"] = ["admin", "reviewer1", "leader1"],
        ["/Admin/Radio"] = ["admin", "radio1"],
        ["/Admin/Radio/Announcers"] = ["admin", "radio1"],
        ["/Admin/Workflow"] = AllStaff,
        ["/Admin/Dashboard"] = ["admin", "reviewer1", "leader1"],
        ["/Admin/Reports"] = ["admin", "reviewer1", "leader1"],
        ["/Admin/Inbox"] = AllStaff,
        ["/Admin/Tokens"] = AllStaff,
        ["/Admin/Audit"] = ["admin"],
        ["/Admin/CityInbox"] = AllStaff, // EditContent; on a site that is no city page the pages answer 404
        ["/Admin/Sites"] = [], // OperateSites: the city's operators only, none of a ward's roles
        ["/Admin/Notifications"] = AllStaff, // each person's own
    };

    public static IEnumerable<object[]> Accounts() => AllStaff.Select(a => new object[] { a });

    [Fact]
    public async Task EveryAdminPage_WithoutLogin_RedirectsToLogin()
    {
        var client = factory.CreateBrowserClient();
        foreach (var url in await AdminUrlsAsync())
        {
            var res = await client.GetAsync(url.Url);
            Assert.True(res.StatusCode == HttpStatusCode.Redirect, $"{url.Url}: expected a redirect to the login page, got {(int)res.StatusCode}");
            Assert.StartsWith("/account/login", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task EveryAdminPage_AnswersAsTheTableSays(string account)
    {
        var client = factory.CreateBrowserClient();
        var login = await client.LoginAsync(account, account == "admin" ? WardAppFactory.AdminPassword : WardAppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var urls = await AdminUrlsAsync();
        Assert.NotEmpty(urls);
        foreach (var (url, folder, hasParameters) in urls)
        {
            var allowed = Expected[folder].Contains(account);
            var res = await client.GetAsync(url);
            if (allowed)
            {
                // Past authorization a page may still want an id or a query (404/400) or a POST (405): not a refusal.
                var ok = res.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed
                         || (res.StatusCode == HttpStatusCode.Redirect && !IsAuthRedirect(res));
                Assert.True(ok, $"{account} should reach {url} ({folder}) but got {(int)res.StatusCode} {res.Headers.Location}");
            }
            else
            {
                Assert.True(res.StatusCode == HttpStatusCode.Redirect && res.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.OrdinalIgnoreCase),
                    $"{account} must be refused at {url} ({folder}) but got {(int)res.StatusCode} {res.Headers.Location}");
            }
        }
    }

    // Handlers that act on one item, × every account: the item's unit decides as much as the role does.
    // "own" is an item of vhxh (editor1, reviewer1, leader1, radio1's unit), "other" one of kthtdt.
    private static readonly (string Name, string Method, string Url, string Item, string[] Allowed)[] ItemHandlers =
    [
        ("workflow page, other unit's item", "GET", "/admin/workflow/transition?id={0}", "other", ["admin", "leader1"]),
        ("workflow page, own unit's item", "GET", "/admin/workflow/transition?id={0}", "own", AllStaff),
        ("City page posting, other unit's item", "POST", "/admin/workflow/citypage?id={0}", "other", ["admin", "leader1"]),
        ("City page posting, own unit's item", "POST", "/admin/workflow/citypage?id={0}", "own", ["admin", "editor1", "reviewer1", "leader1", "radio1"]),
        ("handbook still accurate, other unit's entry", "POST", "/admin/handbook?handler=Review", "otherHandbook", ["admin", "leader1"]),
        ("edit page, other unit's item", "GET", "/admin/content/edit/{0}", "other", ["admin", "leader1"]),
    ];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task EveryItemHandler_AnswersAsTheTableSays(string account)
    {
        var items = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardCms.Core.Data.WardDbContext>();
            async Task<int> PublishedOf(string unit, string type) => await db.ContentItems
                .Where(i => i.ContentType == type && i.PublishedVersionId != null && !i.IsDeleted && db.Units.Any(u => u.Id == i.UnitId && u.Key == unit))
                .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            return new Dictionary<string, int>
            {
                ["own"] = await PublishedOf("vhxh", "CchcArticle"),
                ["other"] = await PublishedOf("kthtdt", "CchcArticle"),
                ["otherHandbook"] = await PublishedOf("kthtdt", "HandbookEntry"),
            };
        });
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(account, account == "admin" ? WardAppFactory.AdminPassword : WardAppFactory.StaffPassword)).StatusCode);
        var token = await client.GetAntiforgeryTokenAsync("/admin/content/create?type=CchcArticle");
        foreach (var (name, method, pattern, item, allowedAccounts) in ItemHandlers)
        {
            var id = items[item];
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, id);
            var res = method == "GET"
                ? await client.GetAsync(url)
                : await client.PostAsync(url, new FormUrlEncodedContent(
                [
                    new("__RequestVerificationToken", token),
                    new("itemId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("PostedOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    new("Link", "https://cchc.hanoi.gov.vn/bai-viet"),
                ]));
            if (allowedAccounts.Contains(account))
            {
                Assert.True(res.StatusCode is HttpStatusCode.OK || (res.StatusCode == HttpStatusCode.Redirect && !IsAuthRedirect(res)),
                    $"{account} should be able to use {name} ({method} {url}) but got {(int)res.StatusCode} {res.Headers.Location}");
            }
            else
            {
                Assert.True(res.StatusCode == HttpStatusCode.Forbidden || (res.StatusCode == HttpStatusCode.Redirect && res.Headers.Location!.OriginalString.StartsWith("/account/denied", StringComparison.OrdinalIgnoreCase)),
                    $"{account} must be refused at {name} ({method} {url}) but got {(int)res.StatusCode} {res.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task DeniedPage_AnswersWith403()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("editor1", WardAppFactory.StaffPassword);
        var res = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var denied = await client.GetAsync(res.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private static bool IsAuthRedirect(HttpResponseMessage res) =>
        res.Headers.Location?.OriginalString.StartsWith("/account/", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Every GET-able admin page from the endpoint table, with sample route values filled in.</summary>
    private async Task<List<(string Url, string Folder, bool HasParameters)>> AdminUrlsAsync()
    {
        var firstItem = await factory.WithScopeAsync(sp =>
            Task.FromResult(sp.GetRequiredService<WardCms.Core.Data.WardDbContext>().ContentItems.OrderBy(i => i.Id).Select(i => i.Id).First()));
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var result = new List<(string, string, bool)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is null || !page.ViewEnginePath.StartsWith("/Admin/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var folder = FolderOf(page.ViewEnginePath);
            Assert.True(Expected.ContainsKey(folder), $"No expectation for admin folder {folder} (page {page.ViewEnginePath}): add it to the table.");
            var template = endpoint.RoutePattern.RawText ?? "";
            var hasParameters = endpoint.RoutePattern.Parameters.Count > 0;
            var url = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(seg => string.Concat(seg.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.IsOptional ? "" : firstItem.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "",
            })))).TrimEnd('/');
            result.Add((url.Length == 0 ? "/" : url, folder, hasParameters));
        }
        return result.Distinct().ToList();
    }

    private static string FolderOf(string viewEnginePath)
    {
        var best = "/Admin";
        foreach (var folder in Expected.Keys)
        {
            if (viewEnginePath.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase) && folder.Length > best.Length)
            {
                best = folder;
            }
        }
        // A page in a sub-folder the table does not name is reported by its own folder.
        var own = viewEnginePath[..viewEnginePath.LastIndexOf('/')];
        return own.Length > best.Length && !Expected.ContainsKey(own) && own.Count(c => c == '/') == 2 ? own : best;
    }
}
