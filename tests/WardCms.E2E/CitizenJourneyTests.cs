using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Data;
using WardCms.Core.Engagement;
using WardCms.E2E.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// The citizens' section "done when": on a phone, a citizen types "dang ky tam tru" without marks,
/// finds the handbook entry, reads it, prints it, has a Zalo share link with a proper preview card,
/// and tells the ward it helped; the pages on the way pass axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CitizenJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_FindsReadsPrintsSharesAndRatesAHandbookEntry_OnAPhone()
    {
        var phone = await browser.NewPageAsync(360, 800);
        await phone.GotoAsync("/");

        // Typed into the header's search box, without diacritics, as on a phone keyboard.
        await phone.Locator("#site-search").FillAsync("dang ky tam tru");
        await phone.Locator("#site-search").PressAsync("Enter");
        await phone.WaitForURLAsync(new Regex("/tim-kiem\\?q=dang"));
        var hit = phone.Locator(".search-hit h2 a", new() { HasTextRegex = new Regex("Đăng ký tạm trú") }).First;
        await Assertions.Expect(hit).ToBeVisibleAsync();
        // The matched words are highlighted in their written form.
        await Assertions.Expect(phone.Locator(".search-hit mark").First).ToContainTextAsync(new Regex("Đăng ký|đăng ký|tạm trú"));
        await BrowserFixture.ScreenshotAsync(phone, "journey-search-phone");
        await BrowserFixture.AssertAccessibleAsync(phone);

        await hit.ClickAsync();
        await phone.WaitForURLAsync(new Regex("/cam-nang/"));
        var url = new Uri(phone.Url).AbsolutePath;
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("tạm trú");
        await Assertions.Expect(phone.GetByText("Cập nhật lần cuối")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Kỳ rà soát tiếp theo")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "journey-handbook-entry-phone");
        await BrowserFixture.AssertAccessibleAsync(phone);

        // Print: the button calls window.print(); the print layout drops the site chrome and the widgets.
        await phone.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        await phone.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^🖨 In") }).ClickAsync();
        Assert.Equal(1, await phone.EvaluateAsync<int>("() => window.__printed"));
        await phone.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(phone.Locator(".feedback")).ToBeHiddenAsync();
        await Assertions.Expect(phone.Locator("article h1")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".print-source")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "journey-handbook-entry-print");
        await phone.EmulateMediaAsync(new() { Media = Media.Screen });

        // Zalo: a plain link to Zalo's share page carrying this page's canonical address, and the tags
        // Zalo builds the preview card from (title, description, a 1200×630 image).
        var canonical = await phone.Locator("link[rel=canonical]").GetAttributeAsync("href");
        Assert.EndsWith(url, canonical);
        var zalo = await phone.Locator("a.share.zalo").GetAttributeAsync("href");
        Assert.Equal("https://sp.zalo.me/share_to_zalo?url=" + Uri.EscapeDataString(canonical!), zalo);
        Assert.Contains("tạm trú", await Meta(phone, "og:title"));
        Assert.False(string.IsNullOrWhiteSpace(await Meta(phone, "og:description")));
        Assert.Equal("1200", await Meta(phone, "og:image:width"));
        var image = await phone.APIRequest.GetAsync(await Meta(phone, "og:image"));
        Assert.Equal(200, image.Status);
        Assert.StartsWith("image/", image.Headers["content-type"]);

        // "Thông tin này có hữu ích không?" → Có, with a comment; sent in the background by site.js.
        var comment = "Hướng dẫn rất dễ hiểu, cảm ơn phường " + Guid.NewGuid().ToString("N")[..6];
        await phone.GetByLabel("Có", new() { Exact = true }).CheckAsync();
        await phone.Locator("textarea[name=Comment]").FillAsync(comment);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("Cảm ơn bạn đã góp ý") })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "journey-feedback-sent-phone");

        using var scope = browser.App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<WardDbContext>().Set<Feedback>().SingleAsync(f => f.Comment == comment);
        Assert.True(stored.Helpful);
        Assert.Equal(FeedbackStatus.Pending, stored.Status);
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task ApprovedComment_ShowsUnderTheEntry_AndTheMonthsReadersShowOnThePlanDashboard()
    {
        var entry = "/cam-nang/dang-ky-tam-tru-truc-tuyen";
        var comment = "Nên bổ sung mẫu CT01 bản giấy để người cao tuổi tham khảo " + Guid.NewGuid().ToString("N")[..6];
        var reader = await browser.NewPageAsync(360, 800);
        await reader.GotoAsync(entry);
        await reader.GetByLabel("Không", new() { Exact = true }).CheckAsync();
        await reader.Locator("textarea[name=Comment]").FillAsync(comment);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến" }).ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("Cảm ơn bạn đã góp ý") })).ToBeVisibleAsync();

        var staff = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(staff, "admin", WardCms.Tests.Infrastructure.WardAppFactory.AdminPassword);
        await staff.GotoAsync("/admin/feedback?status=pending");
        var row = staff.Locator("tr", new() { HasText = comment });
        await row.GetByRole(AriaRole.Button, new() { Name = "Duyệt" }).ClickAsync();
        await Assertions.Expect(staff.GetByText("Đã duyệt ý kiến.")).ToBeVisibleAsync();

        // The ward answers under the comment: "Sửa, trả lời" opens the moderation page (original kept apart).
        var reply = "Phường đã bổ sung mẫu CT01 bản giấy tại bộ phận một cửa " + comment[^6..];
        await staff.GotoAsync("/admin/feedback?status=approved");
        await staff.Locator("tr", new() { HasText = comment }).GetByRole(AriaRole.Link, new() { Name = "Sửa, trả lời" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-original]")).ToHaveTextAsync(comment);
        await staff.GetByLabel("Trả lời chính thức của phường").FillAsync(reply);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByText("Đã lưu nội dung công khai và trả lời.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(staff, "feedback-moderation-desktop");
        var moderatorPhone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(moderatorPhone, "admin", WardCms.Tests.Infrastructure.WardAppFactory.AdminPassword);
        await moderatorPhone.GotoAsync(staff.Url);
        await BrowserFixture.ScreenshotAsync(moderatorPhone, "feedback-moderation-phone");
        await BrowserFixture.AssertAccessibleAsync(moderatorPhone);
        await moderatorPhone.Context.CloseAsync();

        await staff.GotoAsync("/admin/dashboard");
        await Assertions.Expect(staff.Locator("#readers-head")).ToContainTextAsync("Bạn đọc tháng");
        await BrowserFixture.ScreenshotAsync(staff, "dashboard-readers-desktop");
        var staffPhone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(staffPhone, "admin", WardCms.Tests.Infrastructure.WardAppFactory.AdminPassword);
        await staffPhone.GotoAsync("/admin/dashboard");
        await BrowserFixture.ScreenshotAsync(staffPhone, "dashboard-readers-phone");

        await reader.GotoAsync(entry);
        var shown = reader.Locator(".comments");
        await Assertions.Expect(shown).ToContainTextAsync(comment);
        await Assertions.Expect(shown).ToContainTextAsync("Chưa thấy hữu ích");
        await Assertions.Expect(shown.Locator(".comment-reply")).ToContainTextAsync(reply);
        await shown.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(reader, "entry-with-comments-phone");
        await BrowserFixture.AssertAccessibleAsync(reader);
        var desktop = await browser.NewPageAsync(1280, 800);
        await desktop.GotoAsync(entry);
        await Assertions.Expect(desktop.Locator(".comments")).ToContainTextAsync(comment);
        await BrowserFixture.ScreenshotAsync(desktop, "entry-with-comments-desktop");
        await BrowserFixture.AssertAccessibleAsync(desktop);
    }

    private static async Task<string> Meta(IPage page, string property) =>
        await page.Locator($"meta[property='{property}']").GetAttributeAsync("content") ?? "";
}
