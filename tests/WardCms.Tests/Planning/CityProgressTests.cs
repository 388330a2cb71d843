using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Recipes;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;

namespace WardCms.Tests.Planning;

/// <summary>
/// The city's view (issue 16, item 5): the demo ward and a second ward made from the same recipe (so
/// the same task numbers), and the City CCHC page, in one deployment. An operator of the first site
/// (a role granting OperateSites) sees both wards and not the city page, each with its own figures for
/// the month, the same as the ward's own dashboard; a ward's administrator is refused.
/// </summary>
public abstract partial class CityProgressTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string Operator = "vanhanh1";
    private const string WardA = "Trang thông tin điện tử phường Hai Bà Trưng";
    private const string WardB = "Trang thông tin điện tử phường An Khánh";
    private const string CityPage = "Trang thông tin CCHC thành phố Hà Nội";
    private const string CityRecipe = """
        {
          "name": "Trang CCHC Thành phố",
          "steps": [
            { "step": "site", "key": "trang-cchc-thanh-pho", "name": "Trang thông tin CCHC thành phố Hà Nội", "kind": "cityPage",
              "issuingParent": "UBND THÀNH PHỐ HÀ NỘI", "issuingBody": "SỞ NỘI VỤ", "level": "Sở" },
            { "step": "units", "units": [{ "key": "bbt", "name": "Ban biên tập Trang CCHC", "shortName": "BBT", "order": 1 }] },
          ],
        }
        """;

    private static readonly DateOnly Today = PeriodCalculator.LocalDate(DateTimeOffset.UtcNow);
    private static readonly string Month = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static readonly SemaphoreSlim Setup = new(1, 1);

    /// <summary>
    /// Once per database: ward B from the ward recipe, the city page, both wards' plans run through this
    /// year; this month two task-5 articles published in ward A and one in ward B. Ward A's milestones
    /// are left undone (five of them overdue), ward B's all done, so A is the ward at risk.
    /// </summary>
    private async Task<(int A, int B, int City)> EnsureAsync()
    {
        await Setup.WaitAsync();
        try
        {
            var existing = await factory.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<WardDbContext>();
                return await db.Sites.Where(s => s.Key == "an-khanh").Select(s => (int?)s.Id).FirstOrDefaultAsync();
            });
            if (existing is null)
            {
                await factory.WithScopeAsync(async sp =>
                {
                    var recipes = sp.GetRequiredService<RecipeApplier>();
                    var ward = (await File.ReadAllTextAsync(WardCms.Tests.Recipes.RecipeTestHost.RepoFile("recipes", "hai-ba-trung.recipe.json")))
                        .Replace("\"key\": \"hai-ba-trung\"", "\"key\": \"an-khanh\"", StringComparison.Ordinal)
                        .Replace($"\"name\": \"{WardA}\"", $"\"name\": \"{WardB}\"", StringComparison.Ordinal);
                    await recipes.AddSiteAsync(ward, "an-khanh.test");
                    await recipes.AddSiteAsync(CityRecipe, "cchc.hanoi.test");

                    var db = sp.GetRequiredService<WardDbContext>();
                    var yearEnd = new DateOnly(Today.Year, 12, 31);
                    foreach (var plan in await db.Plans.ToListAsync())
                        plan.EndsOn = plan.EndsOn < yearEnd ? yearEnd : plan.EndsOn;
                    var b = await db.Sites.SingleAsync(s => s.Key == "an-khanh");
                    foreach (var task in await db.PlanTasks.Include(t => t.Plan).ToListAsync())
                        task.DoneUtc = task.Plan!.SiteId == b.Id && task.RulesJson == "[]" ? DateTime.UtcNow : null;
                    await db.SaveChangesAsync();

                    var roles = sp.GetRequiredService<RoleManager<StaffRole>>();
                    var role = new StaffRole("van-hanh") { DisplayName = "Vận hành (kiểm thử)" };
                    Assert.True((await roles.CreateAsync(role)).Succeeded);
                    await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.AccessAdmin));
                    await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.OperateSites));
                    var users = sp.GetRequiredService<UserManager<StaffUser>>();
                    var first = await db.Sites.OrderBy(s => s.Id).FirstAsync();
                    var user = new StaffUser { UserName = Operator, FullName = "Cán bộ vận hành", SiteId = first.Id, CreatedUtc = DateTime.UtcNow };
                    Assert.True((await users.CreateAsync(user, WardAppFactory.StaffPassword)).Succeeded);
                    Assert.True((await users.AddToRoleAsync(user, "van-hanh")).Succeeded);
                });
                await PublishAsync("hai-ba-trung", "Bài tháng này của phường A thứ nhất");
                await PublishAsync("hai-ba-trung", "Bài tháng này của phường A thứ hai");
                await PublishAsync("an-khanh", "Bài tháng này của phường B");
            }
            return await factory.WithScopeAsync(async sp =>
            {
                var sites = await sp.GetRequiredService<WardDbContext>().Sites.ToDictionaryAsync(s => s.Key, s => s.Id);
                return (sites["hai-ba-trung"], sites["an-khanh"], sites["trang-cchc-thanh-pho"]);
            });
        }
        finally
        {
            Setup.Release();
        }
    }

    // A CCHC article of the site tagged to its task 5, published now through the ContentManager.
    private Task PublishAsync(string siteKey, string title) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var content = sp.GetRequiredService<ContentManager>();
        var site = await db.Sites.SingleAsync(s => s.Key == siteKey);
        var type = await db.ContentTypes.AsNoTracking().SingleAsync(t => t.SiteId == site.Id && t.Name == "CchcArticle");
        var task5 = await db.PlanTasks.Where(t => t.Plan!.SiteId == site.Id && t.Number == 5).Select(t => t.Id).ToListAsync();
        var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
        draft.Common.Title = title;
        draft.Common.Summary = "Tóm tắt " + title;
        draft.Common.Body = "Nội dung về cải cách hành chính.";
        draft.Parts[PlanTasksPart.PartName] = new PlanTasksPart.Data { TaskIds = task5 };
        var created = await content.CreateAsync(site.Id, type, draft, Actor.System);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        await content.PublishAsync(created.Item!.Id, Actor.System);
        return 0;
    });

    private async Task<HttpClient> OperatorAsync()
    {
        await EnsureAsync();
        return await LoggedInAsync(factory, Operator);
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var res = await client.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)res.StatusCode} {res.Headers.Location}");
        return WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
    }

    /// <summary>The table's rows in order: the ward's name, then each cell's text by its label.</summary>
    private static List<(string Ward, Dictionary<string, string> Cells)> Rows(string html)
    {
        var body = Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(row =>
        {
            var ward = Regex.Match(row.Groups[1].Value, "<th scope=\"row\">\\s*<a href=\"[^\"]+\">([^<]+)</a>").Groups[1].Value;
            var cells = Regex.Matches(row.Groups[1].Value, "<td data-label=\"([^\"]+)\"[^>]*>(.*?)</td>", RegexOptions.Singleline)
                .ToDictionary(m => m.Groups[1].Value, m => Text(m.Groups[2].Value));
            return (ward, cells);
        })];
    }

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), "\\s+", " ").Trim();

    [Fact]
    public async Task CityView_ShowsEachUnitWardsOwnMonthFigures_AsItsDashboardDoes_AndNotTheCityPage()
    {
        var client = await OperatorAsync();

        var html = await HtmlAsync(client, "/admin/sites/progress");

        Assert.Contains("<h1>Tiến độ kế hoạch các đơn vị</h1>", html);
        Assert.Contains($"value=\"{Month}\"", html); // this month (Vietnam time) by default
        Assert.Contains($"<caption>Tiến độ kế hoạch tháng {Today.Month}/{Today.Year}", html);
        Assert.Contains("<th scope=\"col\"><span class=\"task-no\">NV 5</span> <span class=\"task-name\">06 tin/bài mỗi tháng trên trang phường</span></th>", html);
        var rows = Rows(html);
        Assert.Equal(new[] { WardA, WardB }.Order(StringComparer.Ordinal), rows.Select(r => r.Ward).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(CityPage, html);
        var a = rows.Single(r => r.Ward == WardA).Cells;
        var b = rows.Single(r => r.Ward == WardB).Cells;
        Assert.StartsWith("2/6 ", a["NV 5"]);
        Assert.EndsWith("thiếu 4", a["NV 5"]);
        Assert.StartsWith("1/6 ", b["NV 5"]);
        Assert.EndsWith("thiếu 5", b["NV 5"]);
        // Task 4's rule ran to December 2025: nothing to judge this month, in either ward.
        Assert.Equal("— không áp dụng trong tháng", a["NV 4"]);
        // Ward A's milestones are undone and past due; ward B's are done.
        Assert.StartsWith("quá hạn", a["NV 1"]);
        Assert.Equal("đã hoàn thành", b["NV 1"]);
        // Thiếu: tasks 3, 5, 7 and 8 short this month in both; ward A also has five milestones overdue.
        Assert.Equal("9", a["Thiếu"]);
        Assert.Equal("4", b["Thiếu"]);

        // The same figure and status as on ward A's own dashboard (its leader, on its own host).
        var dashboard = WebUtility.HtmlDecode(await (await LoggedInAsync(factory, "leader1")).GetStringAsync($"/admin/dashboard?year={Today.Year}"));
        var own = Regex.Match(dashboard, $"nhiệm vụ 5, tháng {Today.Month}/{Today.Year}, ([0-9]+) trên 6, ([^<]+)</span>");
        Assert.True(own.Success, "task 5's cell of this month is not on ward A's dashboard");
        Assert.Equal($"2/6 {own.Groups[2].Value} thiếu 4", a["NV 5"]);
    }

    [Fact]
    public async Task CityView_RanksWardsAtRiskFirst_AndSortsByShortOrByName_OnTheServer()
    {
        var client = await OperatorAsync();

        var byRisk = Rows(await HtmlAsync(client, $"/admin/sites/progress?thang={Month}"));
        var byShort = Rows(await HtmlAsync(client, $"/admin/sites/progress?thang={Month}&sap-xep=thieu"));
        var byNameHtml = await HtmlAsync(client, $"/admin/sites/progress?thang={Month}&sap-xep=ten");
        var byName = Rows(byNameHtml);

        // A: five milestones overdue; B: none, so A is the ward at risk and has more tasks short.
        Assert.Equal([WardA, WardB], byRisk.Select(r => r.Ward));
        Assert.Equal([WardA, WardB], byShort.Select(r => r.Ward));
        Assert.Equal([WardB, WardA], byName.Select(r => r.Ward)); // "An Khánh" before "Hai Bà Trưng"
        Assert.True(int.Parse(byRisk[0].Cells["Nguy cơ"], CultureInfo.InvariantCulture) > int.Parse(byRisk[1].Cells["Nguy cơ"], CultureInfo.InvariantCulture));
        Assert.Contains("sắp xếp theo tên đơn vị", byNameHtml);
        Assert.Contains("aria-sort=\"ascending\"><a href=\"/admin/sites/progress?thang=" + Month + "&sap-xep=ten\">Đơn vị</a>", byNameHtml);
        // The XLSX link keeps the month and the order.
        Assert.Contains($"href=\"/admin/sites/progress.xlsx?thang={Month}&sap-xep=ten\"", byNameHtml);
    }

    [Fact]
    public async Task CityView_AnotherMonth_AMonthBeforeThePlans_AndABadMonth()
    {
        var client = await OperatorAsync();

        // January of this year: nothing was published then in either ward for task 5.
        var january = Rows(await HtmlAsync(client, $"/admin/sites/progress?thang={Today.Year}-01"));
        Assert.All(january, r => Assert.StartsWith(Today.Month == 1 ? "" : "0/6 không đạt", r.Cells["NV 5"]));

        // Before the plans begin: no plan covers May 2024, and each row says so.
        var before = await HtmlAsync(client, "/admin/sites/progress?thang=2024-05");
        Assert.Equal(2, Regex.Matches(before, "Chưa có kế hoạch cho tháng 5/2024").Count);
        Assert.Contains("2 đơn vị chưa có kế hoạch cho tháng 5/2024", before);
        var (_, b, _) = await EnsureAsync();
        Assert.Contains("Đơn vị chưa có kế hoạch áp dụng cho tháng 5/2024.", await HtmlAsync(client, $"/admin/sites/progress/{b}?thang=2024-05"));

        var bad = await client.GetAsync("/admin/sites/progress?thang=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Tháng “2026-13” không hợp lệ", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/admin/sites/progress.xlsx?thang=thang-nay")).StatusCode);
    }

    [Fact]
    public async Task Xlsx_ReadBack_HasEveryWardAndTask_InThePagesOrder()
    {
        var client = await OperatorAsync();

        var res = await client.GetAsync($"/admin/sites/progress.xlsx?thang={Month}&sap-xep=ten");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", res.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"tien-do-ke-hoach-cac-don-vi-{Month}.xlsx", res.Content.Headers.ContentDisposition!.ToString());
        using var book = SpreadsheetDocument.Open(new MemoryStream(await res.Content.ReadAsByteArrayAsync()), false);
        var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal([$"Tháng {Today.Month:00}-{Today.Year}", "Nhiệm vụ"], sheets);
        var table = SheetCells(book, sheets[0]);
        var header = table[0];
        Assert.Equal(["Đơn vị", "Thiếu", "Nguy cơ", "Kế hoạch"], header.Take(4));
        Assert.Equal(Enumerable.Range(1, 15).Select(n => $"NV {n}."), header.Skip(4).Select(h => h[..h.IndexOf('.', StringComparison.Ordinal)] + "."));
        Assert.Equal("NV 5. 06 tin/bài mỗi tháng trên trang phường", header[4 + 4]);
        Assert.Equal([WardB, WardA], table.Skip(1).Select(r => r[0]));
        var a = table.Single(r => r[0] == WardA);
        var b = table.Single(r => r[0] == WardB);
        Assert.Equal("9", a[1]); // a number cell, sortable in Excel
        Assert.Equal("4", b[1]);
        Assert.StartsWith("2/6, ", a[8]);
        Assert.EndsWith(", thiếu 4", a[8]);
        Assert.StartsWith("1/6, ", b[8]);
        Assert.StartsWith("quá hạn (hạn ", a[4]);
        Assert.DoesNotContain(table, r => r[0] == CityPage);
        var tasks = SheetCells(book, "Nhiệm vụ");
        Assert.Equal(["5", "06 tin/bài mỗi tháng trên trang phường", "2"], tasks[5]);
    }

    [Fact]
    public async Task WardRow_OpensThatWardsFigures_ReadOnly_OnTheOperatorsSite()
    {
        var (a, b, city) = await EnsureAsync();
        var client = await LoggedInAsync(factory, Operator);
        var list = await HtmlAsync(client, "/admin/sites/progress");
        Assert.Contains($"<a href=\"/admin/sites/progress/{b}?thang={Month}\">{WardB}</a>", list);

        var html = await HtmlAsync(client, $"/admin/sites/progress/{b}?thang={Month}");

        Assert.Contains($"<h1>{WardB}</h1>", html);
        Assert.Contains($"nhiệm vụ 5, tháng {Today.Month}/{Today.Year}, 1 trên 6", html);
        Assert.DoesNotContain($"nhiệm vụ 5, tháng {Today.Month}/{Today.Year}, 2 trên 6", html);
        Assert.Contains("Nhiệm vụ theo mốc thời gian", html);
        var main = Regex.Match(html, "<main.*?</main>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(main);
        Assert.DoesNotContain("<form", main, StringComparison.OrdinalIgnoreCase);
        // No way into the ward's own admin from here: its pages would open the operator's own site.
        Assert.DoesNotContain("/admin/workflow", main);
        Assert.DoesNotContain("/admin/dashboard", main);
        Assert.DoesNotContain("/admin/reports", main);

        var ownA = await HtmlAsync(client, $"/admin/sites/progress/{a}?thang={Month}");
        Assert.Contains($"nhiệm vụ 5, tháng {Today.Month}/{Today.Year}, 2 trên 6", ownA);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/sites/progress/{city}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/sites/progress/999999")).StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("leader1")]
    public async Task WardStaffWithoutOperateSites_AreRefused(string user)
    {
        var (_, b, _) = await EnsureAsync();
        var client = await LoggedInAsync(factory, user);

        foreach (var url in new[] { "/admin/sites/progress", "/admin/sites/progress.xlsx", $"/admin/sites/progress/{b}" })
        {
            var res = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            Assert.StartsWith("/account/denied", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
        var anonymous = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/admin/sites/progress");
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A sheet as rows of cell texts by column (empty cells are empty strings).</summary>
    private static List<List<string>> SheetCells(SpreadsheetDocument book, string name)
    {
        var sheet = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!.Value!);
        var strings = book.WorkbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return [.. part.Worksheet.Descendants<Row>().Select(r =>
        {
            var cells = new List<string>();
            foreach (var c in r.Elements<Cell>())
            {
                var column = ColumnIndex(c.CellReference!.Value!);
                while (cells.Count < column)
                    cells.Add("");
                cells.Add(c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.InlineString?.InnerText ?? c.CellValue?.Text ?? "");
            }
            return cells;
        })];
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
            index = index * 26 + (ch - 'A' + 1);
        return index - 1;
    }
}

public sealed class SqliteCityProgressTests(SqliteAppFactory f) : CityProgressTests<SqliteAppFactory>(f);

public sealed class PostgresCityProgressTests(PostgresAppFactory f) : CityProgressTests<PostgresAppFactory>(f);

/// <summary>What the city's view evaluates and how a cell reads: plain rules, no database.</summary>
public sealed class CityProgressRulesTests
{
    private static readonly Plan Plan2026 = new() { Key = "k", Title = "Kế hoạch", Year = 2026, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31) };

    private static QuotaRuleSpec Rule(QuotaPeriodKind period, QuotaMetric metric = QuotaMetric.Count) =>
        new() { Key = "5.1", Minimum = 6, Period = period, Event = CountingEventKind.PublishedOnPortal, Metric = metric };

    [Fact]
    public void Range_MonthlyRules_IsTheMonth()
    {
        var range = CityProgress.Range(Plan2026, [[Rule(QuotaPeriodKind.Month)]], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 10));
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), range);
    }

    [Fact]
    public void Range_AWeekThatBeganLastMonth_AndAQuarter_AreEvaluatedWhole_WithinThePlansSpan()
    {
        // 1 March 2026 is a Sunday: its ISO week began on Monday 23 February.
        var week = CityProgress.Range(Plan2026, [[Rule(QuotaPeriodKind.Week)]], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 1));
        Assert.Equal((new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 31)), week);
        var quarter = CityProgress.Range(Plan2026, [[Rule(QuotaPeriodKind.Quarter)]], new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), quarter);
        var year = CityProgress.Range(Plan2026, [[Rule(QuotaPeriodKind.Year)]], new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), new DateOnly(2026, 1, 5));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), year);
    }

    [Fact]
    public void Cell_ReadsFigureStatusAndShortfall_AndCountsAsShortOnlyOnceThePeriodHasBegun()
    {
        var march = PeriodCalculator.Containing(QuotaPeriodKind.Month, new DateOnly(2026, 3, 1));
        PeriodResult Period(decimal achieved, QuotaStatus status) => new(march, march.Start, march.End, 6, achieved, [], 0, [], 10, status);

        var atRisk = new CityCell([new CityQuota(Rule(QuotaPeriodKind.Month), Period(4, QuotaStatus.AtRisk))], null);
        Assert.Equal("4/6, có nguy cơ, thiếu 2", atRisk.Text);
        Assert.True(atRisk.IsShort);
        Assert.True(atRisk.IsAtRisk);
        var met = new CityCell([new CityQuota(Rule(QuotaPeriodKind.Month), Period(7, QuotaStatus.Met))], null);
        Assert.Equal("7/6, đạt", met.Text);
        Assert.False(met.IsShort);
        var future = new CityCell([new CityQuota(Rule(QuotaPeriodKind.Month), Period(0, QuotaStatus.NotStarted))], null);
        Assert.Equal("0/6, chưa đến kỳ", future.Text);
        Assert.False(future.IsShort);
        var minutes = new CityCell([new CityQuota(Rule(QuotaPeriodKind.Month, QuotaMetric.AirTimeMinutes), Period(2.5m, QuotaStatus.OnTrack))], null);
        Assert.Equal("2,5/6 phút, đang tiến triển, thiếu 3,5 phút", minutes.Text);
        var overdue = new CityCell([], new MilestoneResult(MilestoneStatus.Overdue, new DateOnly(2026, 2, 13), 1, 1, 0));
        Assert.Equal("quá hạn (hạn 13/02/2026)", overdue.Text);
        Assert.True(overdue.IsShort);
    }
}
