using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Recipes;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Public;

/// <summary>A content type declared only in a recipe gets a section, item pages and feeds with no code.</summary>
public abstract partial class RecipeTypeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string NoticeRecipe = """
        {
          "name": "Thông báo của phường",
          "site": "hai-ba-trung",
          "steps": [
            { "step": "contentTypes", "contentTypes": [
                { "name": "WardNotice", "displayName": "Thông báo", "order": 9,
                  "settings": { "slugPattern": "/thong-bao/{slug}", "sectionTitle": "Thông báo của phường", "channel": "portal", "hasReview": false,
                                "description": "Thông báo lịch tiếp công dân, lịch làm việc của bộ phận một cửa." },
                  "parts": [{ "name": "common" }, { "name": "route" }, { "name": "topics" }] },
            ] },
            { "step": "content", "content": [
                { "type": "WardNotice", "slug": "lich-tiep-cong-dan-thang-12", "title": "Lịch tiếp công dân tháng 12/2025",
                  "summary": "Lãnh đạo UBND phường tiếp công dân vào thứ Năm hằng tuần.", "body": ["Lãnh đạo UBND phường tiếp công dân **thứ Năm** hằng tuần."],
                  "topics": ["e"], "publishedAt": "2025-11-20T08:00:00+07:00" },
                { "type": "WardNotice", "slug": "thong-bao-nhap", "title": "Thông báo còn nháp", "body": ["Nháp."], "status": "draft" },
            ] },
          ],
        }
        """;

    // A commune portal with news only: no type made with the broadcast or the handbook part.
    private const string NewsOnlyHost = "xa-chi-co-tin.test";
    private const string NewsOnlySite = """
        {
          "name": "Xã chỉ có tin tức",
          "steps": [
            { "step": "site", "key": "xa-chi-co-tin", "name": "Trang thông tin điện tử xã Thử", "issuingParent": "ỦY BAN NHÂN DÂN", "issuingBody": "XÃ THỬ" },
            { "step": "contentTypes", "contentTypes": [
                { "name": "CommuneNews", "displayName": "Tin tức", "order": 1,
                  "settings": { "slugPattern": "/tin-tuc/{slug}", "sectionTitle": "Tin tức của xã", "menuTitle": "Tin tức", "hasReview": false },
                  "parts": [{ "name": "common" }, { "name": "route" }] },
            ] },
          ],
        }
        """;

    /// <summary>The hrefs of the main menu, in order.</summary>
    private static List<string> MenuOf(string html)
    {
        var start = html.IndexOf("<nav class=\"site-nav\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no main menu on the page");
        var nav = html[start..html.IndexOf("</nav>", start, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(nav, "<a href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public async Task Menu_IsTheSitesSectionsInTypeOrder_WithTheRadioPageWhereTheBroadcastTypeStands()
    {
        var home = await factory.CreateBrowserClient().GetStringAsync("/");
        var menu = MenuOf(home);

        // Types in recipe order: CCHC articles, radio scripts (not in the menu themselves: their page is the radio page), the handbook.
        Assert.Equal(["/", "/cchc", "/phat-thanh", "/cam-nang"], menu.Take(4));
        Assert.Equal("/tim-kiem", menu[^1]);
        Assert.DoesNotContain("/phat-thanh/kich-ban", menu);
        Assert.Contains("<a href=\"/cam-nang\" aria-current=\"false\">Cẩm nang</a>", home); // the menu title, not the long section title
        Assert.Contains("<a href=\"/cchc/rss.xml\">RSS</a>", home); // the footer's feed: the first section's
    }

    [Fact]
    public async Task SiteWithoutRadioOrHandbook_HasNoSuchMenuEntries_AndItsRadioPagesAnswer404()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardCms.Core.Data.WardDbContext>();
            if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Sites, x => x.Key == "xa-chi-co-tin"))
            {
                await sp.GetRequiredService<RecipeApplier>().AddSiteAsync(NewsOnlySite, NewsOnlyHost);
            }
        });
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri($"http://{NewsOnlyHost}"),
        });

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(["/", "/tin-tuc", "/tim-kiem"], MenuOf(await home.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tin-tuc")).StatusCode);
        // Before: the radio page asked for the type "RadioScript" by name and answered 500 here.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/phat-thanh")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/phat-thanh/ban-tin/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cam-nang")).StatusCode);
    }

    [Fact]
    public async Task NewTypeUnderAStoredTypesSection_IsRefused_NamingBoth()
    {
        var recipe = NoticeRecipe.Replace("\"slugPattern\": \"/thong-bao/{slug}\"", "\"slugPattern\": \"/cchc/thong-bao/{slug}\"", StringComparison.Ordinal)
            .Replace("WardNotice", "WardNoticeTwo", StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<RecipeValidationException>(() =>
            factory.WithScopeAsync(sp => sp.GetRequiredService<RecipeApplier>().ApplyAsync(recipe)));
        Assert.Contains(refused.Errors, e => e.Path == "$.steps[0].contentTypes[0].settings.sectionPath"
            && e.Message.Contains("của loại \"WardNoticeTwo\" trùng hoặc nằm trong địa chỉ \"/cchc\" của loại \"CchcArticle\" đã có trên trang", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryFixedRoute_IsReserved_SoNoSectionCanTakeItsAddress()
    {
        var fixedRoutes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            // The content pages' own folder paths are never matched: the dynamic content route picks them.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.ISuppressMatchingMetadata>() is not { SuppressMatching: true })
            .Select(e => e.RoutePattern)
            // The content pages' own catch-all and the feeds of any section are what sections are made of.
            .Where(r => r.Parameters.FirstOrDefault() is not { IsCatchAll: true } || r.PathSegments.Count > 1)
            .Select(r => "/" + string.Join('/', r.PathSegments.TakeWhile(seg => seg.IsSimple && seg.Parts[0].IsLiteral)
                .Select(seg => ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)seg.Parts[0]).Content.ToLowerInvariant())))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("/phat-thanh", fixedRoutes);
        Assert.Contains("/admin/content", fixedRoutes);
        // A route whose address begins with a parameter ("/{**key}" under /media has a literal) would be caught by every section.
        Assert.DoesNotContain("/", fixedRoutes.Where(r => r != "/"), StringComparer.Ordinal);
        var free = fixedRoutes.Where(r => r != "/" && WardCms.Core.Content.ReservedPaths.CollisionOf(r) is null).ToList();
        Assert.True(free.Count == 0, "Routes a section could take (add them to ReservedPaths): " + string.Join(", ", free));
    }

    [Fact]
    public async Task RecipeOnlyType_GetsWorkingSectionItemTopicAndFeedPages()
    {
        await factory.WithScopeAsync(sp => sp.GetRequiredService<RecipeApplier>().ApplyAsync(NoticeRecipe));
        var client = factory.CreateBrowserClient();

        var section = await client.GetStringAsync("/thong-bao");
        Assert.Contains("<h1>Thông báo của phường</h1>", section);
        Assert.Contains("href=\"/thong-bao/lich-tiep-cong-dan-thang-12\"", section);
        Assert.DoesNotContain("Thông báo còn nháp", section);

        var item = await client.GetStringAsync("/thong-bao/lich-tiep-cong-dan-thang-12");
        Assert.Contains("<h1>Lịch tiếp công dân tháng 12/2025</h1>", item);
        Assert.Contains("<strong>thứ Năm</strong>", item);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/thong-bao/lich-tiep-cong-dan-thang-12\">", item);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/thong-bao/thong-bao-nhap")).StatusCode);

        var topic = await client.GetStringAsync("/thong-bao/chu-de/mot-cua-dich-vu-cong-truc-tuyen");
        Assert.Contains("Lịch tiếp công dân tháng 12/2025", topic);

        var rss = XDocument.Parse(await client.GetStringAsync("/thong-bao/rss.xml"));
        Assert.Equal("Lịch tiếp công dân tháng 12/2025", rss.Root!.Element("channel")!.Element("item")!.Element("title")!.Value);

        Assert.Contains("http://localhost/thong-bao/lich-tiep-cong-dan-thang-12", await client.GetStringAsync("/sitemap.xml"));
    }
}

public sealed class SqliteRecipeTypeTests(SqliteAppFactory f) : RecipeTypeTests<SqliteAppFactory>(f);

public sealed class PostgresRecipeTypeTests(PostgresAppFactory f) : RecipeTypeTests<PostgresAppFactory>(f);
