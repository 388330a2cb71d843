using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WardCms.E2E.Infrastructure;

namespace WardCms.E2E;

[Collection(BrowserCollection.Name)]
public sealed class PublicPagesTests(BrowserFixture browser)
{
    public static IEnumerable<object[]> Pages() =>
    [
        ["/", "trang-chu"],
        ["/cchc", "cchc"],
        ["/cam-nang", "cam-nang"],
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PublicPage_HasNoSeriousAccessibilityViolations_AtPhoneAndDesktopWidths(string path, string name)
    {
        foreach (var (width, label) in new[] { (360, "phone"), (1280, "desktop") })
        {
            var page = await browser.NewPageAsync(width, 800);
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            var res = await page.GotoAsync(path);
            Assert.Equal(200, res!.Status);
            await BrowserFixture.ScreenshotAsync(page, $"{name}-{label}");
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)").ToList();
            Assert.True(serious.Count == 0, $"{path} at {width}px: " + string.Join("; ", serious));
            Assert.True(errors.Count == 0, $"{path} console errors: " + string.Join("; ", errors));
            await page.Context.CloseAsync();
        }
    }
}
