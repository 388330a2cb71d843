using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;

namespace WardCms.E2E;

[Collection(BrowserCollection.Name)]
public sealed class PublicPagesTests(BrowserFixture browser)
{
    // Every public page type; item pages are looked up in the demo content at run time.
    public static IEnumerable<object[]> Pages() =>
    [
        ["/", "trang-chu"],
        ["/cchc", "cchc"],
        ["article:CchcArticle", "bai-viet"],
        ["/cchc/chu-de/mot-cua-dich-vu-cong-truc-tuyen", "chu-de"],
        ["/cam-nang", "cam-nang"],
        ["/van-ban", "van-ban"],
        ["/van-ban?loc-loai=K%E1%BA%BF+ho%E1%BA%A1ch&sap-xep=soKyHieu&chieu=tang", "van-ban-loc"],
        ["article:VanBan", "van-ban-trang"],
        ["article:HandbookEntry", "muc-cam-nang"],
        ["/tim-kiem?q=dang+ky+tam+tru", "tim-kiem"],
        ["/tim-kiem?q=zzkhongco", "tim-kiem-khong-co"],
        ["/tim-kiem?q=thu+tuc+dat+dai", "tim-kiem-co-phai"],
        ["/tim-kiem?q=dang+ky+tam+trus", "tim-kiem-goi-y"],
        ["/tim-kiem?q=ke+hoach&loai=VanBan&loc-loai=K%E1%BA%BF+ho%E1%BA%A1ch", "tim-kiem-loc-van-ban"],
        ["/phat-thanh", "phat-thanh"],
    ];

    private async Task<string> ResolveAsync(string path)
    {
        if (!path.StartsWith("article:", StringComparison.Ordinal))
        {
            return path;
        }
        var type = path["article:".Length..];
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(browser.App.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WardCms.Core.Data.WardDbContext>(scope.ServiceProvider);
        var slug = db.ContentItems.Where(i => i.ContentType == type && i.PublishedSlug != null).OrderByDescending(i => i.FirstPublishedUtc).Select(i => i.PublishedSlug).First();
        var pattern = db.ContentTypes.First(t => t.Name == type).Settings.SlugPattern!;
        await Task.CompletedTask;
        return pattern.Replace("{slug}", slug, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PublicPage_HasNoSeriousAccessibilityViolations_AtPhoneAndDesktopWidths(string path, string name)
    {
        path = await ResolveAsync(path);
        foreach (var (width, label) in new[] { (360, "phone"), (1280, "desktop") })
        {
            var page = await browser.NewPageAsync(width, 800);
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            var res = await page.GotoAsync(path);
            Assert.Equal(200, res!.Status);
            await BrowserFixture.ScreenshotAsync(page, $"{name}-{label}");
            await BrowserFixture.AssertAccessibleAsync(page, $"{path} at {width}px");
            Assert.True(errors.Count == 0, $"{path} console errors: " + string.Join("; ", errors));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Search_OnAPhone_ChoosingATypeOffersItsOwnFilters_WhichNarrowTheResults()
    {
        var page = await browser.NewPageAsync(360, 800);
        Assert.Equal(200, (await page.GotoAsync("/tim-kiem?q=ke+hoach"))!.Status);
        Assert.Equal(0, await page.Locator("#loc-loai").CountAsync());
        await page.Locator("summary", new() { HasText = "Lọc kết quả" }).ClickAsync();
        await page.Locator("#loai").SelectOptionAsync(new SelectOptionValue { Value = "VanBan" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng bộ lọc" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("loai=VanBan"));
        // The document type's own filters, each value with its count.
        var kinds = await page.Locator("#loc-loai option").AllInnerTextsAsync();
        Assert.Contains(kinds, k => k.StartsWith("Kế hoạch (", StringComparison.Ordinal));
        Assert.True(await page.Locator("#loc-coQuan").CountAsync() == 1);
        await page.Locator("#loc-loai").SelectOptionAsync(new SelectOptionValue { Value = "Kế hoạch" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng bộ lọc" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("loc-loai="));
        var links = await page.Locator(".search-hit h2 a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith("/van-ban/", l));
        Assert.Contains("loại văn bản “Kế hoạch”", await page.Locator(".result-count").InnerTextAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"));
        await BrowserFixture.ScreenshotAsync(page, "tim-kiem-loc-van-ban-chon");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Register_OnAPhone_IsAListOfLabelledRows_AndItsFiltersWork()
    {
        var page = await browser.NewPageAsync(360, 800);
        Assert.Equal(200, (await page.GotoAsync("/van-ban"))!.Status);
        // No sideways scrolling: each document is a block of labelled values.
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"));
        Assert.Equal("block", await page.Locator(".register-table tbody tr").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Equal("\"Ngày ban hành: \"", await page.Locator(".register-table td[data-label='Ngày ban hành']").First.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
        // Filtering by type is a plain form: choose, submit, the list narrows.
        await page.Locator("#loc-loai").SelectOptionAsync(new SelectOptionValue { Value = "Quyết định" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("loc-loai="));
        var rows = await page.Locator(".register-table tbody tr").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Quyết định", r));
        await BrowserFixture.ScreenshotAsync(page, "van-ban-loc-phone");
        await page.Context.CloseAsync();
    }
}
