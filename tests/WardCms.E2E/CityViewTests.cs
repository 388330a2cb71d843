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
/// The city's view (issue 16, item 5) as an operator of the first site sees it, at 360 and 1280 px: the
/// table of wards × tasks and a ward's read-only figures never make the page scroll sideways, and axe
/// finds nothing serious. (Only the demo ward is added to the shared portal: a second ward's plan
/// would become the "latest plan" other tests of this collection extend.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CityViewTests(BrowserFixture browser)
{
    private const string Operator = "vanhanh-e2e";

    private Task EnsureOperatorAsync() => browser.App.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByNameAsync(Operator) is not null)
            return;
        var roles = sp.GetRequiredService<RoleManager<StaffRole>>();
        var role = new StaffRole("van-hanh-e2e") { DisplayName = "Vận hành (kiểm thử)" };
        Assert.True((await roles.CreateAsync(role)).Succeeded);
        await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.AccessAdmin));
        await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.OperateSites));
        var first = await sp.GetRequiredService<WardDbContext>().Sites.OrderBy(s => s.Id).FirstAsync();
        var user = new StaffUser { UserName = Operator, FullName = "Trần Minh Vận", SiteId = first.Id, CreatedUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, WardAppFactory.StaffPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role.Name!)).Succeeded);
    });

    [Fact]
    public async Task CityView_AndAWardsReadOnlyFigures_FitAPhoneAndADesktop_AndAreAccessible()
    {
        await EnsureOperatorAsync();
        // The demo's 2025 plan run through this year, as other tests of the collection do: this month has figures.
        await WardCms.Tests.Editorial.EditorialTestData.PlanRunningThisYearAsync(browser.App);
        foreach (var (width, label) in new[] { (360, "phone"), (1280, "desktop") })
        {
            var page = await browser.NewPageAsync(width, 800);
            await browser.LoginAsync(page, Operator, WardAppFactory.StaffPassword);
            await page.GotoAsync("/admin/sites/progress");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tiến độ kế hoạch các đơn vị");
            var ward = page.Locator("table.city-progress tbody th[scope=row] a").First;
            await Assertions.Expect(ward).ToHaveTextAsync("Trang thông tin điện tử phường Hai Bà Trưng");
            await Assertions.Expect(page.Locator("table.city-progress thead th[scope=col]")).ToHaveCountAsync(3 + 15);
            await page.Locator(".task-legend summary").ClickAsync();
            await Assertions.Expect(page.Locator(".task-legend")).ToContainTextAsync("NV 5: 06 tin/bài mỗi tháng trên trang phường");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"the city's view scrolls sideways at {width} px");
            await BrowserFixture.AssertAccessibleAsync(page, $"city's view at {width} px");
            await BrowserFixture.ScreenshotAsync(page, $"tien-do-cac-don-vi-{label}");

            await ward.ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Trang thông tin điện tử phường Hai Bà Trưng");
            Assert.Equal(0, await page.Locator("main form").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"the ward's read-only view scrolls sideways at {width} px");
            await BrowserFixture.AssertAccessibleAsync(page, $"ward's read-only view at {width} px");
            await BrowserFixture.ScreenshotAsync(page, $"tien-do-mot-don-vi-{label}");
            await page.Context.CloseAsync();
        }
    }
}
