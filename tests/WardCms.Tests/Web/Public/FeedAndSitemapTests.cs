using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Public;

public abstract class FeedAndSitemapTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Sitemap_IsValidXml_ListingPublishedUrlsOnly_WithLastmod()
    {
        await PublicTestData.CreateArticleAsync(factory, "nhap-khong-vao-sitemap", "Nháp không vào sơ đồ trang", publish: false);
        var res = await factory.CreateBrowserClient().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/xml", res.Content.Headers.ContentType!.MediaType);
        Assert.Contains("public", res.Headers.CacheControl!.ToString());

        var doc = XDocument.Parse(await res.Content.ReadAsStringAsync());
        var urls = doc.Root!.Elements(Sm + "url").ToList();
        var locs = urls.Select(u => u.Element(Sm + "loc")!.Value).ToList();
        Assert.Contains("http://localhost" + PublicTestData.DemoArticle, locs);
        Assert.Contains("http://localhost/cam-nang/dang-ky-khai-sinh-truc-tuyen", locs);
        Assert.Contains("http://localhost/cchc", locs);
        Assert.DoesNotContain(locs, l => l.Contains("nhap-khong-vao-sitemap", StringComparison.Ordinal));
        Assert.Equal(locs.Count, locs.Distinct().Count());
        var article = urls.Single(u => u.Element(Sm + "loc")!.Value.EndsWith(PublicTestData.DemoArticle, StringComparison.Ordinal));
        Assert.StartsWith("2025-01-08T02:00:00Z", article.Element(Sm + "lastmod")!.Value);
    }

    [Fact]
    public async Task Robots_AllowsAll_DisallowsAdminAccountAndPreviews_PointsToSitemap()
    {
        var res = await factory.CreateBrowserClient().GetAsync("/robots.txt");
        Assert.Equal("text/plain", res.Content.Headers.ContentType!.MediaType);
        var lines = (await res.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["User-agent: *", "Allow: /", "Disallow: /admin", "Disallow: /account", "Disallow: /xem-truoc/", "Sitemap: http://localhost/sitemap.xml"], lines);
    }

    [Fact]
    public async Task SectionRss_ParsesAsXml_NewestFirst_VietnameseTitlesIntact()
    {
        var res = await factory.CreateBrowserClient().GetAsync("/cchc/rss.xml");
        Assert.Equal("application/rss+xml", res.Content.Headers.ContentType!.MediaType);
        var doc = XDocument.Parse(await res.Content.ReadAsStringAsync());
        var channel = doc.Root!.Element("channel")!;
        Assert.Equal("2.0", doc.Root.Attribute("version")!.Value);
        Assert.StartsWith("Cải cách hành chính", channel.Element("title")!.Value);
        var items = channel.Elements("item").ToList();
        Assert.InRange(items.Count, 1, 20);
        Assert.Contains(items, i => i.Element("title")!.Value == "Kết quả thí điểm đặt lịch hẹn trực tuyến sau một tháng triển khai"
            || i.Element("title")!.Value.StartsWith("Kết quả thí điểm", StringComparison.Ordinal));
        var dates = items.Select(i => DateTimeOffset.Parse(i.Element("pubDate")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.All(items, i => Assert.StartsWith("http://localhost/cchc/", i.Element("link")!.Value));
    }

    [Fact]
    public async Task TopicRss_HasOnlyThatTopicsItems()
    {
        var xml = await factory.CreateBrowserClient().GetStringAsync("/cchc/chu-de/vai-tro-nguoi-dung-dau/rss.xml");
        var titles = XDocument.Parse(xml).Root!.Element("channel")!.Elements("item").Select(i => i.Element("title")!.Value).ToList();
        Assert.Contains(PublicTestData.DemoArticleTitle, titles);
        Assert.DoesNotContain("Phát động cuộc thi tìm kiếm ý tưởng, giải pháp cải cách hành chính năm 2025", titles);
        Assert.StartsWith("Vai trò người đứng đầu", XDocument.Parse(xml).Root!.Element("channel")!.Element("title")!.Value);
    }

    [Fact]
    public async Task SectionAtom_ParsesAsXml_WithEntriesAndSelfLink()
    {
        await PublicTestData.CreateArticleAsync(factory, "tieu-de-co-ky-tu-dac-biet", "Tiêu đề <có> & ký tự “đặc biệt”", publish: true);
        var res = await factory.CreateBrowserClient().GetAsync("/cchc/atom.xml");
        Assert.Equal("application/atom+xml", res.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await res.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Contains(feed.Elements(Atom + "link"), l => l.Attribute("rel")!.Value == "self" && l.Attribute("href")!.Value == "http://localhost/cchc/atom.xml");
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Contains(entries, e => e.Element(Atom + "title")!.Value == "Tiêu đề <có> & ký tự “đặc biệt”");
        Assert.All(entries, e => Assert.StartsWith("http://localhost/cchc/", e.Element(Atom + "id")!.Value));
    }

    [Fact]
    public async Task ControlCharactersStoredBeforeInputWasCleaned_LeaveFeedsAndSitemapWellFormed()
    {
        // Word's Shift+Enter (U+000B), a bell, an escape and U+FFFF, written straight to the database as
        // data saved before the editor cleaned its input would be.
        const string dirty = "Lịch tiếp dân\u000Bquý I\u0007 năm 2025\u001B\uFFFF";
        const string topic = "vai-tro-nguoi-dung-dau";
        var topicKey = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Terms.Where(t => t.Slug == topic).Select(t => t.Key).FirstAsync());
        var id = await PublicTestData.CreateArticleAsync(factory, "ky-tu-dieu-khien-" + Guid.NewGuid().ToString("N")[..8], "Lịch tiếp dân quý I",
            publish: true, topicKeys: [topicKey]);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var versionId = await db.ContentItems.Where(i => i.Id == id).Select(i => i.PublishedVersionId!.Value).FirstAsync();
            await db.ContentVersions.Where(v => v.Id == versionId)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Title, dirty).SetProperty(v => v.Summary, "Tóm tắt\u000B" + dirty));
            await db.ContentItems.Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Title, dirty));
            sp.GetRequiredService<PublicContentStamp>().Bump();
        });

        var client = factory.CreateBrowserClient();
        foreach (var url in new[] { "/cchc/rss.xml", "/cchc/atom.xml", $"/cchc/chu-de/{topic}/rss.xml", $"/cchc/chu-de/{topic}/atom.xml", "/sitemap.xml" })
        {
            var res = await client.GetAsync(url);
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode}");
            var xml = await res.Content.ReadAsStringAsync();
            var doc = XDocument.Parse(xml); // throws on a character XML forbids
            if (!url.StartsWith("/sitemap", StringComparison.Ordinal))
            {
                Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "title" && e.Value == "Lịch tiếp dân\nquý I năm 2025");
            }
        }
    }

    [Fact]
    public async Task SectionPage_LinksItsFeeds()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Cải cách hành chính (RSS)\" href=\"/cchc/rss.xml\">", html);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Cải cách hành chính (Atom)\" href=\"/cchc/atom.xml\">", html);
    }

    [Fact]
    public async Task FeedOfUnknownSection_Is404()
    {
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/khong-co-muc/rss.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cchc/chu-de/khong-co/atom.xml")).StatusCode);
    }
}

public sealed class SqliteFeedAndSitemapTests(SqliteAppFactory f) : FeedAndSitemapTests<SqliteAppFactory>(f);

public sealed class PostgresFeedAndSitemapTests(PostgresAppFactory f) : FeedAndSitemapTests<PostgresAppFactory>(f);
