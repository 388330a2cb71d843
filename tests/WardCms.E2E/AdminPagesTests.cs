using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
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
            ("/admin/inbox", "viec-can-lam"),
            ("/admin/content?type=CchcArticle", "danh-sach-bai"),
            ("/admin/content/create?type=CchcArticle", "viet-bai"),
            ($"/admin/content/edit/{article}", "sua-bai"),
            ($"/admin/content/versions/{article}", "phien-ban"),
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
                var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
                problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{path} at {width}px: {v.Id}: {v.Help} ({string.Join(" | ", v.Nodes.Take(2).Select(n => string.Join(" ", n.Target)))})"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
