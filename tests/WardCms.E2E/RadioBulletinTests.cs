using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// Issue 4's "done when": radio staff build a bulletin from two approved scripts, export it, mark it
/// aired, and the plan's radio quota cell for that month turns "đạt".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RadioBulletinTests(BrowserFixture browser)
{
    // A month in the plan year that has passed, so its cell reads "không đạt" before and "đạt" after,
    // whatever today is; nothing else in the E2E run airs anything in July 2025.
    private const string AirDate = "2025-07-15";
    private const string CellLabel = "nhiệm vụ 3, tháng 7/2025,";

    [Fact]
    public async Task RadioStaff_BuildsExportsAndAirsABulletin_AndTheRadioQuotaForThatMonthIsMet()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var first = $"Nộp hồ sơ trực tuyến trên Cổng dịch vụ công {suffix}";
        var second = $"Thanh toán phí, lệ phí không dùng tiền mặt {suffix}";
        await SeedApprovedScriptForRadioTaskAsync(first, "Thưa bà con! Từ tháng 7, bà con có thể nộp hồ sơ TTHC trực tuyến, không phải đến bộ phận một cửa.");
        await SeedApprovedScriptForRadioTaskAsync(second, "UBND phường khuyến khích bà con thanh toán phí, lệ phí qua Cổng dịch vụ công bằng tài khoản ngân hàng hoặc ví điện tử.");

        var leader = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(leader, "leader1", WardAppFactory.StaffPassword);
        await leader.GotoAsync("/admin/dashboard?year=2025");
        // The cell's link reads "0/2", and to a screen reader the task, the month and the status after it.
        var cell = leader.Locator("table.quota-grid a", new() { HasText = CellLabel });
        await Assertions.Expect(cell).ToHaveTextAsync(new Regex("^0/2: nhiệm vụ 3, tháng 7/2025, 0 trên 2, không đạt$"));

        var radio = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(radio, "radio1", WardAppFactory.StaffPassword);

        // The announcer screen: radio1 reads as "Phạm Thu Hà", so the as-run form names her by default.
        var announcer = $"Phạm Thu Hà {suffix}";
        await radio.GotoAsync("/admin/radio/announcers");
        await radio.GetByRole(AriaRole.Link, new() { Name = "Thêm phát thanh viên" }).ClickAsync();
        await radio.GetByLabel("Họ tên").FillAsync(announcer);
        await radio.GetByLabel("Tốc độ đọc (tiếng/phút)").FillAsync("190");
        await radio.GetByLabel("Tài khoản cán bộ").SelectOptionAsync(new SelectOptionValue { Label = "Cán bộ radio1 (radio1)" });
        await radio.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }).ClickAsync();
        await radio.WaitForURLAsync("**/admin/radio/announcers");
        await Assertions.Expect(radio.Locator("table.data")).ToContainTextAsync(announcer);
        await BrowserFixture.ScreenshotAsync(radio, "radio-announcers-desktop");
        var phone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(phone, "radio1", WardAppFactory.StaffPassword);
        await phone.GotoAsync("/admin/radio/announcers");
        await BrowserFixture.ScreenshotAsync(phone, "radio-announcers-phone");
        // The table scrolls inside its frame; the page itself stays phone-wide.
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "The announcer list is wider than a 360 px phone.");
        // A slip in the rate is caught beside the field, in Vietnamese.
        await phone.GotoAsync("/admin/radio/announcers/edit");
        await phone.GetByLabel("Họ tên").FillAsync($"Người đọc quá chậm {suffix}");
        await phone.GetByLabel("Tốc độ đọc (tiếng/phút)").FillAsync("50");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Thêm", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator(".field-error").Filter(new() { HasText = "Tốc độ đọc phải từ 80 đến 400 tiếng/phút." })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "radio-announcer-edit-phone");
        await radio.GotoAsync($"/admin/radio/announcers");
        await Assertions.Expect(radio.Locator("table.data")).Not.ToContainTextAsync("Người đọc quá chậm");
        await radio.GetByRole(AriaRole.Link, new() { Name = $"Sửa {announcer}" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(radio, "radio-announcer-edit-desktop");
        await phone.Context.CloseAsync();

        // Build the bulletin through the builder.
        await radio.GotoAsync("/admin/radio/bulletins");
        await radio.GetByRole(AriaRole.Link, new() { Name = "Tạo bản tin" }).ClickAsync();
        await radio.GetByLabel("Tên bản tin").FillAsync($"Chuyên mục CCHC tháng 7 {suffix}");
        await radio.GetByLabel("Ngày phát").FillAsync(AirDate);
        await radio.GetByLabel("Giờ phát").FillAsync("06:30");
        await radio.GetByLabel("Thời lượng dự kiến (phút:giây)").FillAsync("5:00");
        await radio.GetByRole(AriaRole.Button, new() { Name = "Tạo bản tin" }).ClickAsync();
        await radio.WaitForURLAsync(new Regex("/admin/radio/bulletins/edit/\\d+$"));
        foreach (var title in new[] { first, second })
        {
            await radio.GetByRole(AriaRole.Button, new() { Name = $"Thêm “{title}”" }).ClickAsync();
            await Assertions.Expect(radio.Locator("ol.bulletin-items")).ToContainTextAsync(title);
        }
        await Assertions.Expect(radio.Locator("ol.bulletin-items li.bulletin-item")).ToHaveCountAsync(2);
        // "Nghe thử" is a player in the page; the public audio panel offers the upload.
        await Assertions.Expect(radio.Locator("audio[data-preview-audio]")).ToHaveAttributeAsync("preload", "none");
        await Assertions.Expect(radio.GetByLabel(new Regex("Tải lên bản ghi âm buổi phát"))).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(radio, "radio-builder-1280");
        var builderPhone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(builderPhone, "radio1", WardAppFactory.StaffPassword);
        await builderPhone.GotoAsync(radio.Url);
        await BrowserFixture.ScreenshotAsync(builderPhone, "radio-builder-360");
        await builderPhone.Context.CloseAsync();

        // Export: the DOCX opens as a Word package and carries both scripts.
        var download = await radio.RunAndWaitForDownloadAsync(() => radio.GetByRole(AriaRole.Link, new() { Name = "Tải DOCX" }).ClickAsync());
        var docx = Path.Combine(Path.GetTempPath(), $"wardcms-e2e-{suffix}.docx");
        await download.SaveAsAsync(docx);
        try
        {
            Assert.EndsWith(".docx", download.SuggestedFilename);
            var text = DocxText(docx);
            Assert.Contains(first, text);
            Assert.Contains(second, text);
            Assert.Contains("KỊCH BẢN PHÁT THANH", text);
        }
        finally
        {
            File.Delete(docx);
        }

        // Mark it aired: the form is filled from the bulletin and the announcer linked to radio1.
        await radio.GetByRole(AriaRole.Link, new() { Name = "Đánh dấu đã phát" }).ClickAsync();
        await radio.WaitForURLAsync("**/admin/radio/mark-aired?bulletinId=*");
        await Assertions.Expect(radio.GetByLabel("Ngày phát thực tế")).ToHaveValueAsync(AirDate);
        await Assertions.Expect(radio.GetByLabel("Phát thanh viên")).ToHaveValueAsync(announcer);
        await radio.GetByLabel("Thời lượng thực tế (phút:giây)").FillAsync("4:40");
        await radio.GetByRole(AriaRole.Button, new() { Name = "Ghi nhật ký" }).ClickAsync();
        await radio.WaitForURLAsync("**/admin/radio/as-run?thang=2025-07");
        await Assertions.Expect(radio.Locator("main")).ToContainTextAsync(first);
        await Assertions.Expect(radio.Locator("main")).ToContainTextAsync(announcer);

        // Citizens see it on /phat-thanh: the title once, the aired length, a padded card, at phone and desktop widths.
        foreach (var width in new[] { 360, 1280 })
        {
            var citizen = await browser.NewPageAsync(width, 900);
            await citizen.GotoAsync("/phat-thanh");
            var card = citizen.Locator(".radio-bulletins .card").Filter(new() { HasText = $"Chuyên mục CCHC tháng 7 {suffix}" });
            await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync($"Chuyên mục CCHC tháng 7 {suffix}");
            await Assertions.Expect(card).ToContainTextAsync("thời lượng 4 phút 40 giây");
            var padding = await card.Locator(".card-body").EvaluateAsync<string>("e => getComputedStyle(e).paddingLeft");
            Assert.NotEqual("0px", padding);
            await BrowserFixture.ScreenshotAsync(citizen, $"radio-public-{width}");
            await citizen.Context.CloseAsync();
        }

        await leader.ReloadAsync();
        await Assertions.Expect(cell).ToHaveTextAsync(new Regex("^2/2: .*, 2 trên 2, đạt$"));
        await Assertions.Expect(cell.Locator("xpath=following-sibling::span[contains(@class,'badge')]")).ToHaveTextAsync("đạt");
        await BrowserFixture.ScreenshotAsync(leader, "radio-quota-met-dashboard");
    }

    // Approval is issue 2's workflow, tested on its own; here two scripts simply arrive approved,
    // tagged to the plan's radio task (number 3) as an editor would tag them.
    private Task SeedApprovedScriptForRadioTaskAsync(string title, string body) => browser.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var content = sp.GetRequiredService<ContentManager>();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        var radioTask = await db.PlanTasks.Where(t => t.Plan!.SiteId == site.Id && t.Number == 3).Select(t => t.Id).SingleAsync();
        var type = (await content.FindTypeAsync(site.Id, "RadioScript"))!;
        var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
        draft.Common.Title = title;
        draft.Common.Body = body;
        draft.Route.Slug = "e2e-" + Guid.NewGuid().ToString("N")[..10];
        draft.Parts[PlanTasksPart.PartName] = new PlanTasksPart.Data { TaskIds = [radioTask] };
        draft.Parts[BroadcastPart.PartName] = new BroadcastPart.Data { AirDate = DateOnly.Parse(AirDate, System.Globalization.CultureInfo.InvariantCulture), Slot = "06:30" };
        var saved = await content.CreateAsync(site.Id, type, draft, Actor.System);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        await db.ContentItems.Where(i => i.Id == saved.Item!.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ContentStatus.Approved).SetProperty(i => i.ApprovedVersionId, i => i.LatestVersionId));
    });

    private static string DocxText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("no word/document.xml: not a DOCX");
        using var stream = entry.Open();
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var doc = XDocument.Load(stream);
        return string.Join("\n", doc.Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value))));
    }
}
