using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// Every admin page type as the administrator sees it at 360 and 1280 px: it answers, the page never
/// scrolls sideways (wide tables scroll inside their own frame or become labelled rows), and axe
/// (WCAG 2.1 AA) finds nothing serious. One pass over all pages, so a failure lists every page at fault.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(BrowserFixture browser)
{
    private async Task<List<(string Path, string Name)>> PagesAsync()
    {
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var article = await db.ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedSlug != null).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var media = await db.Set<WardCms.Core.Media.MediaAsset>().Where(m => !m.IsDeleted).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        return
        [
            ("/admin", "tong-quan"),
            ("/admin/dashboard", "bang-theo-doi"),
            ("/admin/dashboard?year=2030", "bang-theo-doi-ngoai-ke-hoach"),
            ("/admin/inbox", "viec-can-lam"),
            ("/admin/notifications", "thong-bao"),
            ("/admin/content?type=CchcArticle", "danh-sach-bai"),
            ("/admin/content/create?type=CchcArticle", "viet-bai"),
            ($"/admin/content/edit/{article}", "sua-bai"),
            ($"/admin/content/versions/{article}", "phien-ban"),
            ($"/admin/content/share/{article}", "lien-ket-xem-truoc"),
            ("/admin/content/trash", "thung-rac"),
            ("/admin/handbook", "ra-soat-cam-nang"),
            ("/admin/media", "thu-vien"),
            ($"/admin/media/{media}", "tep"),
            ("/admin/feedback", "y-kien"),
            ("/admin/views", "luot-xem"),
            ("/admin/radio", "phat-thanh"),
            ("/admin/radio/bulletins", "ban-tin"),
            ("/admin/radio/bulletins/edit", "ban-tin-moi"),
            ("/admin/radio/as-run", "nhat-ky-phat-song"),
            ("/admin/radio/announcers", "phat-thanh-vien"),
            ("/admin/radio/abbreviations", "viet-tat"),
            ("/admin/reports", "bao-cao"),
            ("/admin/settings", "he-thong"),
            ("/admin/settings/site", "thong-tin-trang"),
            ("/admin/settings/units", "don-vi"),
            ("/admin/settings/topics", "chu-de"),
            ("/admin/tokens", "khoa-api"),
            ("/admin/users", "nguoi-dung"),
            ("/admin/users/edit", "nguoi-dung-moi"),
            ("/admin/audit", "nhat-ky"),
            ("/account/me", "tai-khoan"),
        ];
    }

    [Fact]
    public async Task EveryAdminPageType_FitsAPhone_AndHasNoSeriousAccessibilityViolations()
    {
        var problems = new List<string>();
        foreach (var (width, label) in new[] { (360, "phone"), (1280, "desktop") })
        {
            var page = await browser.NewPageAsync(width, 800);
            await browser.LoginAsync(page, "admin", WardAppFactory.AdminPassword);
            foreach (var (path, name) in await PagesAsync())
            {
                var res = await page.GotoAsync(path);
                if (res!.Status != 200)
                {
                    problems.Add($"{path} at {width}px: {res.Status}");
                    continue;
                }
                await BrowserFixture.ScreenshotAsync(page, $"admin-{name}-{label}");
                var wide = await page.EvaluateAsync<string[]>("""
                    () => document.documentElement.scrollWidth <= window.innerWidth + 1 ? [] :
                        [...document.querySelectorAll('main *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
                            .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))
                    """);
                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (scrollWidth > width + 1)
                {
                    problems.Add($"{path} at {width}px: the page is {scrollWidth}px wide ({string.Join(", ", wide)})");
                }
                problems.AddRange((await BrowserFixture.SeriousViolationsAsync(page)).Select(v => $"{path} at {width}px: {v}"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EditPage_OnAPhone_TheReviewActionsAreOneTapAway()
    {
        var article = (await PagesAsync()).First(p => p.Name == "sua-bai").Path;
        var id = article[(article.LastIndexOf('/') + 1)..];
        var page = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(page, "leader1", WardAppFactory.StaffPassword);
        await page.GotoAsync(article);
        var jump = page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Đến phần duyệt ↓" });
        Assert.True((await jump.BoundingBoxAsync())!.Y < 800, "the link is on the first screen");
        await jump.ClickAsync();
        var heading = page.Locator($"#wf-{id}");
        await Assertions.Expect(heading).ToBeInViewportAsync();
        // The leader's action is right below the heading, not past the form and the history.
        var action = page.Locator("section.workflow button[type=submit]").First;
        await Assertions.Expect(action).ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-sua-bai-den-phan-duyet-phone");
        await page.Context.CloseAsync();

        var desktop = await browser.NewPageAsync(1280, 800);
        await browser.LoginAsync(desktop, "leader1", WardAppFactory.StaffPassword);
        await desktop.GotoAsync(article);
        await Assertions.Expect(desktop.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Đến phần duyệt ↓" })).ToBeHiddenAsync();
        await desktop.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_At1280_ShowsAllTwelveMonthsWithoutScrolling()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(page, "admin", WardAppFactory.AdminPassword);
        await page.GotoAsync("/admin/dashboard?year=2025");
        var grid = page.Locator("table.quota-grid").First;
        await Assertions.Expect(grid.Locator("th[scope=col]").Last).ToHaveTextAsync("Th12");
        await BrowserFixture.ScreenshotAsync(page, "admin-bang-theo-doi-12-thang-desktop");
        // The month grid's frame does not scroll: every month fits beside the tasks.
        var widths = await grid.EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]");
        var (content, frame) = (widths[0], widths[1]);
        Assert.True(content <= frame + 1, $"the month grid is {content}px wide in a {frame}px frame at 1280 px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Inbox_OnAPhone_IsALabelledBlockPerItem_WithTheSendBackCommentReadable()
    {
        var title = "Bài bị trả lại trên điện thoại " + Guid.NewGuid().ToString("N")[..6];
        var id = await WardCms.Tests.Editorial.EditorialTestData.CreateArticleAsync(browser.App, "editor1", title, 5);
        await WardCms.Tests.Editorial.EditorialTestData.MoveAsync(await SignedInClientAsync("editor1"), id, WardCms.Core.Content.ContentStatus.Submitted);
        var back = await WardCms.Tests.Editorial.EditorialTestData.MoveAsync(await SignedInClientAsync("reviewer1"), id,
            WardCms.Core.Content.ContentStatus.Draft, comment: "Bổ sung số liệu về hồ sơ trực tuyến của tháng này và ảnh minh họa.");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, back.StatusCode);

        var page = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(page, "editor1", WardAppFactory.StaffPassword);
        await page.GotoAsync("/admin/inbox");
        var row = page.Locator("table.stack-on-phone tbody tr", new() { HasText = title });
        Assert.Equal("block", await row.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        var comment = row.Locator("td[data-label='Ý kiến']");
        Assert.Equal("\"Ý kiến: \"", await comment.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
        // The comment runs the width of the phone, not one or two letters a line.
        Assert.True((await comment.BoundingBoxAsync())!.Width > 250);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"));
        await BrowserFixture.ScreenshotAsync(page, "admin-viec-can-lam-tra-lai-phone");
        await page.Context.CloseAsync();
    }

    /// <summary>A client of the running portal (the E2E app listens on a real port), signed in as a staff member.</summary>
    private async Task<HttpClient> SignedInClientAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(browser.BaseUrl) };
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.LoginAsync(user, WardAppFactory.StaffPassword)).StatusCode);
        return client;
    }
}
