using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace WardCms.Tests.Planning;

/// <summary>Dashboard, API, DOCX report and XLSX annex show the same figures, computed by PlanProgressService.</summary>
public abstract partial class PlanFiguresAgreeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private static readonly DateOnly Today = PeriodCalculator.LocalDate(DateTimeOffset.UtcNow);
    private static readonly DateOnly MonthStart = new(Today.Year, Today.Month, 1);
    private static readonly DateOnly MonthEnd = MonthStart.AddMonths(1).AddDays(-1);

    /// <summary>
    /// The latest plan, running through this year: these tests count this month's items, and a plan is
    /// judged only within its own span (the demo's 2025 plan would show nothing for 2026).
    /// </summary>
    private Task<int> PlanIdAsync() => PlanRunningThisYearAsync(factory);

    private async Task<decimal> DashboardTask5ThisMonthAsync(HttpClient client, int planId)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/dashboard?plan={planId}&year={Today.Year}"));
        var m = Regex.Match(html, $"nhiệm vụ 5, tháng {Today.Month}/{Today.Year}, ([0-9,]+) trên 6");
        Assert.True(m.Success, "task 5 cell for this month not found on the dashboard");
        return decimal.Parse(m.Groups[1].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(decimal Achieved, List<int> Ids)> ApiTask5Async(HttpClient client, int planId)
    {
        var res = await client.GetAsync($"/api/plans/{planId}/progress?from={MonthStart:yyyy-MM-dd}&to={MonthEnd:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var task = doc.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "5");
        var period = task.GetProperty("rules")[0].GetProperty("periods").EnumerateArray().Single();
        Assert.Equal($"{Today.Year}-{Today.Month:00}", period.GetProperty("key").GetString());
        return (period.GetProperty("achieved").GetDecimal(), [.. period.GetProperty("countedItemIds").EnumerateArray().Select(x => x.GetInt32())]);
    }

    [Fact]
    public async Task PublishedTask5Article_RaisesTheDashboardCell_AndApiDocxAndXlsxShowTheSameFigures()
    {
        var planId = await PlanIdAsync();
        var leader = await LoggedInAsync(factory, "leader1");
        var before = await DashboardTask5ThisMonthAsync(leader, planId);
        var title = "Bài đếm cho nhiệm vụ 5 " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", title, 5, 8);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "editor1"), id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);

        var dashboard = await DashboardTask5ThisMonthAsync(leader, planId);
        Assert.Equal(before + 1, dashboard);

        var (cookieAchieved, ids) = await ApiTask5Async(leader, planId);
        Assert.Equal(dashboard, cookieAchieved);
        Assert.Contains(id, ids);

        var token = await CreateTokenAsync(leader, "Kiểm thử");
        var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(dashboard, (await ApiTask5Async(bearer, planId)).Achieved);

        var reportFields = new Dictionary<string, string> { ["Window"] = "custom", ["From"] = $"{MonthStart:yyyy-MM-dd}", ["To"] = $"{MonthEnd:yyyy-MM-dd}", ["Proposals"] = "Đề nghị bổ sung kinh phí." };
        var docx = await leader.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Docx", reportFields);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            var text = body.InnerText;
            Assert.Contains("ỦY BAN NHÂN DÂN", text);
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
            Assert.Contains("Kết quả thực hiện công tác thông tin, tuyên truyền CCHC", text);
            Assert.Contains("Đề nghị bổ sung kinh phí.", text);
            Assert.Contains("Times New Roman", word.MainDocumentPart.Document.OuterXml + word.MainDocumentPart.StyleDefinitionsPart?.Styles?.OuterXml);
            var margin = body.Descendants<W.PageMargin>().First();
            Assert.InRange((int)margin.Left!.Value, 1700, 1702); // 30 mm
            Assert.InRange((int)margin.Right!.Value, 850, 851);  // 15 mm
            var row = body.Descendants<W.Table>().SelectMany(t => t.Elements<W.TableRow>())
                .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).First(c => c[0] == "5");
            Assert.Equal(dashboard.ToString("0"), row[3]);
        }

        var xlsx = await leader.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Xlsx", reportFields);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var names = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal("Tổng hợp", names[0]);
        Assert.Contains("NV5", names);
        Assert.Contains("NV8", names);
        var nv5 = SheetTexts(book, "NV5");
        Assert.Equal((int)dashboard, nv5.Count(r => r.Count > 1 && r[0] == "5"));
        Assert.Contains(nv5, r => r.Contains(title));
        Assert.Contains(SheetTexts(book, "Tổng hợp"), r => r.Contains(title) && r[0] == "8");
        // Channels read in Vietnamese, not as the recipe's keys.
        Assert.Contains(nv5, r => r.Contains("Trang thông tin điện tử"));
        Assert.DoesNotContain(SheetTexts(book, "Tổng hợp"), r => r.Contains("portal"));
    }

    [Fact]
    public async Task CityPagePosting_RecordedOnTheItem_CountsForTask4InItsMonth()
    {
        var planId = await PlanIdAsync();
        var id = await CreateArticleAsync(factory, "editor1", "Bài gửi Trang CCHC Thành phố " + Guid.NewGuid().ToString("N")[..6], 4);
        // Only a published item's posting is recorded (the City page carries public text).
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "leader1"), id, ContentStatus.Published)).StatusCode);
        var editor = await LoggedInAsync(factory, "editor1");
        var bad = await editor.PostFormAsync($"/admin/workflow/citypage?id={id}", $"/admin/workflow/citypage?id={id}",
            [new("PostedOn", "2025-09-10"), new("Link", "khong-phai-link")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("http://", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        var ok = await editor.PostFormAsync($"/admin/workflow/citypage?id={id}", $"/admin/workflow/citypage?id={id}",
            [new("PostedOn", "2025-09-10"), new("Link", "https://cchc.hanoi.gov.vn/bai-viet/1")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var leader = await LoggedInAsync(factory, "leader1");
        using var doc = JsonDocument.Parse(await leader.GetStringAsync($"/api/plans/{planId}/progress?from=2025-09-01&to=2025-09-30"));
        var task4 = doc.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "4");
        var september = task4.GetProperty("rules")[0].GetProperty("periods").EnumerateArray().Single();
        Assert.Equal(1m, september.GetProperty("achieved").GetDecimal());
        Assert.Equal([id], september.GetProperty("countedItemIds").EnumerateArray().Select(x => x.GetInt32()));
    }

    [Fact]
    public async Task PlansApi_ListsTheSitesPlans_WithTheirSpanAndState_AndNeedsCredentials()
    {
        var planId = await PlanIdAsync();
        // Before: the address answered with the HTML 404 page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/plans")).StatusCode);
        var res = await (await LoggedInAsync(factory, "leader1")).GetAsync("/api/plans");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/json", res.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var today = DateOnly.Parse(doc.RootElement.GetProperty("today").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var plan = doc.RootElement.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == planId);
        // The span as stored (PlanIdAsync runs the demo plan through this year for the other tests).
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Plans.AsNoTracking().FirstAsync(p => p.Id == planId));
        Assert.Equal(("cchc-2025", "2025-01-01", stored.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            (plan.GetProperty("key").GetString(), plan.GetProperty("startsOn").GetString(), plan.GetProperty("endsOn").GetString()));
        Assert.Equal(today > stored.EndsOn ? "ended" : today < stored.StartsOn ? "upcoming" : "current", plan.GetProperty("state").GetString());
        Assert.Equal($"/api/plans/{planId}/progress", plan.GetProperty("progress").GetString());
    }

    [Fact]
    public async Task APlanIsJudgedOnlyWithinItsSpan_DashboardApiAndReportsSayWhenAskedOutsideIt()
    {
        var planId = await PlanIdAsync();
        var span = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.StartsOn, p.EndsOn }).FirstAsync());
        var later = span.EndsOn.Year + 1;
        var leader = await LoggedInAsync(factory, "leader1");

        // The year after the plan: no grid of "không đạt", a sentence saying why and where to look.
        var dashboard = WebUtility.HtmlDecode(await leader.GetStringAsync($"/admin/dashboard?plan={planId}&year={later}"));
        Assert.Contains($"năm {later} nằm ngoài thời gian của kế hoạch", dashboard);
        Assert.DoesNotContain("class=\"data quota-grid\"", dashboard);
        Assert.DoesNotContain("không đạt", dashboard);

        // The API: a range outside the span is a 400 problem; one that reaches into it is judged from the plan's first day.
        var outside = await leader.GetAsync($"/api/plans/{planId}/progress?from={later}-01-01&to={later}-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType!.MediaType);
        Assert.Contains("nằm ngoài", JsonDocument.Parse(await outside.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        var before = span.StartsOn.AddMonths(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var into = JsonDocument.Parse(await leader.GetStringAsync($"/api/plans/{planId}/progress?from={before}&to={span.StartsOn.AddMonths(2):yyyy-MM-dd}")).RootElement;
        Assert.Equal(span.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), into.GetProperty("from").GetString());

        // A report for a period outside the plan is refused with the reason, never a 500.
        var report = await leader.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Preview",
            [new("Window", "custom"), new("From", $"{later}-01-01"), new("To", $"{later}-03-31")]);
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.Contains("nằm ngoài thời gian của kế hoạch", WebUtility.HtmlDecode(await report.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Api_WithoutCredentials_Is401_WithARevokedToken_Is401()
    {
        var planId = await PlanIdAsync();
        var anonymous = factory.CreateClient();
        await AssertProblemAsync(await anonymous.GetAsync($"/api/plans/{planId}/progress"), HttpStatusCode.Unauthorized, "Chưa xác thực");

        var leader = await LoggedInAsync(factory, "leader1");
        var token = await CreateTokenAsync(leader, "Sẽ thu hồi");
        var tokenId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Security.ApiToken>()
            .Where(t => t.TokenHash == WardCms.Core.Security.ApiToken.Hash(token)).Select(t => t.Id).FirstAsync());
        var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/plans/{planId}/progress")).StatusCode);

        var revoke = await leader.PostFormAsync("/admin/tokens", $"/admin/tokens?handler=Revoke&id={tokenId}", []);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await AssertProblemAsync(await bearer.GetAsync($"/api/plans/{planId}/progress"), HttpStatusCode.Unauthorized, "Chưa xác thực");
    }

    /// <summary>What docs/api.md promises for every refusal under /api: problem details in Vietnamese, never the HTML error page.</summary>
    private static async Task AssertProblemAsync(HttpResponseMessage res, HttpStatusCode status, string title)
    {
        Assert.Equal(status, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Equal((int)status, doc.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(title, doc.RootElement.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Api_RefusalsAreProblemDetails_ForCookiesAndBrowsersToo_WhileAdminPagesStillRedirectToLogin()
    {
        var planId = await PlanIdAsync();
        // A browser asks for HTML first; the API still answers in problem details.
        var browser = factory.CreateBrowserClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        await AssertProblemAsync(await browser.GetAsync($"/api/plans/{planId}/progress"), HttpStatusCode.Unauthorized, "Chưa xác thực");
        await AssertProblemAsync(await browser.GetAsync("/api/khong-co"), HttpStatusCode.NotFound, "Không tìm thấy");
        await AssertProblemAsync(await browser.GetAsync("/api/search?q=a%00b"), HttpStatusCode.BadRequest, "Yêu cầu không hợp lệ");
        var login = await browser.GetAsync("/admin/content");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!;
        Assert.StartsWith("/account/login", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);

        // Signed in with the cookie, without ViewReports.
        var editor = await LoggedInAsync(factory, "editor1");
        await AssertProblemAsync(await editor.GetAsync($"/api/plans/{planId}/progress"), HttpStatusCode.Forbidden, "Không có quyền");
        await AssertProblemAsync(await (await LoggedInAsync(factory, "leader1")).GetAsync("/api/plans/999999/progress"), HttpStatusCode.NotFound, "Không tìm thấy kế hoạch");
    }

    [Fact]
    public async Task ControlCharactersStoredBeforeInputWasCleaned_StillGiveAValidDocxReportAndXlsxAnnex()
    {
        var planId = await PlanIdAsync();
        var leader = await LoggedInAsync(factory, "leader1");
        var mark = Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", "Bài có ký tự điều khiển " + mark, 5);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "editor1"), id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);
        // As data saved before input was cleaned: Word's Shift+Enter, a bell, an escape, U+FFFF.
        var dirty = $"Bài có\u000Bký tự\u0007 điều khiển\u001B\uFFFF {mark}";
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            await db.ContentVersions.Where(v => v.ContentItemId == id).ExecuteUpdateAsync(u => u.SetProperty(v => v.Title, dirty));
            await db.ContentItems.Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Title, dirty));
        });

        var fields = new Dictionary<string, string> { ["Window"] = "custom", ["From"] = $"{MonthStart:yyyy-MM-dd}", ["To"] = $"{MonthEnd:yyyy-MM-dd}", ["Proposals"] = "Đề nghị\u000B bổ sung\u0000 kinh phí." };
        var xlsx = await leader.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Xlsx", fields);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Contains(SheetTexts(book, "NV5"), r => r.Contains($"Bài có\nký tự điều khiển {mark}"));
        }
        var docx = await leader.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Docx", fields);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("bổ sung kinh phí.", word.MainDocumentPart!.Document.Body!.InnerText);
    }

    [Fact]
    public async Task Api_TokenOfAnEditorWithoutViewReports_Is403()
    {
        var editor = await LoggedInAsync(factory, "editor1");
        var token = await CreateTokenAsync(editor, "Biên tập");
        var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await AssertProblemAsync(await bearer.GetAsync($"/api/plans/{await PlanIdAsync()}/progress"), HttpStatusCode.Forbidden, "Không có quyền");
    }

    [Theory]
    [InlineData("from=2025-13-01", "'from'")]
    [InlineData("from=2025-03-01&to=31/03/2025", "'to'")]
    [InlineData("from=2025-04-01&to=2025-03-01", "'from'")]
    public async Task Api_BadDates_Are400ProblemDetailsNamingTheParameter(string query, string named)
    {
        var leader = await LoggedInAsync(factory, "leader1");
        var res = await leader.GetAsync($"/api/plans/{await PlanIdAsync()}/progress?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_UnknownPlan_Is404()
    {
        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/api/plans/999999/progress")).StatusCode);
    }

    [Fact]
    public async Task Inbox_ShowsTheReviewerWhatWaits_AndTheAuthorWhatWasSentBack()
    {
        var title = "Bài chờ trong hộp việc " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", title, 5);
        var editor = await LoggedInAsync(factory, "editor1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        var reviewer = await LoggedInAsync(factory, "reviewer1");
        var inbox = await reviewer.GetStringAsync("/admin/inbox");
        Assert.Contains("Chờ bạn duyệt", inbox);
        Assert.Contains(title, inbox);

        await MoveAsync(reviewer, id, ContentStatus.Draft, comment: "Thiếu ảnh minh họa.");
        var mine = await editor.GetStringAsync("/admin/inbox");
        Assert.Contains("Bị trả lại cho bạn", mine);
        Assert.Contains("Thiếu ảnh minh họa.", mine);
        Assert.DoesNotContain($">{title}</a>", await reviewer.GetStringAsync("/admin/inbox"));
    }

    [Fact]
    public async Task AuditPage_FiltersByItem_ForAdminsOnly()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài xem nhật ký " + Guid.NewGuid().ToString("N")[..6], 5);
        var admin = await LoggedInAsync(factory, "admin");
        var html = await admin.GetStringAsync($"/admin/audit?item={id}");
        Assert.Contains("Cán bộ editor1", html);
        Assert.Contains("1 mục.", html);
        var editor = await LoggedInAsync(factory, "editor1");
        var denied = await editor.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> CreateTokenAsync(HttpClient client, string name)
    {
        var res = await client.PostFormAsync("/admin/tokens", "/admin/tokens?handler=Create", [new("Name", name)]);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var m = TokenRegex().Match(await res.Content.ReadAsStringAsync());
        Assert.True(m.Success, "the new token is shown once");
        return m.Groups[1].Value;
    }

    private static List<List<string>> SheetTexts(SpreadsheetDocument book, string name)
    {
        var sheet = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!.Value!);
        var strings = book.WorkbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text)] : c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())];
    }

    [GeneratedRegex("id=\"new-token\">([^<]+)<")]
    private static partial Regex TokenRegex();
}

public sealed class SqlitePlanFiguresAgreeTests(SqliteAppFactory f) : PlanFiguresAgreeTests<SqliteAppFactory>(f);

public sealed class PostgresPlanFiguresAgreeTests(PostgresAppFactory f) : PlanFiguresAgreeTests<PostgresAppFactory>(f);
