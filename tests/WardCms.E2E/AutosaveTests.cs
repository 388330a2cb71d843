using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Editorial;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// Nothing typed is lost (issue 17): an editor's session expires while they type. What they typed
/// before was kept by the server; what they typed after stays in the browser; once they sign in again
/// and open the article, all of it is offered back and saved as a version.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AutosaveTests(BrowserFixture browser)
{
    [Fact]
    public async Task SessionExpiresMidArticle_TheTextComesBackAfterSigningInAgain()
    {
        var id = await EditorialTestData.CreateArticleAsync(browser.App, "editor1", "Hướng dẫn nộp hồ sơ đăng ký khai sinh trực tuyến");
        var page = await browser.NewPageAsync(1280, 900);
        // Leaving with unsaved text asks first (beforeunload); here the answer is "leave".
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.LoginAsync(page, "editor1", WardAppFactory.StaffPassword);
        await page.GotoAsync($"/admin/content/edit/{id}");

        var body = page.Locator("#f-Body");
        await body.PressAsync("End");
        await body.PressSequentiallyAsync("\n\nĐoạn một: chuẩn bị bản chụp giấy chứng sinh.");
        var status = page.Locator("[data-autosave-status][role=status]");
        await Assertions.Expect(status).ToContainTextAsync("Đã tự động lưu lúc", new() { Timeout = 10_000 });

        // The session ends (signed out elsewhere, or expired); the editor goes on typing.
        await page.Context.ClearCookiesAsync();
        await body.PressSequentiallyAsync("\n\nĐoạn hai: nộp trên Cổng dịch vụ công sau khi phiên đã hết hạn.");
        await Assertions.Expect(status).ToContainTextAsync("Phiên đăng nhập đã hết hạn", new() { Timeout = 10_000 });
        // The preview does not show the sign-in page as if it were the article.
        await Assertions.Expect(page.Locator(".md-preview")).ToContainTextAsync("Phiên đăng nhập đã hết hạn", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator(".md-preview")).Not.ToContainTextAsync("Đăng nhập quản trị");
        await BrowserFixture.ScreenshotAsync(page, "luu-tu-dong-het-phien-desktop");

        await browser.LoginAsync(page, "editor1", WardAppFactory.StaffPassword);
        await page.GotoAsync($"/admin/content/edit/{id}");
        // The browser's copy goes to the server, and the page offers it back.
        var offer = page.Locator(".autosave-offer");
        await Assertions.Expect(offer).ToContainTextAsync("Có nội dung bạn đang soạn dở", new() { Timeout = 10_000 });
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "luu-tu-dong-khoi-phuc-desktop");

        var phone = await browser.NewPageAsync(360, 780);
        await browser.LoginAsync(phone, "editor1", WardAppFactory.StaffPassword);
        await phone.GotoAsync($"/admin/content/edit/{id}");
        await Assertions.Expect(phone.Locator(".autosave-offer")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the editor scrolls sideways at 360 px");
        await BrowserFixture.ScreenshotAsync(phone, "luu-tu-dong-khoi-phuc-phone");

        await offer.GetByRole(AriaRole.Link, new() { Name = "Khôi phục nội dung đang soạn" }).ClickAsync();
        await Assertions.Expect(page.Locator(".autosave-note")).ToBeVisibleAsync();
        var text = await page.Locator("#f-Body").InputValueAsync();
        Assert.Contains("Đoạn một: chuẩn bị bản chụp giấy chứng sinh.", text);
        Assert.Contains("Đoạn hai: nộp trên Cổng dịch vụ công sau khi phiên đã hết hạn.", text);

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu phiên bản mới" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã lưu phiên bản 2");
        await Assertions.Expect(page.Locator(".autosave-offer")).ToHaveCountAsync(0);
        Assert.Contains("Đoạn hai: nộp trên Cổng dịch vụ công", await page.Locator("#f-Body").InputValueAsync());
        // The copy this browser kept while the form was sent is dropped once the page shows it saved,
        // so the next visit offers nothing.
        await page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.startsWith('wardcms-autosave:'))");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".autosave-offer")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WorkflowButton_WithUnsavedText_SavesItFirst_ThenMovesThatVersion()
    {
        var id = await EditorialTestData.CreateArticleAsync(browser.App, "editor1", "Lịch tiếp công dân tháng Mười hai", 5);
        var page = await browser.NewPageAsync(1280, 900);
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.DismissAsync(); };
        await browser.LoginAsync(page, "editor1", WardAppFactory.StaffPassword);
        await page.GotoAsync($"/admin/content/edit/{id}");
        var body = page.Locator("#f-Body");
        await body.PressAsync("End");
        await body.PressSequentiallyAsync("\n\nLãnh đạo phường tiếp công dân sáng thứ Năm.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi trưởng phòng duyệt" }).ClickAsync();

        await Assertions.Expect(page.Locator(".page-head .badge").First).ToHaveTextAsync(WardCms.Core.Content.ContentStatus.DisplayName(WardCms.Core.Content.ContentStatus.Submitted));
        Assert.Null(asked); // no "Leave site?" question, and nothing lost
        Assert.Contains("Lãnh đạo phường tiếp công dân sáng thứ Năm.", await page.Locator("#f-Body").InputValueAsync());
        var (versions, status) = await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardCms.Core.Data.WardDbContext>();
            var item = await db.ContentItems.AsNoTracking().SingleAsync(i => i.Id == id);
            return (await db.ContentVersions.CountAsync(v => v.ContentItemId == id), item.Status);
        });
        Assert.Equal((2, WardCms.Core.Content.ContentStatus.Submitted), (versions, status));
    }
}
