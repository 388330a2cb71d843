using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.E2E.Infrastructure;
using WardCms.Tests.Infrastructure;

namespace WardCms.E2E;

/// <summary>
/// A milestone task's evidence in the browser: the plan officer attaches a file on the dashboard,
/// takes it off again (confirming the dialog) and puts it back with "Hoàn tác".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MilestoneEvidenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task Leader_AttachesRemovesAndRestoresAnEvidenceFile_OnTheDashboard()
    {
        var (taskId, number) = await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var plan = await db.Plans.OrderByDescending(p => p.Year).FirstAsync();
            var tasks = await db.PlanTasks.Where(t => t.PlanId == plan.Id).OrderBy(t => t.Number).ToListAsync();
            var task = tasks.First(t => PlanRuleJson.Parse(t.RulesJson, t.Number).Count == 0);
            return (task.Id, task.Number);
        });
        var name = $"bien-ban-hop-{Guid.NewGuid():N}"[..21] + ".pdf";
        var leader = await browser.NewPageAsync(1280, 900);
        await browser.LoginAsync(leader, "leader1", WardAppFactory.StaffPassword);
        await leader.GotoAsync("/admin/dashboard");

        var row = leader.Locator($"tr:has(#file-{taskId})");
        await row.Locator("summary", new() { HasText = "Đính kèm tệp minh chứng" }).ClickAsync();
        await row.Locator($"#file-{taskId}").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Pdf() });
        await row.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Assertions.Expect(leader.Locator(".flash")).ToContainTextAsync($"làm minh chứng nhiệm vụ {number}");
        var link = leader.GetByRole(AriaRole.Link, new() { Name = name });
        await Assertions.Expect(link).ToBeVisibleAsync();

        // "Gỡ" asks first; the answer here is yes.
        string? asked = null;
        leader.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };
        await leader.GetByRole(AriaRole.Button, new() { Name = $"Gỡ tệp {name}" }).ClickAsync();
        await Assertions.Expect(leader.Locator(".flash")).ToContainTextAsync($"Đã gỡ tệp “{name}”");
        Assert.Contains("Có thể hoàn tác", asked);
        await Assertions.Expect(link).ToHaveCountAsync(0);
        var undo = leader.GetByRole(AriaRole.Button, new() { Name = "Hoàn tác" });
        await Assertions.Expect(undo).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(leader, "dashboard-evidence-removed-desktop");

        await undo.ClickAsync();
        await Assertions.Expect(leader.Locator(".flash")).ToContainTextAsync("trở lại minh chứng");
        await Assertions.Expect(link).ToBeVisibleAsync();

        var phone = await browser.NewPageAsync(360, 800);
        await browser.LoginAsync(phone, "leader1", WardAppFactory.StaffPassword);
        await phone.GotoAsync("/admin/dashboard");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(phone, "dashboard-evidence-phone");
    }

    private static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");
}
