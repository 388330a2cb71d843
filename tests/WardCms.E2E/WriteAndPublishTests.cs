using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>The foundation's "done when": log in, write a Vietnamese article with a table, publish, read it on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WriteAndPublishTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_WritesPublishesAndReadsAnArticleWithATable_OnAPhone()
    {
        var title = $"Lịch tiếp nhận hồ sơ đăng ký tạm trú tháng 12 {Guid.NewGuid().ToString("N")[..4]}";
        var body = """
            ## Thời gian tiếp nhận

            Bộ phận một cửa phường tiếp nhận hồ sơ **đăng ký tạm trú** theo lịch sau:

            | Ngày | Buổi sáng | Buổi chiều |
            | --- | --- | --- |
            | Thứ hai – thứ sáu | 7h30 – 11h30 | 13h30 – 17h00 |
            | Thứ bảy | 7h30 – 11h30 | Nghỉ |

            Người dân có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia.
            """;

        var editor = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(editor, "admin", WardAppFactory.AdminPassword);
        await editor.GotoAsync("/admin/content?type=CchcArticle");
        await editor.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Soạn mới") }).ClickAsync();
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Tiêu đề", Exact = true }).FillAsync(title);
        await editor.Locator("#f-Summary").FillAsync("Lịch làm việc của Bộ phận một cửa phường trong tháng 12.");
        await editor.Locator("#f-Body").FillAsync(body);
        // Every item counts toward a task of the plan before it can go through the workflow.
        await editor.Locator("input[name='Parts.planTasks.TaskIds']").First.CheckAsync();
        // The live preview (beside the editor on a desktop) is rendered by the server's own Markdown pipeline.
        await Assertions.Expect(editor.Locator("#md-preview table")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("#md-preview td").First).ToHaveTextAsync("Thứ hai – thứ sáu");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).First.ClickAsync();
        await editor.WaitForURLAsync(new Regex("/admin/content/edit/\\d+"));
        await BrowserFixture.ScreenshotAsync(editor, "editor-saved-desktop");
        // The same editor on a phone: each part's own editor view, in the type's order.
        var editorPhone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(editorPhone, "admin", WardAppFactory.AdminPassword);
        await editorPhone.GotoAsync(editor.Url);
        await Assertions.Expect(editorPhone.Locator("section.part-route #f-Slug")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(editorPhone, "editor-saved-phone");
        await editorPhone.Context.CloseAsync();

        // A leader (here the administrator) approves and publishes in one step through the workflow.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Duyệt và xuất bản ngay" }).ClickAsync();
        var link = editor.Locator("a[href^='/cchc/']").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var url = await link.GetAttributeAsync("href");

        var phone = await browser.NewPageAsync(360, 800);
        var res = await phone.GotoAsync(url!);
        Assert.Equal(200, res!.Status);
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync(title);
        var table = phone.Locator("article table");
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("td").First).ToHaveTextAsync("Thứ hai – thứ sáu");
        await BrowserFixture.ScreenshotAsync(phone, "article-published-phone");
        // Nothing wider than the phone: the table scrolls inside the article instead.
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The article page is wider than a 360 px phone screen.");
    }

    [Theory]
    [InlineData(360, 800, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task Editor_InsertImageButton_UploadsFromTheFileChooserWithItsAlt_AndInsertsTheImage(int width, int height, string device)
    {
        var editor = await browser.NewPageAsync(width, height);
        await browser.LoginAsync(editor, "admin", WardAppFactory.AdminPassword);
        await editor.GotoAsync("/admin/content/create?type=CchcArticle");
        var button = editor.GetByRole(AriaRole.Button, new() { Name = "Chèn ảnh (chọn từ thư viện hoặc tải lên)" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await editor.Locator(".md-toolbar").ScrollIntoViewIfNeededAsync();
        await editor.Locator(".md-field").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.OutputFolder, $"editor-toolbar-{device}.png") });

        await button.ClickAsync();
        var dialog = editor.Locator("dialog[data-md-image-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Mô tả ảnh (alt)").FillAsync($"Cán bộ phường tiếp dân {device}");
        await Assertions.Expect(dialog.Locator("[data-picker-more]")).ToBeHiddenAsync();
        await dialog.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.OutputFolder, $"editor-insert-image-{device}.png") });
        await dialog.GetByLabel("Tải ảnh lên từ máy tính hoặc điện thoại").SetInputFilesAsync(new FilePayload
        {
            Name = $"tiep-dan-{device}.png",
            MimeType = "image/png",
            // A 1×1 PNG: the same bytes on both screens, so the second upload is answered with the existing asset.
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
        });

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(editor.Locator("#f-Body")).ToHaveValueAsync(new Regex($@"!\[Cán bộ phường tiếp dân {device}\]\(/media/[0-9a-f]{{2}}/[0-9a-f]{{2}}/[0-9a-f]{{64}}\.png\)"));
        if (device == "desktop")
        {
            // The preview (below or beside the text on a desktop) shows a body image whole, never cut off at its full size.
            var image = editor.Locator("#md-preview img");
            await Assertions.Expect(image).ToBeAttachedAsync();
            Assert.Equal("100%", await image.EvaluateAsync<string>("i => getComputedStyle(i).maxWidth"));
        }
        var overflow = await editor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"The editor is wider than the {width} px screen.");
    }
}
