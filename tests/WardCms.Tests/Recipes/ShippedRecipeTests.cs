using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Recipes;
using WardCms.Core.Security;

namespace WardCms.Tests.Recipes;

/// <summary>The shipped recipes are the fixtures: they must apply, on both databases, and re-apply as no-ops.</summary>
public abstract class ShippedRecipeTests : IAsyncLifetime
{
    private RecipeTestHost _host = null!;

    protected abstract Task<RecipeTestHost> CreateHostAsync();

    public async Task InitializeAsync() => _host = await CreateHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// `./wardcms site add`: the shipped ward recipe, under another key, makes a second ward with its own
    /// units, types, topics and plan in one go, answering on the host given; adding it again, or a third
    /// ward on a host already taken, is refused (naming the site that has the host) and changes nothing.
    /// </summary>
    [Fact]
    public async Task SiteAdd_MakesASecondWardFromTheWardRecipe_OnItsHost_AndRefusesTakenKeysAndHosts()
    {
        await _host.ApplyFileAsync("hai-ba-trung.recipe.json");
        var ward = File.ReadAllText(RecipeTestHost.RepoFile("recipes", "hai-ba-trung.recipe.json"))
            .Replace("\"key\": \"hai-ba-trung\"", "\"key\": \"phuong-thu-hai\"", StringComparison.Ordinal);
        RecipeResult Add(string json, string? host) =>
            _host.WithScopeAsync(sp => sp.GetRequiredService<RecipeApplier>().AddSiteAsync(json, host)).GetAwaiter().GetResult();

        var added = Add(ward, "PhuongThuHai.test");

        Assert.Equal("phuong-thu-hai", added.SiteKey);
        var before = await _host.CountRowsAsync();
        await _host.WithDbAsync(async db =>
        {
            var site = await db.Sites.SingleAsync(s => s.Key == "phuong-thu-hai");
            Assert.Equal("phuongthuhai.test", site.HostNames);
            Assert.Equal(5, await db.Units.CountAsync(u => u.SiteId == site.Id));
            Assert.Equal(4, await db.ContentTypes.CountAsync(t => t.SiteId == site.Id));
            Assert.Equal(15, await db.PlanTasks.CountAsync(t => t.Plan!.SiteId == site.Id));
            return 0;
        });

        var again = Assert.Throws<RecipeValidationException>(() => Add(ward, "khac.test"));
        Assert.Contains("đã có trang \"phuong-thu-hai\"", Assert.Single(again.Errors).Message);
        var third = ward.Replace("\"key\": \"phuong-thu-hai\"", "\"key\": \"phuong-thu-ba\"", StringComparison.Ordinal);
        var taken = Assert.Throws<RecipeValidationException>(() => Add(third, "phuongthuhai.test"));
        Assert.Contains(taken.Errors, e => e.Path == "$.steps[0].hostNames" && e.Message.Contains("đã thuộc trang \"phuong-thu-hai\"", StringComparison.Ordinal));
        Assert.Equal(before, await _host.CountRowsAsync());
    }

