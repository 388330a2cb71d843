using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Recipes;
using WardCms.Core.Security;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Editorial;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// One deployment, the ward and the City CCHC page (issue 16, "done when"): the ward's editor sends a
/// published article, the city's leader finds it in the inbox on a phone, edits the title and accepts
/// it; the article is on the city page crediting the ward, and the ward's task 4 cell for this month
/// turns "đạt" on the ward's dashboard. Each screen at 360 and 1280 px, axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CityPageTests(BrowserFixture browser)
{
    private const string CityHost = "cchc.hanoi.test";
    private const string CityRecipe = """
        {
          "name": "Trang CCHC Thành phố",
          "steps": [
            { "step": "site", "key": "trang-cchc-thanh-pho", "name": "Trang thông tin CCHC thành phố Hà Nội", "kind": "cityPage",
              "issuingParent": "UBND THÀNH PHỐ HÀ NỘI", "issuingBody": "SỞ NỘI VỤ", "level": "Sở", "tagline": "Tin cải cách hành chính của các phường, xã" },
            { "step": "units", "units": [{ "key": "bbt", "name": "Ban biên tập Trang CCHC", "shortName": "BBT", "order": 1 }] },
            { "step": "contentTypes", "contentTypes": [
                { "name": "CityArticle", "displayName": "Tin CCHC các đơn vị", "order": 1,
                  "settings": { "slugPattern": "/tin-cac-don-vi/{slug}", "sectionTitle": "Tin CCHC các đơn vị", "channel": "portal", "hasReview": false },
                  "parts": [{ "name": "common" }, { "name": "route" }] },
            ] },
          ],
        }
        """;

    [Fact]
    public async Task WardSends_CityAcceptsOnAPhone_ArticleCreditsTheWard_AndTask4TurnsMet()
    {
        var today = PeriodCalculator.LocalDate(DateTimeOffset.UtcNow);
        var itemId = await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            await sp.GetRequiredService<RecipeApplier>().AddSiteAsync(CityRecipe, CityHost);
            var city = await db.Sites.SingleAsync(s => s.Key == "trang-cchc-thanh-pho");
            var ward = await db.Sites.SingleAsync(s => s.Key == "hai-ba-trung");
            ward.CityPageKey = city.Key;
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var leader = new StaffUser { UserName = "tp-lanhdao", FullName = "Nguyễn Thu Hà", SiteId = city.Id, UnitId = (await db.Units.SingleAsync(u => u.SiteId == city.Id)).Id, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(leader, WardAppFactory.StaffPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(leader, "leader")).Succeeded);
            var vhxh = await db.Units.SingleAsync(u => u.SiteId == ward.Id && u.Key == "vhxh");
            return await db.ContentItems.Where(i => i.SiteId == ward.Id && i.ContentType == "CchcArticle" && i.PublishedVersionId != null && i.UnitId == vhxh.Id && !i.IsDeleted)
                .OrderByDescending(i => i.FirstPublishedUtc).Select(i => i.Id).FirstAsync();
        });
        var planId = await EditorialTestData.PlanRunningThisYearAsync(browser.App);
        await browser.App.WithScopeAsync(async sp =>
        {
            // Task 4's rule runs to December 2025 in the demo plan: run it through this year, as the plan is.
            var db = sp.GetRequiredService<WardDbContext>();
            var task = await db.PlanTasks.SingleAsync(t => t.PlanId == planId && t.Number == 4);
            task.RulesJson = task.RulesJson.Replace("2025-12-31", $"{today.Year}-12-31", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        });

        // The ward: the article's editor sends it.
        var editor = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(editor, "editor1", WardAppFactory.StaffPassword);
        await editor.GotoAsync($"/admin/workflow/transition?id={itemId}");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Gửi Trang CCHC Thành phố" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Gửi Trang CCHC Thành phố" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash")).ToContainTextAsync("Đã gửi bài lên Trang thông tin CCHC thành phố Hà Nội");
        await Assertions.Expect(editor.Locator(".city-sends")).ToContainTextAsync("Chờ Thành phố xem");
        await BrowserFixture.AssertAccessibleAsync(editor);
        await BrowserFixture.ScreenshotAsync(editor, "gui-trang-cchc-thanh-pho-desktop");

        // The city page, on a phone: the inbox, the article, accept with a new title.
        var city = await browser.NewPageAsync(360, 780, browser.UrlOn(CityHost));
        await browser.LoginAsync(city, "tp-lanhdao", WardAppFactory.StaffPassword);
        await city.GotoAsync("/admin/city-inbox");
        var row = city.Locator("tr", new() { HasText = "Trang thông tin điện tử phường Hai Bà Trưng" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.True(await city.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the inbox scrolls sideways at 360 px");
        await BrowserFixture.AssertAccessibleAsync(city);
        await BrowserFixture.ScreenshotAsync(city, "hop-thu-trang-cchc-thanh-pho-phone");
        var title = await row.Locator("td").First.InnerTextAsync();
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(city.Locator("h1")).ToHaveTextAsync(title);
        Assert.True(await city.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the article scrolls sideways at 360 px");
        await BrowserFixture.AssertAccessibleAsync(city);
        await BrowserFixture.ScreenshotAsync(city, "bai-don-vi-gui-phone");
        await city.GetByLabel("Tiêu đề").FillAsync("Hai Bà Trưng: " + title);
        await city.GetByRole(AriaRole.Button, new() { Name = "Nhận đăng và xuất bản" }).ClickAsync();
        await Assertions.Expect(city.Locator(".flash")).ToContainTextAsync("Đã nhận đăng bài của Trang thông tin điện tử phường Hai Bà Trưng");
        await BrowserFixture.ScreenshotAsync(city, "bai-don-vi-gui-da-nhan-phone");

        // The same screens on a desktop.
        var desk = await browser.NewPageAsync(1280, 900, browser.UrlOn(CityHost));
        await browser.LoginAsync(desk, "tp-lanhdao", WardAppFactory.StaffPassword);
        await desk.GotoAsync("/admin/city-inbox?trang-thai=tat-ca");
        await BrowserFixture.AssertAccessibleAsync(desk);
        await BrowserFixture.ScreenshotAsync(desk, "hop-thu-trang-cchc-thanh-pho-desktop");
        await desk.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(desk, "bai-don-vi-gui-desktop");

        // The public city page carries it, crediting the ward with a link to its article.
        var published = await desk.Locator("dd a[href*='/tin-cac-don-vi/']").GetAttributeAsync("href");
        var reader = await browser.NewPageAsync(360, 780, browser.UrlOn(CityHost));
        await reader.GotoAsync(new Uri(published!).PathAndQuery);
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("Hai Bà Trưng: " + title);
        var credit = reader.GetByRole(AriaRole.Link, new() { Name = "Trang thông tin điện tử phường Hai Bà Trưng" });
        Assert.Contains("/cchc/", await credit.GetAttributeAsync("href"));
        await BrowserFixture.ScreenshotAsync(reader, "trang-cchc-thanh-pho-bai-phone");

        // The ward's dashboard: this month's task 4 cell is met.
        var leader = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(leader, "leader1", WardAppFactory.StaffPassword);
        await leader.GotoAsync($"/admin/dashboard?plan={planId}&year={today.Year}");
        var cell = leader.Locator("a", new() { HasTextRegex = new Regex($"nhiệm vụ 4, tháng {today.Month}/{today.Year}, ") });
        await Assertions.Expect(cell).ToHaveTextAsync(new Regex(", đạt$"));
        await BrowserFixture.ScreenshotAsync(leader, "bang-theo-doi-nhiem-vu-4-dat-desktop");
    }
}
