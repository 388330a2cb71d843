using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Admin;

public abstract class SitePageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string NoticeType = """
        {
          // A type made only of existing parts: no code change needed.
          "name": "Thông báo", "site": "hai-ba-trung",
          "steps": [ { "step": "contentTypes", "contentTypes": [
            { "name": "ThongBao", "displayName": "Thông báo", "order": 9,
              "settings": { "slugPattern": "/thong-bao/{slug}", "sectionTitle": "Thông báo", "channel": "portal", "hasReview": false },
              "parts": [ { "name": "common" }, { "name": "route" }, { "name": "topics" } ] } ] } ]
        }
        """;

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string json)
    {
        var token = await client.GetAntiforgeryTokenAsync("/admin/settings");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "recipe", "cong-thuc.json");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync("/admin/settings", form);
    }

    [Fact]
    public async Task InvalidRecipe_Is400_NamesThePath_AndChangesNothing()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.CountAsync());
        var res = await UploadAsync(client, NoticeType.Replace("\"topics\"", "\"khong-co-phan-nay\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("$.steps[0].contentTypes[0].parts[2].name", html);
        Assert.Contains("không có gì thay đổi", html);
        Assert.Equal(before, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.CountAsync()));
    }

    /// <summary>A site's administrator changes that site only: a recipe for another site key, or one creating a site, is refused.</summary>
    [Theory]
    [InlineData("\"site\": \"phuong-nao-do\",", "")]
    [InlineData("", "{ \"step\": \"site\", \"key\": \"phuong-moi\", \"name\": \"Phường Mới\" }, ")]
    public async Task RecipeForAnotherSite_Is400_NamesBothSites_AndChangesNothing(string site, string firstStep)
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var sites = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.CountAsync());
        var json = NoticeType.Replace("ThongBao", "ThongBaoKhac", StringComparison.Ordinal)
            .Replace("\"site\": \"hai-ba-trung\",", site, StringComparison.Ordinal)
            .Replace("\"steps\": [ {", "\"steps\": [ " + firstStep + "{", StringComparison.Ordinal);
        Assert.DoesNotContain("hai-ba-trung", json);

        var res = await UploadAsync(client, json);

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains("công thức này dành cho trang “phuong-", html);
        Assert.Contains("(“hai-ba-trung”)", html);
        Assert.Equal(sites, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.CountAsync()));
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.AnyAsync(t => t.Name == "ThongBaoKhac")));
    }

    [Fact]
    public async Task ValidRecipe_AddsAType_ThatTheAdminListsAtOnce()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var res = await UploadAsync(client, NoticeType);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("Đã áp dụng “Thông báo”", html);
        Assert.Contains("/thong-bao/{slug}", html);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.AnyAsync(t => t.Name == "ThongBao")));
    }

    [Fact]
    public async Task BrokenRecipes_AreExplainedInVietnamese_OnTheSettingsPage()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        string[] broken =
        [
            "{ \"name\": \"x\", \"site\": \"hai-ba-trung\" \"steps\": [] }",
            NoticeType.Replace("\"order\": 9", "\"order\": \"chín\", \"slug\": \"x\"", StringComparison.Ordinal)
                .Replace("{ \"name\": \"topics\" }", "{ \"name\": \"galery\" }, { \"name\": \"route\" }", StringComparison.Ordinal),
            // Valid as a recipe; refused by Identity while applying, with the app's own error describer.
            """{ "name": "x", "site": "hai-ba-trung", "steps": [ { "step": "users", "users": [ { "userName": "moi.nguoi", "password": "123" } ] } ] }""",
        ];
        var messages = new List<string>();
        foreach (var json in broken)
        {
            var res = await UploadAsync(client, json);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            var html = await res.Content.ReadAsStringAsync();
            var alert = Regex.Match(html, @"<div class=""alert bad""[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
            messages.AddRange(Regex.Matches(alert, "<li>(.*?)</li>", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        }

        Assert.Contains(messages, m => m.Contains("dòng 1, cột 39", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("$.steps[0].contentTypes[0].order</code>: phải là một số nguyên", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Mật khẩu cần ít nhất 10 ký tự.", StringComparison.Ordinal));
        // Prose only: the path, the recipe's own quoted words and the lists of keys stay as written.
        var prose = messages.Select(m => Regex.Replace(Regex.Replace(m, "<code>.*?</code>", ""), @"""[^""]*""|\((các|các giá trị)[^)]*\)", "")).ToList();
        Assert.DoesNotContain(prose, m => Regex.IsMatch(m, @"\b(expected|must|unknown|duplicate|invalid|found|required|allowed|the|is|not|passwords?|characters?)\b", RegexOptions.IgnoreCase));
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.AnyAsync(u => u.UserName == "moi.nguoi")));
    }

    [Fact]
    public async Task SettingsPage_NamesTypesAndParts_AsStaffCallThem()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/settings"));

        var table = Regex.Match(html, @"<h2>Loại nội dung</h2>.*?</table>", RegexOptions.Singleline).Value;
        var cells = Regex.Matches(table, "<td>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Bài viết CCHC", cells);
        Assert.Contains(cells, c => c.Contains("Thông tin chung, Đường dẫn, Chủ đề, Nhiệm vụ kế hoạch", StringComparison.Ordinal));
        foreach (var code in new[] { "CchcArticle", "common", "route", "planTasks", "topics" })
        {
            Assert.DoesNotContain(cells, c => Regex.IsMatch(c, $@"\b{code}\b"));
        }
        // Where an administrator must type them (recipe files), code names stand beside the names staff use.
        Assert.Contains("<li>Bài viết CCHC: <code>CchcArticle</code></li>", html);
        Assert.Contains("<li>Thành phần Nhiệm vụ kế hoạch: <code>planTasks</code></li>", html);
    }

    [Fact]
    public async Task SystemPage_IsForAdministratorsOnly()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("leader1", WardAppFactory.StaffPassword);
        var res = await client.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.StartsWith("/account/denied", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        var info = await client.GetAsync("/admin/settings/site");
        Assert.StartsWith("/account/denied", info.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    private static List<KeyValuePair<string, string>> SiteForm(string name, string rate = "190", string months = "6", params string[] twoStep)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name), new("Input.IssuingParent", "ỦY BAN NHÂN DÂN"), new("Input.IssuingBody", "PHƯỜNG HAI BÀ TRƯNG"),
            new("Input.PlaceName", "Hai Bà Trưng"), new("Input.Tagline", "Cải cách hành chính vì người dân"),
            new("Input.ContactText", "Số 30 Lê Đại Hành\nĐường dây nóng: 024 3978 1234"), new("Input.ReadingRate", rate), new("Input.HandbookReviewMonths", months),
            new("Input.Level", "phường"), new("Input.RadioName", "hệ thống truyền thanh phường"), new("Input.DocumentCode", "UBND"),
            new("Input.ReportRecipients", "UBND Thành phố (để báo cáo);\nThường trực Đảng ủy, HĐND phường;\nLưu: VT, VH-XH."),
        };
        form.AddRange(twoStep.Select(r => new KeyValuePair<string, string>("Input.TwoStepRoles", r)));
        return form;
    }

    [Fact]
    public async Task SiteInformation_SavedFromTheAdmin_ShowsOnThePublicSiteAtOnce_AndIsRecorded()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).FirstAsync());
        var anonymous = factory.CreateBrowserClient();
        Assert.Contains(before.Name, WebUtility.HtmlDecode(await anonymous.GetStringAsync("/"))); // cached before the change
        var name = "Cổng thông tin phường Thử Nghiệm " + Guid.NewGuid().ToString("N")[..4];
        try
        {
            var saved = await client.PostFormAsync("/admin/settings/site", "/admin/settings/site", SiteForm(name, "180", "12", "leader"));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var site = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().FirstAsync(s => s.Id == before.Id));
            Assert.Equal((name, 180, 12, "leader", "Số 30 Lê Đại Hành\nĐường dây nóng: 024 3978 1234"),
                (site.Name, site.ReadingRate, site.HandbookReviewMonths, site.RequireTwoStepRoles, site.ContactText));
            Assert.Contains(name, WebUtility.HtmlDecode(await anonymous.GetStringAsync("/")));
            var page = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/settings/site"));
            Assert.Contains($"Tên trang: “{before.Name}” → “{name}”", page);
            Assert.Contains("Bắt buộc xác thực hai bước: “” → “", page);
            Assert.Contains("Đã lưu thông tin trang", page);
        }
        finally
        {
            await factory.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<WardDbContext>();
                var site = await db.Sites.FirstAsync(s => s.Id == before.Id);
                (site.Name, site.ReadingRate, site.HandbookReviewMonths, site.RequireTwoStepRoles, site.ContactText, site.Tagline, site.IssuingParent, site.IssuingBody, site.PlaceName) =
                    (before.Name, before.ReadingRate, before.HandbookReviewMonths, before.RequireTwoStepRoles, before.ContactText, before.Tagline, before.IssuingParent, before.IssuingBody, before.PlaceName);
                (site.Level, site.RadioName, site.ReportRecipients, site.DocumentCode) = (before.Level, before.RadioName, before.ReportRecipients, before.DocumentCode);
                await db.SaveChangesAsync();
                return true;
            });
        }
    }

    [Fact]
    public async Task SiteInformation_TheLongestContactTextChangedForAnother_IsSaved_AndRecordedShortened()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).FirstAsync());
        List<KeyValuePair<string, string>> With(string contact) =>
            [.. SiteForm(before.Name, before.ReadingRate.ToString(), before.HandbookReviewMonths.ToString()).Where(f => f.Key != "Input.ContactText"), new("Input.ContactText", contact)];
        try
        {
            // Two whole 4,000-character texts would not fit the change record (PostgreSQL refused it: a 500).
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/settings/site", "/admin/settings/site", With(new string('a', 4000)))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/settings/site", "/admin/settings/site", With(new string('b', 4000)))).StatusCode);
            Assert.Equal(new string('b', 4000), await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Id == before.Id).Select(s => s.ContactText).FirstAsync()));
            var last = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Sites.SiteSettingsChange>()
                .Where(c => c.SiteId == before.Id).OrderByDescending(c => c.Id).Select(c => c.Summary).FirstAsync());
            Assert.Contains($"Thông tin liên hệ: “{new string('a', 300)}…” → “{new string('b', 300)}…”", last);
        }
        finally
        {
            await factory.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<WardDbContext>();
                var site = await db.Sites.FirstAsync(s => s.Id == before.Id);
                (site.ContactText, site.Tagline, site.IssuingParent, site.IssuingBody, site.PlaceName) = (before.ContactText, before.Tagline, before.IssuingParent, before.IssuingBody, before.PlaceName);
                await db.SaveChangesAsync();
                return true;
            });
        }
    }

    /// <summary>Wording is data: the unit's own name for itself, its radio and its report's recipients, set here, are what the public pages and the report say.</summary>
    [Fact]
    public async Task SiteWording_SavedFromTheAdmin_IsWhatThePublicPagesAndTheReportSay()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).FirstAsync());
        Assert.Equal("phường", before.Level); // from the shipped recipe
        List<KeyValuePair<string, string>> form =
        [
            .. SiteForm(before.Name, before.ReadingRate.ToString(), before.HandbookReviewMonths.ToString()).Where(f => f.Key is not ("Input.Level" or "Input.RadioName" or "Input.ReportRecipients" or "Input.DocumentCode")),
            new("Input.Level", "  thị trấn "), new("Input.RadioName", "Đài truyền thanh thị trấn Thử"), new("Input.DocumentCode", "UBTT"),
            new("Input.ReportRecipients", "Sở Nội vụ (để báo cáo);\r\n\r\n  Lưu: VT.  "),
        ];
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/settings/site", "/admin/settings/site", form)).StatusCode);
            var site = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().FirstAsync(s => s.Id == before.Id));
            Assert.Equal(("thị trấn", "Đài truyền thanh thị trấn Thử", "Sở Nội vụ (để báo cáo);\nLưu: VT."), (site.Level, site.RadioName, site.ReportRecipients));

            var anonymous = factory.CreateBrowserClient();
            var article = Regex.Match(await anonymous.GetStringAsync("/cchc"), "href=\"(/cchc/[^\"/?.]+)\"").Groups[1].Value;
            var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync(article));
            Assert.Contains("Cán bộ thị trấn đọc mọi ý kiến", page);
            Assert.DoesNotContain("Cán bộ phường", page);
            Assert.Contains("Nội dung các bản tin đã phát trên Đài truyền thanh thị trấn Thử.", WebUtility.HtmlDecode(await anonymous.GetStringAsync("/phat-thanh")));

            var planId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Plans.Where(p => p.SiteId == before.Id).Select(p => p.Id).FirstAsync());
            var docx = await client.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Docx",
                new Dictionary<string, string> { ["Window"] = "custom", ["From"] = "2025-01-01", ["To"] = "2025-12-31" });
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
            var paragraphs = word.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains(paragraphs, p => p.Contains($"Số tin/bài đăng trên {before.Name}: ", StringComparison.Ordinal));
            Assert.Contains(paragraphs, p => p.Contains("Số tin/bài phát trên Đài truyền thanh thị trấn Thử: ", StringComparison.Ordinal));
            Assert.Contains(paragraphs, p => p.Contains("Sở Nội vụ (để báo cáo);", StringComparison.Ordinal));
            Assert.Contains(paragraphs, p => p.Contains("…/BC-UBTT", StringComparison.Ordinal));
            Assert.Contains("placeholder=\"…/BC-UBTT\"", WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/reports?plan={planId}")));
            Assert.DoesNotContain(paragraphs, p => p.Contains("HĐND phường", StringComparison.Ordinal));

            var history = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/settings/site"));
            Assert.Contains("Đơn vị tự gọi mình là: “phường” → “thị trấn”", history);
        }
        finally
        {
            await factory.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<WardDbContext>();
                var site = await db.Sites.FirstAsync(s => s.Id == before.Id);
                (site.Level, site.RadioName, site.ReportRecipients, site.DocumentCode) = (before.Level, before.RadioName, before.ReportRecipients, before.DocumentCode);
                await db.SaveChangesAsync();
                return true;
            });
        }
    }

    [Fact]
    public async Task Units_AddedRenamedAndRemoved_FromTheAdmin_AUnitInUseIsKept_AndEachChangeIsRecorded()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        const string page = "/admin/settings/units";
        var name = "Ban Chỉ huy Quân sự " + Guid.NewGuid().ToString("N")[..4];

        var added = await client.PostFormAsync(page, page, [new("Name", name), new("ShortName", "BCHQS")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var unit = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.AsNoTracking().SingleAsync(u => u.Name == name));
        Assert.Equal(WardCms.Core.Language.Vietnamese.Slugify(name, 64), unit.Key); // a key made from the name
        Assert.Contains(name, WebUtility.HtmlDecode(await client.GetStringAsync(page)));

        // The same key again, a bad order, an empty name: 400, each named, the typed text kept, nothing stored.
        var units = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.CountAsync());
        var bad = await client.PostFormAsync(page, page, [new("Name", "Phòng mới"), new("Key", unit.Key), new("Order", "một")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains($"Mã “{unit.Key}” đã là của “{name}”", html);
        Assert.Contains("Thứ tự: “một” không hợp lệ", html);
        Assert.Contains("value=\"Phòng mới\"", html);
        Assert.Equal(units, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.CountAsync()));

        var renamed = await client.PostFormAsync(page, page, [new("UnitId", unit.Id.ToString()), new("Name", name + " (đổi tên)"), new("ShortName", "BCH"), new("Order", "7")]);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var after = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.AsNoTracking().SingleAsync(u => u.Id == unit.Id));
        Assert.Equal((name + " (đổi tên)", "BCH", 7, unit.Key), (after.Name, after.ShortName, after.Order, after.Key));

        // A unit that staff, items and plan tasks belong to is not removed; the refusal says what refers to it.
        var vhxh = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.AsNoTracking().SingleAsync(u => u.Key == "vhxh" && u.SiteId == after.SiteId));
        var inUse = await client.PostFormAsync(page, page + "?handler=Remove", [new("UnitId", vhxh.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        var refused = WebUtility.HtmlDecode(await inUse.Content.ReadAsStringAsync());
        Assert.Matches($"Chưa xoá được “{Regex.Escape(vhxh.Name)}”: đơn vị này còn \\d+ cán bộ, \\d+ mục nội dung, \\d+ nhiệm vụ kế hoạch", refused);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.AnyAsync(u => u.Id == vhxh.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, page + "?handler=Remove", [new("UnitId", unit.Id.ToString())])).StatusCode);
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Units.AnyAsync(u => u.Id == unit.Id)));
        var history = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Sites.SiteSettingsChange>()
            .Where(c => c.Area == "Đơn vị").OrderBy(c => c.Id).Select(c => c.Summary).ToListAsync());
        Assert.Contains($"Thêm đơn vị “{name}” (mã {unit.Key})", history);
        Assert.Contains(history, h => h.Contains($"tên “{name}” → “{name} (đổi tên)”", StringComparison.Ordinal));
        Assert.Contains($"Xoá đơn vị “{name} (đổi tên)” (mã {unit.Key})", history);

        // Not for an editor.
        var editor = factory.CreateBrowserClient();
        await editor.LoginAsync("editor1", WardAppFactory.StaffPassword);
        Assert.StartsWith("/account/denied", (await editor.GetAsync(page)).Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Topics_AddedRenamedAndRemoved_FromTheAdmin_ATopicInUseIsKept()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        const string page = "/admin/settings/topics";
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var name = $"Đất đai và xây dựng {suffix}";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, page, [new("Name", name), new("Description", "Thủ tục đất đai, xây dựng.")])).StatusCode);
        var term = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Terms.AsNoTracking().SingleAsync(t => t.Name == name));
        Assert.Equal($"dat-dai-va-xay-dung-{suffix}", term.Slug);
        Assert.Equal(term.Slug, term.Key);
        // Its public topic page answers at once.
        var topicPage = await factory.CreateBrowserClient().GetAsync($"/cchc/chu-de/{term.Slug}");
        Assert.Equal(HttpStatusCode.OK, topicPage.StatusCode);
        Assert.Contains(name, WebUtility.HtmlDecode(await topicPage.Content.ReadAsStringAsync()));

        var bad = await client.PostFormAsync(page, page, [new("Name", "Trùng đường dẫn"), new("Slug", term.Slug), new("Order", "-1")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains($"Đường dẫn “{term.Slug}” đã là của chủ đề “{name}”", html);
        Assert.Contains("Thứ tự: “-1” không hợp lệ", html);
        Assert.Contains("value=\"Trùng đường dẫn\"", html);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, page, [new("TermId", term.Id.ToString()), new("Name", name + " (sửa)"), new("Description", ""), new("Order", "3")])).StatusCode);
        var after = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Terms.AsNoTracking().SingleAsync(t => t.Id == term.Id));
        Assert.Equal((name + " (sửa)", "", 3, term.Slug), (after.Name, after.Description, after.Order, after.Slug));

        // Topic "e" is carried by demo articles and filtered by a plan rule: kept, and the refusal says so.
        var e = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Terms.AsNoTracking().FirstAsync(t => t.Key == "e" && t.TaxonomyId == term.TaxonomyId));
        var inUse = await client.PostFormAsync(page, page + "?handler=Remove", [new("TermId", e.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Matches($"Chưa xoá được “{Regex.Escape(e.Name)}”: còn \\d+ mục nội dung mang chủ đề này", WebUtility.HtmlDecode(await inUse.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, page + "?handler=Remove", [new("TermId", term.Id.ToString())])).StatusCode);
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Terms.AnyAsync(t => t.Id == term.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page + "?danh-muc=khong-co")).StatusCode);
    }

    [Fact]
    public async Task SiteInformation_BadValues_Are400_EachNamed_TypedTextKept_NothingStored()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).FirstAsync());
        var changes = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Sites.SiteSettingsChange>().CountAsync());

        List<KeyValuePair<string, string>> form =
        [
            .. SiteForm("  ", "hai trăm", "99", "khong-co").Where(f => f.Key != "Input.ReportRecipients"),
            new("Input.ReportRecipients", string.Join("\n", Enumerable.Range(1, 16).Select(i => $"Nơi nhận {i};"))),
        ];
        var res = await client.PostFormAsync("/admin/settings/site", "/admin/settings/site", form);

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains("Nhập tên trang.", html);
        Assert.Contains("Tốc độ đọc: “hai trăm” không hợp lệ; nhập số nguyên từ 60 đến 600 tiếng/phút.", html);
        Assert.Contains("Chu kỳ rà soát cẩm nang: “99” không hợp lệ; nhập số nguyên từ 1 đến 60 tháng.", html);
        Assert.Contains("Vai trò không tồn tại: khong-co.", html);
        Assert.Contains("Nơi nhận báo cáo có 16 dòng; tối đa 15 dòng.", html);
        Assert.Contains("Nơi nhận 16;", html);
        Assert.Contains("value=\"hai trăm\"", html);
        Assert.Contains("Cải cách hành chính vì người dân", html); // the other typed values come back too
        var after = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.AsNoTracking().FirstAsync(s => s.Id == before.Id));
        Assert.Equal((before.Name, before.ReadingRate, before.Tagline), (after.Name, after.ReadingRate, after.Tagline));
        Assert.Equal(changes, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Sites.SiteSettingsChange>().CountAsync()));
    }
}

public sealed class SqliteSitePageTests(SqliteAppFactory f) : SitePageTests<SqliteAppFactory>(f);

public sealed class PostgresSitePageTests(PostgresAppFactory f) : SitePageTests<PostgresAppFactory>(f);
