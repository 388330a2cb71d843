using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Recipes;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Public;

/// <summary>A content type declared only in a recipe gets a section, item pages and feeds with no code.</summary>
public abstract class RecipeTypeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
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
