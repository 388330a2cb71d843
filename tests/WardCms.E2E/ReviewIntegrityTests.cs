using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;

namespace WardCms.E2E;

/// <summary>
/// Issue 12's "done when": an approval is of a version. Text saved after approval goes back to review
/// and a leader's page left open cannot publish it; a scheduled item trashed and restored comes back
/// as a draft with no schedule.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewIntegrityTests(BrowserFixture browser)
{
    [Fact]
    public async Task TextSavedAfterApproval_GoesBackToReview_AndTheLeadersOpenPageCannotPublishIt()
    {
        var title = $"Hướng dẫn nộp hồ sơ cấp đổi căn cước {Guid.NewGuid().ToString("N")[..4]}";
        var id = await CreateArticleAsync(browser.App, "editor1", title, 5);

        var editor = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(editor, "editor1", WardAppFactory.StaffPassword);
        await editor.GotoAsync($"/admin/content/edit/{id}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Gửi trưởng phòng duyệt" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".workflow .badge")).ToHaveTextAsync("Chờ trưởng phòng duyệt");

        var reviewer = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(reviewer, "reviewer1", WardAppFactory.StaffPassword);
        await reviewer.GotoAsync($"/admin/content/edit/{id}");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Chuyển lãnh đạo duyệt" }).ClickAsync();

        var leader = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(leader, "leader1", WardAppFactory.StaffPassword);
        await leader.GotoAsync($"/admin/content/edit/{id}");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await Assertions.Expect(leader.Locator(".workflow .badge")).ToHaveTextAsync("Đã duyệt");
        // The leader keeps the approved item open, with its "Xuất bản" button.
        await leader.GotoAsync($"/admin/content/edit/{id}");
        await Assertions.Expect(leader.GetByRole(AriaRole.Button, new() { Name = "Xuất bản", Exact = true })).ToBeVisibleAsync();

        // The editor changes the approved text: the page says before and after what that does.
        await editor.GotoAsync($"/admin/content/edit/{id}");
        await Assertions.Expect(editor.Locator("#save-resets")).ToContainTextAsync("cần gửi duyệt lại");
        await editor.Locator("#f-Body").FillAsync("Nội dung đã sửa sau khi lãnh đạo duyệt: thêm lệ phí 30.000 đồng.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu phiên bản mới" }).First.ClickAsync();
        await editor.WaitForURLAsync(new Regex($"/admin/content/edit/{id}$"));
        await Assertions.Expect(editor.GetByRole(AriaRole.Status).Filter(new() { HasText = "quay về" })).ToContainTextAsync("cần gửi duyệt lại");
        await Assertions.Expect(editor.Locator(".page-head .badge").First).ToHaveTextAsync("Nháp");
        await Assertions.Expect(editor.Locator(".workflow .badge")).ToHaveTextAsync("Nháp");
        await BrowserFixture.ScreenshotAsync(editor, "review-edited-after-approval-desktop");
        var phone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(phone, "editor1", WardAppFactory.StaffPassword);
        await phone.GotoAsync($"/admin/content/edit/{id}");
        await BrowserFixture.ScreenshotAsync(phone, "review-edited-after-approval-phone");
        await phone.Context.CloseAsync();

        // The leader's page was for the approved version: publishing from it is refused with the reason.
        await leader.GetByRole(AriaRole.Button, new() { Name = "Xuất bản", Exact = true }).ClickAsync();
        await Assertions.Expect(leader.Locator("#workflow-error")).ToContainTextAsync("phiên bản mới");
        await BrowserFixture.ScreenshotAsync(leader, "review-stale-publish-refused-desktop");
        await leader.GotoAsync($"/admin/content/edit/{id}");
        await Assertions.Expect(leader.Locator(".editor-side")).ToContainTextAsync("Chưa xuất bản");
    }

    [Fact]
    public async Task ScheduledItem_TrashedWithAReason_AndRestored_ComesBackAsADraftWithNoSchedule()
    {
        var title = $"Thông báo lịch tiếp công dân Tết {Guid.NewGuid().ToString("N")[..4]}";
        var id = await CreateArticleAsync(browser.App, "editor1", title, 5);

        var editor = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(editor, "editor1", WardAppFactory.StaffPassword);
        await editor.GotoAsync($"/admin/content/edit/{id}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Gửi trưởng phòng duyệt" }).ClickAsync();

        var leader = await browser.NewPageAsync(1280, 900);
        leader.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await browser.LoginAsync(leader, "leader1", WardAppFactory.StaffPassword);
        await leader.GotoAsync($"/admin/content/edit/{id}");
        var at = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(2), WardCms.Core.Planning.PeriodCalculator.Zone);
        await leader.Locator("input[name='PublishAt']").FillAsync(at.ToString("yyyy-MM-ddTHH:mm"));
        await leader.GetByRole(AriaRole.Button, new() { Name = "Duyệt và hẹn giờ xuất bản" }).ClickAsync();
        await Assertions.Expect(leader.Locator(".workflow .badge")).ToHaveTextAsync("Đã hẹn giờ xuất bản");

        // The editor is not offered the trash for a scheduled item.
        await editor.GotoAsync($"/admin/content/edit/{id}");
        await Assertions.Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Chuyển vào thùng rác" })).ToHaveCountAsync(0);

        // The leader must give a reason; the browser asks for it before the confirmation.
        await leader.GotoAsync($"/admin/content/edit/{id}");
        await leader.GetByLabel("Lý do chuyển vào thùng rác").FillAsync("Lịch tiếp dân thay đổi, sẽ đăng thông báo mới.");
        await BrowserFixture.ScreenshotAsync(leader, "review-trash-scheduled-desktop");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Chuyển vào thùng rác" }).ClickAsync();
        await leader.WaitForURLAsync(new Regex("/admin/content\\?type="));

        await leader.GotoAsync("/admin/content/trash");
        var row = leader.Locator("tr").Filter(new() { HasText = title });
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã khôi phục" })).ToContainTextAsync("dạng nháp");
        await leader.GotoAsync($"/admin/content/edit/{id}");
        await Assertions.Expect(leader.Locator(".workflow .badge")).ToHaveTextAsync("Nháp");
        await Assertions.Expect(leader.Locator(".workflow")).Not.ToContainTextAsync("xuất bản lúc");
        await Assertions.Expect(leader.Locator(".audit-list")).ToContainTextAsync("Lịch tiếp dân thay đổi");
        await BrowserFixture.ScreenshotAsync(leader, "review-restored-draft-desktop");
        var phone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(phone, "leader1", WardAppFactory.StaffPassword);
        await phone.GotoAsync($"/admin/content/edit/{id}");
        await BrowserFixture.ScreenshotAsync(phone, "review-restored-draft-phone");
        // The history is a list now: the edit page stays phone-wide.
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "The edit page is wider than a 360 px phone.");
        await phone.Context.CloseAsync();
    }
}
