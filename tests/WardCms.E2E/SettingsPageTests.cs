using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>The System page: content types and parts by the names staff use, recipe errors in Vietnamese.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(360, "phone")]
    [InlineData(1280, "desktop")]
    public async Task BrokenRecipe_IsExplainedInVietnamese_BesideTheTypesByTheirNames(int width, string label)
    {
        var page = await browser.NewPageAsync(width, 800);
        await browser.LoginAsync(page, "admin", WardAppFactory.AdminPassword);
        await page.GotoAsync("/admin/settings");
        await page.GetByText("Tên dùng trong tệp công thức").ClickAsync();
        await page.Locator("#recipe").SetInputFilesAsync(new FilePayload
        {
            Name = "cong-thuc.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""
                { "name": "Thử", "site": "hai-ba-trung", "steps": [ { "step": "contentTypes", "contentTypes": [
                  { "name": "ThongBao", "displayName": "Thông báo", "order": "chín",
                    "parts": [ { "name": "common" }, { "name": "galery" } ] } ] } ] }
                """),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và áp dụng" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert.bad")).ToContainTextAsync("không có thành phần \"galery\"");
        await Assertions.Expect(page.Locator(".alert.bad")).ToContainTextAsync("phải là một số nguyên");
        await Assertions.Expect(page.Locator("table.data td").Filter(new() { HasText = "Thông tin chung, Đường dẫn" }).First).ToBeVisibleAsync();
        await page.GetByText("Tên dùng trong tệp công thức").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, $"settings-recipe-error-{label}");
        // Long JSON paths break inside the alert instead of widening the page (tables scroll in their own frame).
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => !e.closest('nav, .table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40))
            """);
        Assert.Empty(wide);
    }

    [Fact]
    public async Task Administrator_RenamesTheSite_OnAPhone_AndThePublicSiteShowsIt()
    {
        var page = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(page, "admin", WardAppFactory.AdminPassword);
        await page.GotoAsync("/admin/settings/site");
        var field = page.GetByLabel("Tên trang");
        var before = await field.InputValueAsync();
        try
        {
            await field.FillAsync("Cổng thông tin điện tử phường Hai Bà Trưng");
            await page.GetByLabel("Tốc độ đọc mặc định (tiếng/phút)").FillAsync("hai trăm");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu thông tin trang" }).ClickAsync();
            await Assertions.Expect(page.Locator(".field-error", new() { HasText = "“hai trăm” không hợp lệ" })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "admin-thong-tin-trang-loi-phone");
            await page.GetByLabel("Tốc độ đọc mặc định (tiếng/phút)").FillAsync("200");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu thông tin trang" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã lưu thông tin trang");
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"));
            await BrowserFixture.ScreenshotAsync(page, "admin-thong-tin-trang-phone");

            var visitor = await browser.NewPageAsync(360, 800);
            await visitor.GotoAsync("/");
            await Assertions.Expect(visitor.Locator("footer")).ToContainTextAsync("Cổng thông tin điện tử phường Hai Bà Trưng");
            await visitor.Context.CloseAsync();

            var desktop = await browser.NewPageAsync(1280, 900);
            await browser.LoginAsync(desktop, "admin", WardAppFactory.AdminPassword);
            await desktop.GotoAsync("/admin/settings/site");
            await BrowserFixture.ScreenshotAsync(desktop, "admin-thong-tin-trang-desktop");
            await desktop.Context.CloseAsync();
        }
        finally
        {
            await page.GotoAsync("/admin/settings/site");
            await page.GetByLabel("Tên trang").FillAsync(before);
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu thông tin trang" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/settings/site");
            await page.Context.CloseAsync();
        }
    }
}
