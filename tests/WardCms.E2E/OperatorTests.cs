using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// The city's IT centre (issue 16, platform operators), in Chromium: on a phone the operator creates a
/// commune's site from a recipe file, adds its administrator (the one-time link is shown), suspends
/// the site (a citizen on its address sees the Vietnamese notice) and opens it again; the sites list,
/// a site's page and the new-site form at 360 and 1280 px, axe-clean, never scrolling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorTests(BrowserFixture browser)
{
    private const string Host = "xa-minh-phu.test";
    private const string Recipe = """
        {
          "name": "Xã Minh Phú",
          "steps": [
            { "step": "site", "key": "xa-minh-phu", "name": "Trang thông tin điện tử xã Minh Phú", "level": "xã",
              "issuingParent": "ỦY BAN NHÂN DÂN", "issuingBody": "XÃ MINH PHÚ", "placeName": "Minh Phú", "documentCode": "UBND" },
            { "step": "units", "units": [{ "key": "vp", "name": "Văn phòng HĐND và UBND xã", "shortName": "VP", "order": 1 }] },
          ],
        }
        """;

    private static async Task FitsAsync(IPage page, string what)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{what} scrolls sideways");
        await BrowserFixture.AssertAccessibleAsync(page, what);
    }

    [Fact]
    public async Task Operator_CreatesACommuneOnAPhone_GivesItAnAdministrator_SuspendsAndReopensIt()
    {
        await browser.App.WithScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<StaffRole>>();
            var role = new StaffRole("operator") { DisplayName = "Vận hành hệ thống" };
            Assert.True((await roles.CreateAsync(role)).Succeeded);
            Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.AccessAdmin))).Succeeded);
            Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.OperateSites))).Succeeded);
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var home = await sp.GetRequiredService<WardDbContext>().Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var op = new StaffUser { UserName = "vanhanh", FullName = "Trần Minh Quân", SiteId = home, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(op, WardAppFactory.StaffPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(op, "operator")).Succeeded);
            return 0;
        });
        var recipeFile = Path.Combine(Path.GetTempPath(), $"xa-minh-phu-{Guid.NewGuid():N}.recipe.json");
        await File.WriteAllTextAsync(recipeFile, Recipe);

        var phone = await browser.NewPageAsync(360, 780);
        await browser.LoginAsync(phone, "vanhanh", WardAppFactory.StaffPassword);
        await phone.GotoAsync("/admin/sites");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Các trang của thành phố");
        await FitsAsync(phone, "the sites list at 360 px");
        await BrowserFixture.ScreenshotAsync(phone, "van-hanh-cac-trang-phone");

        // A new commune from its recipe file, on its own address.
        await phone.GetByRole(AriaRole.Link, new() { Name = "Tạo trang mới" }).ClickAsync();
        await FitsAsync(phone, "the new-site form at 360 px");
        await BrowserFixture.ScreenshotAsync(phone, "van-hanh-tao-trang-phone");
        await phone.GetByLabel("Tệp công thức (.json)").SetInputFilesAsync(recipeFile);
        await phone.GetByLabel("Địa chỉ của trang").FillAsync(Host);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Tạo trang", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator(".flash")).ToContainTextAsync("Đã tạo trang “Trang thông tin điện tử xã Minh Phú”");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Trang thông tin điện tử xã Minh Phú");
        var sitePage = new Uri(phone.Url).PathAndQuery;

        // Its first administrator: the one-time link is on the commune's address.
        await phone.GetByLabel("Tên đăng nhập").FillAsync("qt-minhphu");
        await phone.GetByLabel("Họ tên").FillAsync("Lê Thị Hoa");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Thêm quản trị viên" }).ClickAsync();
        var link = await phone.GetByLabel("Liên kết đặt mật khẩu").InputValueAsync();
        Assert.StartsWith($"http://{Host}/account/reset?u=", link, StringComparison.Ordinal);
        await FitsAsync(phone, "a site's page at 360 px");
        await BrowserFixture.ScreenshotAsync(phone, "van-hanh-trang-phone");

        // Suspended: a citizen on the commune's address sees the notice; reopened, the portal is back.
        await phone.GotoAsync(sitePage);
        await phone.GetByLabel("Lý do").FillAsync("Tạm ngừng để cập nhật giao diện theo Quyết định 25/QĐ-UBND");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Tạm ngừng trang" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".flash")).ToContainTextAsync("Đã tạm ngừng trang");
        var citizen = await browser.NewPageAsync(360, 780, browser.UrlOn(Host));
        var closed = await citizen.GotoAsync("/");
        Assert.Equal(503, closed!.Status);
        await Assertions.Expect(citizen.Locator("h1")).ToHaveTextAsync("Trang thông tin điện tử này đang tạm ngừng hoạt động");
        await BrowserFixture.AssertAccessibleAsync(citizen, "the suspended notice");
        await BrowserFixture.ScreenshotAsync(citizen, "trang-tam-ngung-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Mở lại trang" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".flash")).ToContainTextAsync("Trang đã hoạt động trở lại");
        Assert.Equal(200, (await citizen.GotoAsync("/"))!.Status);
        await Assertions.Expect(phone.Locator(".timeline")).ToContainTextAsync("Tạm ngừng hoạt động. Lý do: Tạm ngừng để cập nhật giao diện");

        // The same screens on a desktop.
        var desk = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(desk, "vanhanh", WardAppFactory.StaffPassword);
        foreach (var (path, name) in new[] { ("/admin/sites", "van-hanh-cac-trang"), ("/admin/sites/new", "van-hanh-tao-trang"), (sitePage, "van-hanh-trang") })
        {
            await desk.GotoAsync(path);
            await FitsAsync(desk, $"{path} at 1280 px");
            await BrowserFixture.ScreenshotAsync(desk, name + "-desktop");
        }
        File.Delete(recipeFile);
    }
}
