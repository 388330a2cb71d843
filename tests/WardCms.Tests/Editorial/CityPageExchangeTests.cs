using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.CityPage;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Core.Recipes;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;

namespace WardCms.Tests.Editorial;

/// <summary>
/// The City CCHC page in the same deployment (issue 16): the demo ward sends an approved article with
/// one action, the city page's leader accepts it (edited) or returns it with a reason, and the
/// acceptance alone makes the ward's task 4 ("one article a month to the City CCHC page") count.
/// Each step is in both sites' audit; a third site sees nothing of it.
/// </summary>
public abstract class CityPageExchangeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string CityHost = "cchc.hanoi.test";
    private const string OtherWardHost = "phuong-ben-canh.test";
    private const string CityRecipe = """
        {
          "name": "Trang CCHC Thành phố",
          "steps": [
            { "step": "site", "key": "trang-cchc-thanh-pho", "name": "Trang thông tin CCHC thành phố Hà Nội", "kind": "cityPage",
              "issuingParent": "UBND THÀNH PHỐ HÀ NỘI", "issuingBody": "SỞ NỘI VỤ", "level": "Sở" },
            { "step": "units", "units": [{ "key": "bbt", "name": "Ban biên tập Trang CCHC", "shortName": "BBT", "order": 1 }] },
            { "step": "contentTypes", "contentTypes": [
                { "name": "CityArticle", "displayName": "Tin CCHC các đơn vị", "order": 1,
                  "settings": { "slugPattern": "/tin-cac-don-vi/{slug}", "sectionTitle": "Tin CCHC các đơn vị", "channel": "portal", "hasReview": false },
                  "parts": [{ "name": "common" }, { "name": "route" }] },
            ] },
          ],
        }
        """;

    private static readonly DateOnly Today = PeriodCalculator.LocalDate(DateTimeOffset.UtcNow);

    private async Task EnsureCityAsync()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            if (await db.Sites.AnyAsync(s => s.Key == "trang-cchc-thanh-pho"))
                return;
            await sp.GetRequiredService<RecipeApplier>().AddSiteAsync(CityRecipe, CityHost);
            var city = await db.Sites.SingleAsync(s => s.Key == "trang-cchc-thanh-pho");
            var ward = await db.Sites.SingleAsync(s => s.Key == "hai-ba-trung");
            ward.CityPageKey = city.Key;
            var other = new Site { Key = "phuong-ben-canh", Name = "Phường Bên Cạnh", HostNames = OtherWardHost, CityPageKey = city.Key, CreatedUtc = DateTime.UtcNow };
            db.Sites.Add(other);
            await db.SaveChangesAsync();
            var unit = await db.Units.SingleAsync(u => u.SiteId == city.Id);
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            foreach (var (name, role, siteId, unitId) in new[] { ("tp-lanhdao", "leader", city.Id, (int?)unit.Id), ("tp-bientap", "editor", city.Id, unit.Id), ("bc-lanhdao", "leader", other.Id, null) })
            {
                var user = new StaffUser { UserName = name, FullName = $"Cán bộ {name}", SiteId = siteId, UnitId = unitId, CreatedUtc = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, WardAppFactory.StaffPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        });
    }

    private HttpClient Client(string host) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{host}"),
    });

    private async Task<HttpClient> CityStaffAsync(string user)
    {
        var client = Client(CityHost);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user, WardAppFactory.StaffPassword)).StatusCode);
        return client;
    }

    /// <summary>An article of editor1's unit taken through review to an approved version.</summary>
    private async Task<int> ApprovedArticleAsync(string title)
    {
        var id = await CreateArticleAsync(factory, "editor1", title, 5);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "editor1"), id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "reviewer1"), id, ContentStatus.Forwarded)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "leader1"), id, ContentStatus.Approved)).StatusCode);
        return id;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient ward, int id) =>
        ward.PostFormAsync($"/admin/workflow/citypage?id={id}", $"/admin/workflow/citypage?id={id}&handler=Send", []);

    private Task<CityPageSubmission> LastSubmissionAsync(int itemId) => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<WardDbContext>().Set<CityPageSubmission>().AsNoTracking().Where(s => s.FromItemId == itemId).OrderByDescending(s => s.Id).FirstAsync());

    private static async Task<(decimal Achieved, string Status)> Task4ThisMonthAsync(HttpClient leader, int planId)
    {
        var from = new DateOnly(Today.Year, Today.Month, 1);
        var res = await leader.GetAsync($"/api/plans/{planId}/progress?from={from:yyyy-MM-dd}&to={from.AddMonths(1).AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var task = doc.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "4");
        var period = task.GetProperty("rules")[0].GetProperty("periods").EnumerateArray().Single();
        return (period.GetProperty("achieved").GetDecimal(), period.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task ApprovedArticle_SentAcceptedAndPublishedOnTheCityPage_CountsForTheWardsTask4_AndIsAuditedOnBothSides()
    {
        await EnsureCityAsync();
        var planId = await PlanRunningThisYearAsync(factory);
        await factory.WithScopeAsync(async sp =>
        {
            // Task 4's rule runs to December 2025 in the demo plan: run it through this year, as the plan is.
            var db = sp.GetRequiredService<WardDbContext>();
            var task = await db.PlanTasks.SingleAsync(t => t.PlanId == planId && t.Number == 4);
            task.RulesJson = task.RulesJson.Replace("2025-12-31", $"{Today.Year}-12-31", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        });
        var leader = await LoggedInAsync(factory, "leader1");
        var before = await Task4ThisMonthAsync(leader, planId);
        var id = await ApprovedArticleAsync("Phường rút ngắn thời gian chứng thực bản sao");
        var editor = await LoggedInAsync(factory, "editor1");

        var page = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/workflow/transition?id={id}"));
        Assert.Contains(">Gửi Trang CCHC Thành phố</a>", page);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(editor, id)).StatusCode);
        var sent = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/workflow/citypage?id={id}"));
        Assert.Contains("Chờ Thành phố xem", sent);
        // Sending again while the city has not decided is refused, and nothing is added.
        var twice = await SendAsync(editor, id);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("đang chờ Trang CCHC Thành phố xem", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        Assert.Equal(1, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<CityPageSubmission>().CountAsync(s => s.FromItemId == id)));

        var cityLeader = await CityStaffAsync("tp-lanhdao");
        var inbox = WebUtility.HtmlDecode(await cityLeader.GetStringAsync("/admin/city-inbox"));
        Assert.Contains("Phường rút ngắn thời gian chứng thực bản sao", inbox);
        Assert.Contains("Trang thông tin điện tử phường Hai Bà Trưng", inbox);
        var submission = await LastSubmissionAsync(id);
        var accept = await cityLeader.PostFormAsync($"/admin/city-inbox/{submission.Id}", $"/admin/city-inbox/{submission.Id}?handler=Accept", new Dictionary<string, string>
        {
            ["Title"] = "Hai Bà Trưng rút ngắn thời gian chứng thực bản sao", ["Summary"] = "Tóm tắt đã biên tập.", ["Body"] = submission.Body, ["Note"] = "Đã sửa tiêu đề.",
        });
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);

        var accepted = await LastSubmissionAsync(id);
        Assert.Equal(CitySubmissionStatus.Accepted, accepted.Status);
        Assert.StartsWith($"http://{CityHost}/tin-cac-don-vi/", accepted.CityUrl);
        var cityArticle = WebUtility.HtmlDecode(await Client(CityHost).GetStringAsync(new Uri(accepted.CityUrl).PathAndQuery));
        Assert.Contains("<h1>Hai Bà Trưng rút ngắn thời gian chứng thực bản sao</h1>", cityArticle);
        Assert.Contains("Nguồn: <a href=\"http://localhost/\"", cityArticle); // approved, not yet published by the ward: its portal
        Assert.Contains(">Trang thông tin điện tử phường Hai Bà Trưng</a>", cityArticle);

        // The acceptance is the ward's posting: this month's task 4 counts it, and the ward sees where it went.
        var after = await Task4ThisMonthAsync(leader, planId);
        Assert.Equal(before.Achieved + 1, after.Achieved);
        Assert.Equal("met", after.Status);
        var wardView = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/workflow/citypage?id={id}"));
        Assert.Contains("Đã nhận đăng", wardView);
        Assert.Contains(accepted.CityUrl, wardView);

        var (wardAudit, cityAudit) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            return (await db.Set<AuditEntry>().Where(a => a.ContentItemId == id).Select(a => a.Action).ToListAsync(),
                await db.Set<AuditEntry>().Where(a => a.ContentItemId == accepted.CityItemId).Select(a => a.Comment).ToListAsync());
        });
        Assert.Contains(WorkflowAction.SentToCityPage, wardAudit);
        Assert.Contains(WorkflowAction.AcceptedByCityPage, wardAudit);
        Assert.Contains("Nhận đăng bài của Trang thông tin điện tử phường Hai Bà Trưng", cityAudit);
        // The ward's author is told, on the ward (the decision was made on the city's host).
        var told = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Notifications.Notification>()
            .Where(n => n.Kind == WardCms.Core.Notifications.NotificationKinds.CityPage && n.Link == $"/admin/content/edit/{id}").ToListAsync());
        Assert.NotEmpty(told);
        Assert.All(told, n => Assert.StartsWith("Trang CCHC Thành phố nhận đăng:", n.Title));
        var wardId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id).Select(i => i.SiteId).SingleAsync());
        Assert.All(told, n => Assert.Equal(wardId, n.SiteId));

        // Accepted once: a second decision is refused, naming who decided.
        var again = await cityLeader.PostFormAsync($"/admin/city-inbox/{submission.Id}", $"/admin/city-inbox/{submission.Id}?handler=Return", new Dictionary<string, string> { ["Comment"] = "Trùng." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Bài này đã được nhận đăng ngày", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(CitySubmissionStatus.Accepted, (await LastSubmissionAsync(id)).Status);
    }

    [Fact]
    public async Task ReturnedArticle_NeedsAReason_TheWardSeesIt_AndMaySendAgain()
    {
        await EnsureCityAsync();
        var id = await ApprovedArticleAsync("Bài sẽ bị trả lại");
        var editor = await LoggedInAsync(factory, "editor1");
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(editor, id)).StatusCode);
        var submission = await LastSubmissionAsync(id);
        var cityLeader = await CityStaffAsync("tp-lanhdao");

        var blank = await cityLeader.PostFormAsync($"/admin/city-inbox/{submission.Id}", $"/admin/city-inbox/{submission.Id}?handler=Return", new Dictionary<string, string> { ["Comment"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("Ghi lý do trả lại", WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync()));
        var emptyTitle = await cityLeader.PostFormAsync($"/admin/city-inbox/{submission.Id}", $"/admin/city-inbox/{submission.Id}?handler=Accept",
            new Dictionary<string, string> { ["Title"] = "", ["Body"] = "Nội dung giữ lại khi lỗi." });
        Assert.Equal(HttpStatusCode.BadRequest, emptyTitle.StatusCode);
        var kept = WebUtility.HtmlDecode(await emptyTitle.Content.ReadAsStringAsync());
        Assert.Contains("Nhập tiêu đề bài sẽ đăng.", kept);
        Assert.Contains("Nội dung giữ lại khi lỗi.", kept);
        Assert.Equal(CitySubmissionStatus.Waiting, (await LastSubmissionAsync(id)).Status);

        // An editor of the city page reads the inbox but cannot decide.
        var cityEditor = await CityStaffAsync("tp-bientap");
        Assert.Equal(HttpStatusCode.OK, (await cityEditor.GetAsync("/admin/city-inbox")).StatusCode);
        Assert.DoesNotContain("Trả lại bài", await cityEditor.GetStringAsync($"/admin/city-inbox/{submission.Id}"));
        var byEditor = await cityEditor.PostFormAsync($"/admin/city-inbox/{submission.Id}", $"/admin/city-inbox/{submission.Id}?handler=Return", new Dictionary<string, string> { ["Comment"] = "Không được." });
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);

        var returned = await cityLeader.PostFormAsync($"/admin/city-inbox/{submission.Id}", $"/admin/city-inbox/{submission.Id}?handler=Return",
            new Dictionary<string, string> { ["Comment"] = "Bổ sung số liệu tháng này rồi gửi lại." });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var wardView = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/workflow/citypage?id={id}"));
        Assert.Contains("Bị trả lại", wardView);
        Assert.Contains("Bổ sung số liệu tháng này rồi gửi lại.", wardView);
        Assert.Contains("Trang CCHC Thành phố trả lại", WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/workflow/transition?id={id}")));
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<CityPagePosting>().AnyAsync(p => p.ContentItemId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(editor, id)).StatusCode);
        Assert.Equal(CitySubmissionStatus.Waiting, (await LastSubmissionAsync(id)).Status);
    }

    [Fact]
    public async Task ADraft_CannotBeSent_AndTheCityPageAndAThirdWardSeeOnlyWhatIsTheirs()
    {
        await EnsureCityAsync();
        var draft = await CreateArticleAsync(factory, "editor1", "Bản nháp chưa duyệt");
        var editor = await LoggedInAsync(factory, "editor1");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(editor, draft)).StatusCode);
        Assert.Equal(0, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<CityPageSubmission>().CountAsync(s => s.FromItemId == draft)));
        // The manual record is not offered where the city page is in the deployment: it would count twice.
        var id = await ApprovedArticleAsync("Bài gửi để kiểm tra phạm vi");
        // Pressed twice at once (a double-click, two tabs): sent once, the other refused.
        var other = await LoggedInAsync(factory, "editor1");
        var both = await Task.WhenAll(SendAsync(editor, id), SendAsync(other, id));
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<CityPageSubmission>().CountAsync(s => s.FromItemId == id)));

        // A ward's staff have no inbox: their site is no city page.
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/city-inbox")).StatusCode);

        // Confined to each site, the submission exists for the sender and the city page only.
        var ids = await factory.WithScopeAsync(async sp => (
            Ward: await sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Key == "hai-ba-trung").Select(s => s.Id).SingleAsync(),
            City: await sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Key == "trang-cchc-thanh-pho").Select(s => s.Id).SingleAsync(),
            Other: await sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Key == "phuong-ben-canh").Select(s => s.Id).SingleAsync()));
        Task<bool> SeenFromAsync(int siteId) => factory.WithScopeAsync(sp =>
        {
            sp.GetRequiredService<SiteScope>().Confine(siteId);
            return sp.GetRequiredService<WardDbContext>().Set<CityPageSubmission>().AnyAsync(s => s.FromItemId == id);
        });
        Assert.True(await SeenFromAsync(ids.Ward));
        Assert.True(await SeenFromAsync(ids.City));
        Assert.False(await SeenFromAsync(ids.Other));

        // The city's staff cannot open the ward's item; the city inbox answers 404 for an unknown id.
        var cityLeader = await CityStaffAsync("tp-lanhdao");
        Assert.Equal(HttpStatusCode.NotFound, (await cityLeader.GetAsync($"/admin/workflow/citypage?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cityLeader.GetAsync("/admin/city-inbox/999999")).StatusCode);
        var month = await cityLeader.GetAsync("/admin/city-inbox?thang=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, month.StatusCode);
        Assert.Contains("Tháng “2026-13” không hợp lệ", WebUtility.HtmlDecode(await month.Content.ReadAsStringAsync()));
        var byWard = WebUtility.HtmlDecode(await cityLeader.GetStringAsync($"/admin/city-inbox?trang-thai=tat-ca&don-vi={ids.Ward}&thang={Today:yyyy-MM}"));
        Assert.Contains("Bài gửi để kiểm tra phạm vi", byWard);
        // A month is the city's calendar month, to its last day: sent on 31 March at 23:30 Vietnam time is March's.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var row = await db.Set<CityPageSubmission>().SingleAsync(x => x.FromItemId == id);
            row.SentUtc = new DateTime(2026, 3, 31, 16, 30, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });
        Assert.Contains("Bài gửi để kiểm tra phạm vi", WebUtility.HtmlDecode(await cityLeader.GetStringAsync("/admin/city-inbox?trang-thai=tat-ca&thang=2026-03")));
        Assert.DoesNotContain("Bài gửi để kiểm tra phạm vi", WebUtility.HtmlDecode(await cityLeader.GetStringAsync("/admin/city-inbox?trang-thai=tat-ca&thang=2026-04")));
        Assert.DoesNotContain("Bài gửi để kiểm tra phạm vi", WebUtility.HtmlDecode(await cityLeader.GetStringAsync($"/admin/city-inbox?trang-thai=tat-ca&don-vi={ids.Other}")));
    }
}

public sealed class CityPageTextTests
{
    [Fact]
    public void UnitsLinksAndImages_PointAtTheUnitsPortal_OnTheCityPage()
    {
        var body = "Ảnh: ![Hội nghị](/media/ab/cd/hoi-nghi.jpg) và [bài trước](/cchc/bai-truoc), [Cổng quốc gia](https://dichvucong.gov.vn/p), [cdn](//cdn.vn/x), [trang chủ](/).";
        Assert.Equal("Ảnh: ![Hội nghị](https://phuong.vn/media/ab/cd/hoi-nghi.jpg) và [bài trước](https://phuong.vn/cchc/bai-truoc), [Cổng quốc gia](https://dichvucong.gov.vn/p), [cdn](//cdn.vn/x), [trang chủ](https://phuong.vn/).",
            CityPageExchange.Absolute(body, "https://phuong.vn/"));
    }

    [Fact]
    public void Credit_KeepsTheUnitsNameAsText_AndItsLinkWhole()
    {
        var credit = CityPageExchange.Credit(new CityPageSubmission { FromSiteName = "Phường *A* [B]_", SourceUrl = "https://a.vn/cchc/x(1)" });
        var html = new WardCms.Core.Content.Markdown.MarkdownRenderer().Render(credit).Html;
        Assert.Contains(">Phường *A* [B]_</a>", html);
        Assert.Contains("href=\"https://a.vn/cchc/x(1)\"", html);
    }
}

public sealed class SqliteCityPageExchangeTests(SqliteAppFactory f) : CityPageExchangeTests<SqliteAppFactory>(f);

public sealed class PostgresCityPageExchangeTests(PostgresAppFactory f) : CityPageExchangeTests<PostgresAppFactory>(f);
