using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Tests.Infrastructure;
using WardCms.Tests.Media;

namespace WardCms.Tests.Planning;

/// <summary>Evidence files on milestone tasks: upload from the dashboard, staff-only download, listed in the DOCX report.</summary>
public abstract class MilestoneEvidenceFileTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private string MediaFolder => Path.Combine(factory.DataFolder, "media");

    private async Task<HttpClient> LoggedInAsync(string user)
    {
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user, WardAppFactory.StaffPassword)).StatusCode);
        return client;
    }

    // Task 1 of the shipped plan ("issue the ward's plan") has no quota rule: a milestone.
    private Task<(int PlanId, int TaskId, int Number)> MilestoneAsync() => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var plan = await db.Plans.OrderByDescending(p => p.Year).FirstAsync();
        var tasks = await db.PlanTasks.Where(t => t.PlanId == plan.Id).OrderBy(t => t.Number).ToListAsync();
        var task = tasks.First(t => PlanRuleJson.Parse(t.RulesJson, t.Number).Count == 0);
        return (plan.Id, task.Id, task.Number);
    });

    private Task<int> EvidenceCountAsync() =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>().CountAsync());

    private int StoredFileCount() => Directory.Exists(MediaFolder) ? Directory.GetFiles(MediaFolder, "*", SearchOption.AllDirectories).Length : 0;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int planId, int taskId, string fileName, byte[] bytes, string tokenPage)
    {
        var token = await client.GetAntiforgeryTokenAsync(tokenPage);
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(taskId.ToString()), "taskId" },
        };
        var part = new ByteArrayContent(bytes);
        // Browsers claim whatever the extension suggests; only the bytes decide.
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", fileName);
        return await client.PostAsync($"/admin/dashboard?plan={planId}&handler=EvidenceFile", form);
    }

    // Cookie auth answers a refusal with a redirect to /account/denied, which is the 403.
    private static async Task AssertDeniedAsync(HttpClient client, HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var location = res.Headers.Location!;
        Assert.StartsWith("/account/denied", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(res.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task UploadPdf_AsLeader_IsListedOnTheMilestone_DownloadsTheSameBytes_AndTheDocxNamesIt()
    {
        var (planId, taskId, number) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        var name = $"Kế hoạch đã ký {Guid.NewGuid():N}"[..24] + ".pdf";
        var pdf = MediaSamples.Pdf();

        var res = await UploadAsync(leader, planId, taskId, name, pdf, $"/admin/dashboard?plan={planId}");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var file = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>()
            .SingleAsync(f => f.PlanTaskId == taskId && f.FileName == name));
        Assert.Equal("application/pdf", file.MediaType);
        var html = WebUtility.HtmlDecode(await leader.GetStringAsync($"/admin/dashboard?plan={planId}"));
        Assert.Contains($"href=\"/admin/dashboard/evidence/{file.Id}\"", html);
        Assert.Contains(name, html);

        // Any staff member who may see the dashboard may download it.
        var reviewer = await LoggedInAsync("reviewer1");
        var download = await reviewer.GetAsync($"/admin/dashboard/evidence/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString());

        var year = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Plans.Where(p => p.Id == planId).Select(p => p.Year).FirstAsync());
        var docx = await leader.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Docx",
            new Dictionary<string, string> { ["Window"] = "custom", ["From"] = $"{year}-01-01", ["To"] = $"{year}-12-31", ["Proposals"] = "" });
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        var milestones = text[text.IndexOf("III. CÁC NHIỆM VỤ THEO MỐC THỜI GIAN", StringComparison.Ordinal)..text.IndexOf("IV. ĐỀ XUẤT", StringComparison.Ordinal)];
        Assert.Contains($"Nhiệm vụ {number} –", milestones);
        Assert.Contains(name, milestones);
    }

    [Fact]
    public async Task UploadImage_IsAccepted_AsEvidence()
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        var res = await UploadAsync(leader, planId, taskId, "doi-thoai.png", MediaSamples.Png(64, 48), $"/admin/dashboard?plan={planId}");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>()
            .AnyAsync(f => f.PlanTaskId == taskId && f.FileName == "doi-thoai.png" && f.MediaType == "image/png")));
    }

    [Theory]
    [InlineData("HTML renamed .png")]
    [InlineData("Windows executable")]
    [InlineData("empty file")]
    public async Task UploadBadContent_IsRefusedWith400AndAVietnameseMessage_AndNothingIsStored(string badCase)
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        var (fileName, bytes, message) = BadUploads.Get(badCase);
        var rowsBefore = await EvidenceCountAsync();
        var filesBefore = StoredFileCount();

        var res = await UploadAsync(leader, planId, taskId, fileName, bytes, $"/admin/dashboard?plan={planId}");

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains("field-error", html);
        Assert.Contains(bytes.Length == 0 ? "Chưa chọn tệp minh chứng" : message, html);
        Assert.Equal(rowsBefore, await EvidenceCountAsync());
        Assert.Equal(filesBefore, StoredFileCount());
    }

    [Fact]
    public async Task UploadOfficeMacroFile_DisguisedAsDocx_IsRefused()
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        var rowsBefore = await EvidenceCountAsync();
        // A zip that is neither a Word nor an Excel document.
        var zip = MediaSamples.Zip(("readme.txt", "xin chào"));
        var res = await UploadAsync(leader, planId, taskId, "bien-ban.docx", zip, $"/admin/dashboard?plan={planId}");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("Chỉ nhận PDF, Word (.docx), Excel (.xlsx) hoặc ảnh", WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync()));
        Assert.Equal(rowsBefore, await EvidenceCountAsync());
    }

    [Fact]
    public async Task Upload_ByStaffWithoutManagePlans_IsDenied_AndNothingIsStored()
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var reviewer = await LoggedInAsync("reviewer1");
        var rowsBefore = await EvidenceCountAsync();
        var filesBefore = StoredFileCount();

        // The reviewer sees no upload form, but holds a valid token (the layout's logout form): only the permission stops this.
        var res = await UploadAsync(reviewer, planId, taskId, "gia-mao.pdf", MediaSamples.Pdf(), $"/admin/dashboard?plan={planId}");

        await AssertDeniedAsync(reviewer, res);
        Assert.Equal(rowsBefore, await EvidenceCountAsync());
        Assert.Equal(filesBefore, StoredFileCount());
    }

    [Fact]
    public async Task RemoveFile_TakesItOffTheDashboardDownloadAndReport_KeepsTheBytes_AndUndoPutsItBack()
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        var name = $"gui-nham-{Guid.NewGuid():N}"[..20] + ".pdf";
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(leader, planId, taskId, name, MediaSamples.Pdf(), $"/admin/dashboard?plan={planId}")).StatusCode);
        var id = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>()
            .Where(f => f.FileName == name).Select(f => f.Id).FirstAsync());
        var filesBefore = StoredFileCount();

        var removed = await leader.PostFormAsync($"/admin/dashboard?plan={planId}", $"/admin/dashboard?plan={planId}&handler=RemoveEvidenceFile",
            new Dictionary<string, string> { ["fileId"] = id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var page = WebUtility.HtmlDecode(await leader.GetStringAsync(removed.Headers.Location!.OriginalString));
        Assert.Contains($"Đã gỡ tệp “{name}”", page);
        Assert.DoesNotContain($"href=\"/admin/dashboard/evidence/{id}\"", page);
        Assert.Contains("handler=RestoreEvidenceFile", page);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/admin/dashboard/evidence/{id}")).StatusCode);
        var progress = await factory.WithScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<PlanProgressService>();
            var plan = (await service.FindPlanAsync((await sp.GetRequiredService<WardDbContext>().Plans.FirstAsync(p => p.Id == planId)).SiteId, planId))!;
            return await service.EvaluateAsync(plan, plan.StartsOn, plan.EndsOn);
        });
        Assert.DoesNotContain(progress.Tasks.Single(t => t.Id == taskId).EvidenceFiles, f => f.Id == id);
        // Nothing is deleted: the row is marked, the bytes stay.
        var row = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>().SingleAsync(f => f.Id == id));
        Assert.NotNull(row.RemovedUtc);
        Assert.Equal("Cán bộ leader1", row.RemovedByName);
        Assert.Equal(filesBefore, StoredFileCount());

        var restored = await leader.PostFormAsync($"/admin/dashboard?plan={planId}", $"/admin/dashboard?plan={planId}&handler=RestoreEvidenceFile",
            new Dictionary<string, string> { ["fileId"] = id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/admin/dashboard/evidence/{id}")).StatusCode);
        Assert.Contains($"href=\"/admin/dashboard/evidence/{id}\"", await leader.GetStringAsync($"/admin/dashboard?plan={planId}"));
    }

    [Fact]
    public async Task RemoveFile_ByStaffWithoutManagePlans_IsDenied_AndTheFileStays()
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(leader, planId, taskId, "giu-lai.pdf", MediaSamples.Pdf(), $"/admin/dashboard?plan={planId}")).StatusCode);
        var id = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>()
            .Where(f => f.FileName == "giu-lai.pdf").OrderByDescending(f => f.Id).Select(f => f.Id).FirstAsync());

        var reviewer = await LoggedInAsync("reviewer1");
        var res = await reviewer.PostFormAsync($"/admin/dashboard?plan={planId}", $"/admin/dashboard?plan={planId}&handler=RemoveEvidenceFile",
            new Dictionary<string, string> { ["fileId"] = id.ToString() });

        await AssertDeniedAsync(reviewer, res);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>()
            .Where(f => f.Id == id).Select(f => f.RemovedUtc).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostFormAsync($"/admin/dashboard?plan={planId}", $"/admin/dashboard?plan={planId}&handler=RemoveEvidenceFile",
            new Dictionary<string, string> { ["fileId"] = (id + 100000).ToString() })).StatusCode);
    }

    [Fact]
    public async Task Download_ByEditorWithoutViewReports_IsDenied_AndAnonymousIsSentToLogin()
    {
        var (planId, taskId, _) = await MilestoneAsync();
        var leader = await LoggedInAsync("leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(leader, planId, taskId, "rieng-tu.pdf", MediaSamples.Pdf(), $"/admin/dashboard?plan={planId}")).StatusCode);
        var id = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MilestoneEvidenceFile>()
            .Where(f => f.FileName == "rieng-tu.pdf").Select(f => f.Id).FirstAsync());

        var editor = await LoggedInAsync("editor1");
        await AssertDeniedAsync(editor, await editor.GetAsync($"/admin/dashboard/evidence/{id}"));

        var anonymous = factory.CreateBrowserClient();
        var res = await anonymous.GetAsync($"/admin/dashboard/evidence/{id}");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("/account/login", res.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/admin/dashboard/evidence/{id + 100000}")).StatusCode);
    }
}

public sealed class SqliteMilestoneEvidenceFileTests(SqliteAppFactory f) : MilestoneEvidenceFileTests<SqliteAppFactory>(f);

public sealed class PostgresMilestoneEvidenceFileTests(PostgresAppFactory f) : MilestoneEvidenceFileTests<PostgresAppFactory>(f);
