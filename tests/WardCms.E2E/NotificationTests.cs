using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Editorial;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// Notifications in Chromium (issue 17): the reviewer sends an article back in the browser; on a phone
/// the editor's bell shows the count, the notification carries the comment, and opening it lands on
/// the article. The list at 360 and 1280 px, axe-clean, never scrolling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationTests(BrowserFixture browser)
{
    [Fact]
    public async Task SendBack_InTheBrowser_LightsTheEditorsBell_AndOpensTheArticle()
    {
        var title = "Bài trả lại có chuông báo " + Guid.NewGuid().ToString("N")[..6];
        var id = await EditorialTestData.CreateArticleAsync(browser.App, "editor1", title, 5);
        var reviewer = await browser.NewPageAsync(1280, 900);
        var editor = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(editor, "editor1", WardAppFactory.StaffPassword);
        await editor.GotoAsync($"/admin/workflow/transition?id={id}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Gửi trưởng phòng duyệt" }).ClickAsync();

        await browser.LoginAsync(reviewer, "reviewer1", WardAppFactory.StaffPassword);
        await reviewer.GotoAsync("/admin/notifications");
        await Assertions.Expect(reviewer.Locator(".notice-list")).ToContainTextAsync($"Chờ bạn duyệt: {title}");
        await reviewer.GotoAsync($"/admin/workflow/transition?id={id}");
        await reviewer.GetByLabel("Ý kiến").FillAsync("Bổ sung ảnh minh họa và số liệu tháng này.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();

        await editor.GotoAsync("/admin");
        await Assertions.Expect(editor.Locator(".bell .bell-count")).ToBeVisibleAsync();
        await editor.Locator(".bell").ClickAsync();
        var notice = editor.Locator(".notice-list li", new() { HasText = $"Bài bị trả lại: {title}" });
        await Assertions.Expect(notice).ToContainTextAsync("Bổ sung ảnh minh họa và số liệu tháng này.");
        Assert.True(await editor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the notifications scroll sideways at 360 px");
        await BrowserFixture.AssertAccessibleAsync(editor, "the notifications at 360 px");
        await BrowserFixture.ScreenshotAsync(editor, "thong-bao-phone");
        await notice.GetByRole(AriaRole.Button).ClickAsync();
        await editor.WaitForURLAsync($"**/admin/content/edit/{id}");
        await BrowserFixture.ScreenshotAsync(reviewer, "thong-bao-nguoi-duyet-desktop");
        await reviewer.GotoAsync("/admin/notifications");
        await BrowserFixture.AssertAccessibleAsync(reviewer, "the notifications at 1280 px");
        await BrowserFixture.ScreenshotAsync(reviewer, "thong-bao-desktop");
    }
}
