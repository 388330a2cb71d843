using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Recipes;
using WardCms.Core.Security;

namespace WardCms.Tests.Recipes;

public class RecipeApplierTests : IAsyncLifetime
{
    private RecipeTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RecipeTestHost.SqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Apply_CreatesEverythingTheRecipeDeclares()
    {
        var result = await _host.ApplyAsync(TestRecipes.Site);

        Assert.Equal(0, result.Updated);
        Assert.Equal("thu-nghiem", result.SiteKey);
        var article = await _host.WithDbAsync(db => db.ContentItems.SingleAsync(i => i.Slug == "bai-mot"));
        Assert.Equal(ContentStatus.Published, article.Status);
        Assert.Equal(new DateTime(2025, 3, 12, 2, 0, 0, DateTimeKind.Utc), article.FirstPublishedUtc);
        var handbook = await _host.WithDbAsync(db => db.ContentItems.SingleAsync(i => i.Slug == "muc-mot"));
        Assert.Equal(ContentStatus.Draft, handbook.Status);
        Assert.Equal(1, await _host.WithDbAsync(db => db.ContentItemTerms.CountAsync(t => t.ContentItemId == article.Id && t.Published)));
        Assert.Equal(1, await _host.WithDbAsync(db => db.ContentItemPlanTasks.CountAsync(t => t.ContentItemId == article.Id && t.Published)));
        var version = await _host.WithDbAsync(db => db.ContentVersions.SingleAsync(v => v.ContentItemId == article.Id));
        Assert.Equal("## Mở đầu\n\nNội dung bài một.", version.Body);
    }