    [Fact]
    public async Task ShippedRecipes_ApplyAndReapplyAsNoOps()
    {
        var site = await _host.ApplyFileAsync("hai-ba-trung.recipe.json");
        var demo = await _host.ApplyFileAsync("demo-content.recipe.json");
        Assert.Equal(0, site.Updated + demo.Updated);

        await _host.WithDbAsync(async db =>
        {
            var s = await db.Sites.SingleAsync();
            Assert.Equal(("hai-ba-trung", "ỦY BAN NHÂN DÂN", "PHƯỜNG HAI BÀ TRƯNG", "Hai Bà Trưng"), (s.Key, s.IssuingParent, s.IssuingBody, s.PlaceName));
            Assert.Equal(5, await db.Units.CountAsync());
            Assert.Equal(["CchcArticle", "RadioScript", "HandbookEntry", "VanBan"], await db.ContentTypes.OrderBy(t => t.Order).Select(t => t.Name).ToListAsync());
            // The legal-document register: a type of parts only, its documents filled by field name.
            var register = await db.ContentTypes.SingleAsync(t => t.Name == "VanBan");
            Assert.Equal(["common", "route", "fields", "planTasks"], register.Parts.Select(p => p.Name));
            Assert.Equal(12, await db.ContentItems.CountAsync(i => i.ContentType == "VanBan" && i.PublishedVersionId != null));
            var decision = await db.ContentVersions.Where(v => v.Title.StartsWith("Quyết định số 12/2025")).Select(v => v.PartsJson).FirstAsync();
            Assert.Contains("\"soKyHieu\":\"12/2025/QĐ-UBND\"", decision);
            // Its signed PDF came in through the recipe's media step (checked by content like an upload); the document holds its library key.
            var pdf = await db.Set<WardCms.Core.Media.MediaAsset>().SingleAsync(a => a.Title == "Quyết định số 12/2025/QĐ-UBND (bản ký)");
            Assert.Equal((WardCms.Core.Media.MediaKind.Document, "Văn bản", "pdf"), (pdf.Kind, pdf.Folder, pdf.Extension));
            Assert.Contains($"\"vanBan\":\"{pdf.OriginalKey}\"", decision);
            Assert.Equal(12, await db.Set<WardCms.Core.Media.MediaAsset>().CountAsync(a => a.Folder == "Văn bản"));
            var article = await db.ContentTypes.SingleAsync(t => t.Name == "CchcArticle");
            Assert.Equal(("/cchc/{slug}", "portal", true), (article.Settings.SlugPattern, article.Settings.Channel, article.Settings.HasReview));
            Assert.Equal([5, 2], article.Settings.SuggestedTasks);
            Assert.Equal(["a", "b", "c", "d", "dd", "e", "g", "h", "i"], await db.Terms.OrderBy(t => t.Order).Select(t => t.Key).ToListAsync());

            var plan = await db.Plans.Include(p => p.Tasks).SingleAsync();
            Assert.Equal(("Đỗ Phương Nga", 2025), (plan.Signatory, plan.Year));
            Assert.Equal(Enumerable.Range(1, 15), plan.Tasks.Select(t => t.Number).Order());
            var tasks = plan.Tasks.ToDictionary(t => t.Number);
            Assert.Equal("Ban hành Kế hoạch tuyên truyền CCHC năm 2025 của phường", tasks[1].Text);
            Assert.Equal("[\"2025-02-13\"]", tasks[1].DueDatesJson);
            Assert.Equal(4, JsonDocument.Parse(tasks[6].DueDatesJson).RootElement.GetArrayLength());
            var rule3 = Rule(tasks[3]);
            Assert.Equal(("count", 2, "month", "airedOnRadio"), (rule3.GetProperty("metric").GetString(), rule3.GetProperty("minimum").GetInt32(), rule3.GetProperty("period").GetString(), rule3.GetProperty("event").GetString()));
            Assert.Equal("2025-08-01", Rule(tasks[4]).GetProperty("window").GetProperty("from").GetString());
            Assert.Equal("postedToCityPage", Rule(tasks[4]).GetProperty("event").GetString());
            Assert.Equal(6, Rule(tasks[5]).GetProperty("minimum").GetInt32());
            Assert.Equal(8, Rule(tasks[8]).GetProperty("filters").GetProperty("tasks")[0].GetInt32());
            Assert.Equal("[]", tasks[12].RulesJson);
            var kthtdt = await db.Units.Where(u => u.Key == "kthtdt").Select(u => u.Id).SingleAsync();
            Assert.Equal(kthtdt, tasks[7].LeadUnitId);

            var adminPermissions = await db.RoleClaims.Where(c => c.RoleId == db.Roles.Single(r => r.Name == "admin").Id).Select(c => c.ClaimValue).ToListAsync();
            // A ward's administrator has every permission but the city operators' (OperateSites).
            Assert.Equal(Permissions.All.Where(p => p != Permissions.OperateSites).Order(), adminPermissions.Order());
            Assert.Equal(5, await db.Roles.CountAsync());
            return 0;
        });

        await AssertDemoContentAsync();

        var rows = await _host.CountRowsAsync();
        var again = await _host.ApplyFileAsync("hai-ba-trung.recipe.json");
        var demoAgain = await _host.ApplyFileAsync("demo-content.recipe.json");
        Assert.Equal(0, again.Created + again.Updated + demoAgain.Created + demoAgain.Updated);
        Assert.Equal(rows, await _host.CountRowsAsync());
    }

