using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>A leader's own account in Chromium: two-step sign-in turned on from the phone, then used.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountTests(BrowserFixture browser)
{
    [Fact]
    public async Task Leader_TurnsOnTwoStepSignIn_AndSignsInWithTheAppsCode()
    {
        // A leader of its own, so no other test meets the second step.
        var name = "lanh.dao." + Guid.NewGuid().ToString("N")[..6];
        using (var scope = browser.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var site = scope.ServiceProvider.GetRequiredService<WardDbContext>().Sites.OrderBy(s => s.Id).First().Id;
            var user = new StaffUser { UserName = name, FullName = "Phạm Quang Lãnh", SiteId = site, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, WardAppFactory.StaffPassword)).Succeeded);
            await users.AddToRoleAsync(user, "leader");
        }

        // The desktop first: the phone then turns two-step sign-in on, after which the password alone no longer signs in.
        foreach (var (width, label) in new[] { (1280, "desktop"), (360, "phone") })
        {
            var page = await browser.NewPageAsync(width, 800);
            await browser.LoginAsync(page, name, WardAppFactory.StaffPassword);
            await page.GetByRole(AriaRole.Link, new() { Name = "Phạm Quang Lãnh" }).ClickAsync();
            await page.WaitForURLAsync("**/account/me");
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"));
            await BrowserFixture.ScreenshotAsync(page, $"tai-khoan-{label}");
            await BrowserFixture.AssertAccessibleAsync(page);
            if (label == "phone")
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
                await page.WaitForURLAsync("**/account/two-step");
                await Assertions.Expect(page.Locator("img.qr")).ToBeVisibleAsync();
                Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"));
                await BrowserFixture.ScreenshotAsync(page, "xac-thuc-hai-buoc-bat-phone");
                await BrowserFixture.AssertAccessibleAsync(page);
                var key = await page.Locator("code.secret-key").InnerTextAsync();
                await page.GetByLabel("Nhập mã 6 chữ số ứng dụng hiển thị").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
                await page.GetByRole(AriaRole.Button, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
                await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
                await BrowserFixture.ScreenshotAsync(page, "xac-thuc-hai-buoc-ma-du-phong-phone");

                // Signed out, the password alone leads to the code step; the app's code signs in.
                await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
                await page.WaitForURLAsync("**/account/login");
                await page.GetByLabel("Tên đăng nhập").FillAsync(name);
                await page.GetByLabel("Mật khẩu").FillAsync(WardAppFactory.StaffPassword);
                await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
                await page.WaitForURLAsync(new Regex("/account/login-two-step"));
                await BrowserFixture.ScreenshotAsync(page, "dang-nhap-hai-buoc-phone");
                await BrowserFixture.AssertAccessibleAsync(page);
                await page.GetByLabel("Mã 6 chữ số trong ứng dụng xác thực").FillAsync("000000");
                await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
                await Assertions.Expect(page.Locator(".alert.bad")).ToContainTextAsync("Mã không đúng");
                await page.GetByLabel("Mã 6 chữ số trong ứng dụng xác thực").FillAsync(Totp.Code(key.Replace(" ", ""), DateTimeOffset.UtcNow));
                await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
                await page.WaitForURLAsync(new Regex("/admin$"));
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Phạm Quang Lãnh" })).ToBeVisibleAsync();
            }
            await page.Context.CloseAsync();
        }
    }
}