    [Fact]
    public async Task Users_AreCreatedWithoutPasswordAndWithTheirRoles()
    {
        await _host.ApplyAsync(TestRecipes.Site);

        await _host.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByNameAsync("btv.vhxh");
            Assert.NotNull(user);
            Assert.Null(user.PasswordHash);
            Assert.Equal(["editor"], await users.GetRolesAsync(user));
            Assert.NotNull(user.UnitId);
            return 0;
        });
    }

    [Fact]
    public async Task ApplyingTwice_ChangesNothing()
    {
        await _host.ApplyAsync(TestRecipes.Site);
        var before = await _host.CountRowsAsync();

        var again = await _host.ApplyAsync(TestRecipes.Site);

        Assert.Equal(before, await _host.CountRowsAsync());
        Assert.Equal(0, again.Created);
        Assert.Equal(0, again.Updated);
    }

    [Fact]
    public async Task ChangedRecipe_UpdatesByKey()
    {
        await _host.ApplyAsync(TestRecipes.Site);
        var changed = TestRecipes.Site
            .Replace("\"name\": \"Phòng Văn hoá – Xã hội\", \"order\": 1", "\"name\": \"Phòng Văn hóa – Xã hội\", \"order\": 1", StringComparison.Ordinal)
            .Replace("[\"AccessAdmin\", \"EditContent\"]", "[\"AccessAdmin\", \"ManageMedia\"]", StringComparison.Ordinal)
            .Replace("\"title\": \"Bài một\"", "\"title\": \"Bài một (sửa)\"", StringComparison.Ordinal)
            .Replace("\"text\": \"01 tin/bài đất đai mỗi tháng\"", "\"text\": \"Ít nhất 01 tin/bài về đất đai mỗi tháng\"", StringComparison.Ordinal);
        var rowsBefore = await _host.CountRowsAsync();

        var result = await _host.ApplyAsync(changed);

        Assert.Equal(0, result.Created);
        Assert.Equal(4, result.Updated);
        Assert.Equal(rowsBefore.Replace("versions=2", "versions=3", StringComparison.Ordinal), await _host.CountRowsAsync());
        Assert.Equal("Phòng Văn hóa – Xã hội", await _host.WithDbAsync(db => db.Units.Where(u => u.Key == "vhxh").Select(u => u.Name).SingleAsync()));
        Assert.Equal(["AccessAdmin", "ManageMedia"], await _host.WithDbAsync(db => db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!).OrderBy(c => c).ToListAsync()));
        var article = await _host.WithDbAsync(db => db.ContentItems.SingleAsync(i => i.Slug == "bai-mot"));
        Assert.Equal("Bài một (sửa)", article.Title);
        Assert.Equal(article.LatestVersionId, article.PublishedVersionId);
        // The date citizens see stays the first publication's.
        Assert.Equal(new DateTime(2025, 3, 12, 2, 0, 0, DateTimeKind.Utc), article.FirstPublishedUtc);
        Assert.Equal("Ít nhất 01 tin/bài về đất đai mỗi tháng", await _host.WithDbAsync(db => db.PlanTasks.Where(t => t.Number == 8).Select(t => t.Text).SingleAsync()));
    }

    [Fact]
    public async Task RequireTwoStepFor_IsStoredOnTheSite_AndAnEmptyListRequiresItOfNoOne()
    {
        string With(string roles) => TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            $"\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", \"requireTwoStepFor\": [{roles}] }}", StringComparison.Ordinal);
        await _host.ApplyAsync(With("\"editor\""));
        Assert.Equal("editor", await _host.WithDbAsync(db => db.Sites.Select(s => s.RequireTwoStepRoles).SingleAsync()));
        await _host.ApplyAsync(TestRecipes.Site); // without the key: kept
        Assert.Equal("editor", await _host.WithDbAsync(db => db.Sites.Select(s => s.RequireTwoStepRoles).SingleAsync()));
        await _host.ApplyAsync(With(""));
        Assert.Equal("", await _host.WithDbAsync(db => db.Sites.Select(s => s.RequireTwoStepRoles).SingleAsync()));
    }

    [Fact]
    public async Task SiteWording_IsStoredOnTheSite_AndKeptWhenARecipeLeavesItOut()
    {
        var wording = TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            "\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", \"level\": \"xã\", \"radioName\": \"Đài truyền thanh xã\", \"reportRecipients\": [\"UBND Thành phố;\", \"Lưu: VT.\"] }", StringComparison.Ordinal);
        Assert.Contains("radioName", wording);
        await _host.ApplyAsync(wording);
        var site = await _host.WithDbAsync(db => db.Sites.SingleAsync());
        Assert.Equal(("xã", "Đài truyền thanh xã", "UBND Thành phố;\nLưu: VT."), (site.Level, site.RadioName, site.ReportRecipients));
        Assert.Equal(["UBND Thành phố;", "Lưu: VT."], site.ReportRecipientLines);
        Assert.Equal("Xã", site.SelfNameAtStart);
        await _host.ApplyAsync(TestRecipes.Site); // without the keys: kept
        Assert.Equal("xã", await _host.WithDbAsync(db => db.Sites.Select(s => s.Level).SingleAsync()));
    }

    [Fact]
    public void SiteWording_LeftOut_ReadsAsAUnitWithItsRecordKept()
    {
        var site = new WardCms.Core.Sites.Site { Key = "k", Name = "Trang" };
        Assert.Equal(("đơn vị", "Đơn vị", "hệ thống truyền thanh đơn vị"), (site.SelfName, site.SelfNameAtStart, site.RadioTitle));
        Assert.Equal(["Lưu: VT."], site.ReportRecipientLines);
    }

    [Fact]
    public async Task ReApplying_DoesNotRepublishWhatALeaderTookDown_AndAuditsWhatTheRecipePublishes()
    {
        await _host.ApplyAsync(TestRecipes.Site);
        var id = await _host.WithDbAsync(db => db.ContentItems.Where(i => i.Slug == "bai-mot").Select(i => i.Id).SingleAsync());
        Task<int?> PublishedVersionAsync() => _host.WithDbAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.PublishedVersionId).SingleAsync());

        // The recipe's own taking down and putting back are its decisions, audited under its name.
        var asDraft = TestRecipes.Site.Replace("\"tasks\": [5], \"publishedAt\": \"2025-03-12T09:00:00+07:00\" }", "\"tasks\": [5], \"status\": \"draft\" }", StringComparison.Ordinal);
        Assert.Contains("\"status\": \"draft\"", asDraft);
        await _host.ApplyAsync(asDraft);
        Assert.Null(await PublishedVersionAsync());
        await _host.ApplyAsync(TestRecipes.Site);
        Assert.NotNull(await PublishedVersionAsync());

        // A leader takes it down ("Gỡ bài"), as the workflow records it; a re-run leaves it down.
        await _host.WithScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<WardCms.Core.Content.ContentManager>();
            var editorial = sp.GetRequiredService<WardCms.Core.Editorial.EditorialService>();
            var item = await content.UnpublishAsync(id, new WardCms.Core.Content.Actor("leader-id", "Lãnh đạo"));
            await editorial.AuditAsync(item, WardCms.Core.Editorial.WorkflowAction.Unpublished, WardCms.Core.Content.ContentStatus.Published, item.Status, "leader-id", "Lãnh đạo", "Số liệu đã cũ.", default);
            return true;
        });
        await _host.ApplyAsync(TestRecipes.Site);
        Assert.Null(await PublishedVersionAsync());

        var trail = await _host.WithDbAsync(db => db.Set<WardCms.Core.Editorial.AuditEntry>().Where(a => a.ContentItemId == id && a.Action != "Saved").OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.UserName }).ToListAsync());
        Assert.Equal(["Published", "Unpublished", "Published", "Unpublished"], trail.Select(a => a.Action));
        Assert.Equal(["Công thức (recipe)", "Công thức (recipe)", "Công thức (recipe)", "Lãnh đạo"], trail.Select(a => a.UserName));
    }

    [Fact]
    public async Task InvalidRecipe_AppliesNothing()
    {
        await _host.ApplyAsync(TestRecipes.Site);
        var before = await _host.CountRowsAsync();
        var invalid = TestRecipes.Site
            .Replace("\"key\": \"kthtdt\"", "\"key\": \"moi\"", StringComparison.Ordinal)
            .Replace("\"title\": \"Bài một\"", "\"title\": \"\"", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _host.ApplyAsync(invalid));

        Assert.Contains(ex.Errors, e => e.Path == "$.steps[7].content[0].title");
        Assert.Equal(before, await _host.CountRowsAsync());
    }

    [Fact]
    public async Task FailureWhileApplying_RollsBackEveryStep()
    {
        // Valid as a recipe, refused by Identity at the users step: units and roles were already written by then.
        var weak = TestRecipes.Site.Replace("\"roles\": [\"editor\"] }", "\"roles\": [\"editor\"], \"password\": \"123\" }", StringComparison.Ordinal);
        var before = await _host.CountRowsAsync();

        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _host.ApplyAsync(weak));

        Assert.Contains(ex.Errors, e => e.Path == "$.steps[3].users[0].password" && e.Message == "Mật khẩu cần ít nhất 10 ký tự.");
        Assert.Equal(before, await _host.CountRowsAsync());
    }

    /// <summary>Words of the English messages the engine once gave (and of System.Text.Json's and Identity's own).</summary>
    private static readonly System.Text.RegularExpressions.Regex English = new(
        @"\b(expected|must|unknown|duplicate|invalid|found|required|allowed|should|cannot|the|is|not|does|passwords?|characters?|part|site|step)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    public static TheoryData<string, string> BrokenRecipes => new()
    {
        { "syntax", "{\n  \"name\": \"x\",\n  \"steps\": [ { \"step\": \"units\" \"units\": [] } ]\n}" },
        { "unterminated", "{ \"name\": \"x\", \"steps\": [" },
        { "not an object", "[1, 2]" },
        { "no site", """{ "name": "x", "steps": [] }""" },
        { "types and typos", TestRecipes.Site
            .Replace("\"order\": 1 }", "\"order\": \"một\" }", StringComparison.Ordinal)
            .Replace("\"slugPattern\": \"/cchc/{slug}\"", "\"slugPatern\": \"/cchc/{slug}\", \"hasReview\": \"có\"", StringComparison.Ordinal)
            .Replace("\"year\": 2025,", "\"year\": 1999, \"startsOn\": \"31/03/2025\",", StringComparison.Ordinal)
            .Replace("\"publishedAt\": \"2025-03-12T09:00:00+07:00\"", "\"publishedAt\": \"2025-03-12 09:00\"", StringComparison.Ordinal)
            .Replace("\"title\": \"Mục một\"", "\"title\": 5", StringComparison.Ordinal)
            .Replace("\"step\": \"taxonomies\"", "\"step\": \"taxonomy\"", StringComparison.Ordinal) },
        { "references", TestRecipes.Site
            .Replace("[\"AccessAdmin\", \"EditContent\"]", "[\"AccessAdmin\", \"EditEverything\", 3]", StringComparison.Ordinal)
            .Replace("\"unit\": \"vhxh\", \"roles\": [\"editor\"]", "\"unit\": \"nope\", \"roles\": [\"boss\"]", StringComparison.Ordinal)
            .Replace("\"btv@example.invalid\"", "\"btv\"", StringComparison.Ordinal)
            .Replace("{ \"name\": \"handbook\" }", "{ \"name\": \"galery\" }, { \"name\": \"route\" }", StringComparison.Ordinal)
            .Replace("\"period\": \"month\"", "\"period\": \"fortnight\", \"filters\": { \"units\": [\"nope\"], \"tasks\": [99] }", StringComparison.Ordinal)
            .Replace("\"topics\": [\"e\"], \"tasks\": [5]", "\"topics\": [\"zz\"], \"tasks\": [42], \"status\": \"draft\"", StringComparison.Ordinal) },
        { "duplicates and shapes", TestRecipes.Site
            .Replace("\"key\": \"kthtdt\"", "\"key\": \"vhxh\"", StringComparison.Ordinal)
            .Replace("\"slug\": \"muc-mot\"", "\"slug\": \"Bai Mot\"", StringComparison.Ordinal)
            .Replace("\"number\": 8,", "\"number\": 5,", StringComparison.Ordinal)
            .Replace("\"name\": \"CchcArticle\"", "\"name\": \"cchc-article\"", StringComparison.Ordinal)
            .Replace("{ \"name\": \"common\" }, { \"name\": \"route\" }, { \"name\": \"handbook\" }", "{ \"name\": \"route\" }, { \"name\": \"handbook\" }, { \"name\": \"handbook\" }", StringComparison.Ordinal) },
        { "part data", TestRecipes.Site
            .Replace("{ \"chapter\": \"Hộ tịch\", \"order\": 1 }", "{ \"chapter\": \"\", \"order\": \"đầu tiên\" }", StringComparison.Ordinal) },
        { "part rules", TestRecipes.Site
            .Replace("{ \"chapter\": \"Hộ tịch\", \"order\": 1 }", "{ \"chapter\": \"\", \"order\": 1, \"reviewMonths\": 99 }, \"media\": {}", StringComparison.Ordinal) },
        { "weak password", TestRecipes.Site.Replace("\"roles\": [\"editor\"] }", "\"roles\": [\"editor\"], \"password\": \"123\" }", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(BrokenRecipes))]
    public async Task BrokenRecipe_IsExplainedInVietnamese(string name, string json)
    {
        var ex = await Assert.ThrowsAsync<RecipeValidationException>(() => _host.ApplyAsync(json));

        Assert.NotEmpty(ex.Errors);
        var english = ex.Errors.Where(e => English.IsMatch(WithoutQuoted(e.Message))).ToList();
        Assert.True(english.Count == 0, $"{name}: English on screen:\n{string.Join("\n", english)}");
        Assert.DoesNotMatch(English, WithoutQuoted(ex.Message.Split('\n')[0]));
    }

    /// <summary>The recipe's own words ("slugPatern") and the lists of allowed keys are not prose.</summary>
    private static string WithoutQuoted(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"""[^""]*""|\((các|các giá trị)[^)]*\)|\$[.\w\[\]]*", "");

    [Fact]
    public async Task NewContentType_DeclaredInARecipe_WorksWithoutCode()
    {
        await _host.ApplyAsync(TestRecipes.Site);
        await _host.ApplyAsync("""
            {
              "name": "Thông báo",
              "site": "thu-nghiem",
              "steps": [
                { "step": "contentTypes", "contentTypes": [
                    { "name": "ThongBao", "displayName": "Thông báo", "order": 4,
                      "settings": { "slugPattern": "/thong-bao/{slug}", "sectionTitle": "Thông báo", "channel": "portal", "hasReview": false },
                      "parts": [{ "name": "common" }, { "name": "route" }, { "name": "topics" }] },
                ] },
              ],
            }
            """);

        var item = await _host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardCms.Core.Data.WardDbContext>();
            var manager = sp.GetRequiredService<ContentManager>();
            var siteId = await db.Sites.Where(s => s.Key == "thu-nghiem").Select(s => s.Id).SingleAsync();
            var type = await manager.FindTypeAsync(siteId, "ThongBao");
            Assert.NotNull(type);
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = "Thông báo lịch tiếp công dân tháng 12";
            draft.Common.Body = "Lãnh đạo UBND phường tiếp công dân vào **sáng thứ Năm** hằng tuần.";
            var termId = await db.Terms.Where(t => t.Key == "e").Select(t => t.Id).SingleAsync();
            draft.Parts[TopicsPart.PartName] = new TopicsPart.Data { TermIds = [termId] };
            var saved = await manager.CreateAsync(siteId, type, draft, Actor.System);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            return await manager.PublishAsync(saved.Item!.Id, Actor.System);
        });

        Assert.Equal("ThongBao", item.ContentType);
        Assert.Equal("thong-bao-lich-tiep-cong-dan-thang-12", item.PublishedSlug);
        var type = await _host.WithDbAsync(db => db.ContentTypes.SingleAsync(t => t.Name == "ThongBao"));
        Assert.Equal("/thong-bao/thong-bao-lich-tiep-cong-dan-thang-12", type.Settings.UrlFor(item.PublishedSlug));
        Assert.Equal(1, await _host.WithDbAsync(db => db.ContentItemTerms.CountAsync(t => t.ContentItemId == item.Id && t.Published)));
    }
}