    private async Task AssertDemoContentAsync()
    {
        var expected = DemoEntries();
        await _host.WithDbAsync(async db =>
        {
            var items = await db.ContentItems.AsNoTracking().ToListAsync();
            Assert.Equal(expected.Count, items.Count);
            Assert.True(items.Count(i => i.ContentType == "CchcArticle") >= 36);
            Assert.True(items.Count(i => i.ContentType == "RadioScript") >= 10);
            Assert.True(items.Count(i => i.ContentType == "HandbookEntry") >= 12);
            Assert.All(items, i => Assert.Equal(ContentStatus.Published, i.Status));
            foreach (var item in items)
            {
                Assert.Equal(expected[item.Slug!], item.FirstPublishedUtc);
            }
            Assert.Equal(items.Count, await db.ContentVersions.CountAsync());

            var tamTru = items.Single(i => i.Title == "Đăng ký tạm trú trực tuyến");
            var version = await db.ContentVersions.SingleAsync(v => v.Id == tamTru.PublishedVersionId);
            Assert.Contains("Luật Cư trú 2020", version.Body, StringComparison.Ordinal);
            Assert.Contains("\"chapter\":\"Cư trú và định danh điện tử (Đề án 06)\"", version.PartsJson, StringComparison.Ordinal);

            // Search must find these two through its synonyms (CCCD ↔ căn cước công dân, sổ đỏ ↔ giấy chứng
            // nhận quyền sử dụng đất), which proves nothing if their own text carries the short forms.
            var card = await PublishedTextAsync(db, items, "cap-doi-the-can-cuoc");
            Assert.Contains("căn cước công dân", card, StringComparison.Ordinal);
            Assert.DoesNotContain("CCCD", card, StringComparison.OrdinalIgnoreCase);
            var land = await PublishedTextAsync(db, items, "cap-giay-chung-nhan-quyen-su-dung-dat-lan-dau");
            Assert.Contains("Giấy chứng nhận quyền sử dụng đất", land, StringComparison.Ordinal);
            Assert.DoesNotContain("sổ đỏ", land, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sổ hồng", land, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("giấy phép xây dựng", await PublishedTextAsync(db, items, "cap-giay-phep-xay-dung-nha-o-rieng-le"), StringComparison.Ordinal);

            // A land article counts for task 8 and task 5 through its published tags.
            var task8 = await db.PlanTasks.Where(t => t.Number == 8).Select(t => t.Id).SingleAsync();
            Assert.True(await db.ContentItemPlanTasks.CountAsync(x => x.PlanTaskId == task8 && x.Published) >= 7);
            return 0;
        });
    }

    [Fact]
    public async Task NulInARecipeString_IsAValidationErrorNamingItsPath_AndNothingIsWritten()
    {
        // "\u0000" in JSON: PostgreSQL stores no NUL in text or jsonb, and it is no text a page can show.
        var json = TestRecipes.Site
            .Replace("\"title\": \"Bài một\"", "\"title\": \"Bài\\u0000 một\"", StringComparison.Ordinal)
            .Replace("\"chapter\": \"Hộ tịch\"", "\"chapter\": \"Hộ\\u0000 tịch\"", StringComparison.Ordinal);
        Assert.Contains("\\u0000", json);

        var refused = await Assert.ThrowsAsync<RecipeValidationException>(() => _host.ApplyAsync(json));

        Assert.Contains(refused.Errors, e => e.Path == "$.steps[7].content[0].title" && e.Message.Contains("NUL", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Path == "$.steps[7].content[1].parts.handbook.chapter");
        Assert.Equal(0, await _host.WithDbAsync(db => db.Sites.CountAsync()));
    }

    private static async Task<string> PublishedTextAsync(WardDbContext db, List<ContentItem> items, string slug)
    {
        var id = items.Single(i => i.Slug == slug).PublishedVersionId;
        var v = await db.ContentVersions.SingleAsync(x => x.Id == id);
        return $"{v.Title}\n{v.Summary}\n{v.Body}";
    }

    private static JsonElement Rule(WardCms.Core.Planning.PlanTask task) => JsonDocument.Parse(task.RulesJson).RootElement[0];

    /// <summary>Slug → publishedAt (UTC) as the recipe file states it.</summary>
    private static Dictionary<string, DateTime> DemoEntries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RecipeTestHost.RepoFile("recipes", "demo-content.recipe.json")), RecipeValidator.DocumentOptions);
        var content = doc.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "content");
        return content.GetProperty("content").EnumerateArray().ToDictionary(
            e => e.GetProperty("slug").GetString()!,
            e => DateTimeOffset.Parse(e.GetProperty("publishedAt").GetString()!, CultureInfo.InvariantCulture).UtcDateTime);
    }
}

public class ShippedRecipeSqliteTests : ShippedRecipeTests
{
    protected override Task<RecipeTestHost> CreateHostAsync() => RecipeTestHost.SqliteAsync();
}

public class ShippedRecipePostgresTests : ShippedRecipeTests
{
    protected override Task<RecipeTestHost> CreateHostAsync() => RecipeTestHost.PostgresAsync();
}
