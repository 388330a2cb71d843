using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Public;

public abstract partial class PublicSiteTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task SectionHome_ListsPublishedDemoItems_AndHidesDrafts()
    {
        await PublicTestData.CreateArticleAsync(factory, "ban-nhap-chua-xuat-ban", "Bản nháp chưa xuất bản về một cửa", publish: false, ["e"]);
        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc");

        Assert.Contains("<h1>Cải cách hành chính</h1>", html);
        Assert.Contains("Kết quả thí điểm đặt lịch hẹn trực tuyến", html); // newest demo article
        Assert.Contains("Tin mới nhất", html);
        Assert.Contains("href=\"/cchc/chu-de/mot-cua-dich-vu-cong-truc-tuyen\"", html);
        Assert.DoesNotContain("Bản nháp chưa xuất bản", html);
        Assert.Contains("href=\"/cchc?trang=2\"", html);
    }

    [Fact]
    public async Task SectionHome_SecondPage_ListsOlderItems_AndPastTheLastPageIs404()
    {
        var client = factory.CreateBrowserClient();
        var page2 = await client.GetStringAsync("/cchc?trang=2");
        Assert.Contains("Tin mới nhất – trang 2", page2);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cchc?trang=99")).StatusCode);
    }

    [Fact]
    public async Task UnpublishedItem_UrlIs404()
    {
        await PublicTestData.CreateArticleAsync(factory, "bai-chua-dang", "Bài chưa đăng", publish: false);
        var res = await factory.CreateBrowserClient().GetAsync("/cchc/bai-chua-dang");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
    }

    [Fact]
    public async Task TopicPage_ListsOnlyThatTopicsItems_AndUnknownTopicIs404()
    {
        var client = factory.CreateBrowserClient();
        var html = await client.GetStringAsync("/cchc/chu-de/vai-tro-nguoi-dung-dau");
        Assert.Contains("<h1>Vai trò người đứng đầu</h1>", html);
        Assert.Contains(PublicTestData.DemoArticleTitle, html);
        Assert.DoesNotContain("Phát động cuộc thi tìm kiếm ý tưởng", html); // topic i) only
        Assert.Contains("href=\"/cchc/chu-de/vai-tro-nguoi-dung-dau/rss.xml\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/cchc/chu-de/khong-co-chu-de")).StatusCode);
    }

    [Fact]
    public async Task ArticlePage_HasCanonicalOpenGraphTwitterAndNewsArticleJsonLd()
    {
        await PublicTestData.CreateArticleAsync(factory, "bai-co-anh-bia", "Bài có ảnh bìa <đặc biệt> & “ngoặc”", publish: true, ["e"], "/anh/mot-cua.jpg");
        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc/bai-co-anh-bia");

        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/cchc/bai-co-anh-bia\">", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html);
        Assert.Contains("<meta property=\"og:locale\" content=\"vi_VN\">", html);
        Assert.Contains("<meta property=\"og:title\" content=\"Bài có ảnh bìa &lt;đặc biệt&gt; &amp; “ngoặc”\">", html);
        Assert.Contains("<meta property=\"og:image\" content=\"http://localhost/anh/mot-cua.jpg\">", html);
        Assert.Contains("<meta property=\"og:url\" content=\"http://localhost/cchc/bai-co-anh-bia\">", html);
        Assert.Matches("<meta property=\"article:published_time\" content=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00\">", html);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", html);
        Assert.Contains("alt=\"Người dân làm thủ tục tại bộ phận một cửa\"", html);

        var ld = JsonDocument.Parse(JsonLd(html)).RootElement;
        Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
        Assert.Equal("Bài có ảnh bìa <đặc biệt> & “ngoặc”", ld.GetProperty("headline").GetString());
        Assert.True(DateTimeOffset.TryParse(ld.GetProperty("datePublished").GetString(), out _));
        Assert.DoesNotContain("<đặc biệt>", JsonLd(html)); // cannot close the script block
    }

    [Fact]
    public async Task DemoArticle_ShowsDateUnitReadingTimeTopicsShareLinksAndRelated()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync(PublicTestData.DemoArticle);

        Assert.Contains("<h1>" + PublicTestData.DemoArticleTitle + "</h1>", html);
        Assert.Contains(">08/01/2025</time>", html);
        Assert.Contains("Phòng Văn hoá – Xã hội", html);
        Assert.Matches("<span class=\"reading-time\">\\d+ phút đọc</span>", html);
        Assert.Contains("<a class=\"tag\" href=\"/cchc/chu-de/chu-truong-chinh-sach\">", html);
        var encoded = Uri.EscapeDataString("http://localhost" + PublicTestData.DemoArticle);
        Assert.Contains("https://www.facebook.com/sharer/sharer.php?u=" + encoded, html);
        Assert.Contains("https://sp.zalo.me/share_to_zalo?url=" + encoded, html);
        Assert.Contains("data-print", html);
        Assert.Contains("Bài viết liên quan", html);
        Assert.Contains("Thông tin này có hữu ích không?", html);
        Assert.DoesNotContain("<script src=\"http", html); // no third-party scripts
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
    }

    [Fact]
    public async Task ReadingTime_IsWordsOver200_RoundedUp()
    {
        var body = string.Join(' ', Enumerable.Repeat("thủ tục", 450)); // 900 words
        await PublicTestData.CreateArticleAsync(factory, "bai-dai-900-tu", "Bài dài chín trăm từ", publish: true, body: body);
        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc/bai-dai-900-tu");
        Assert.Contains("<span class=\"reading-time\">5 phút đọc</span>", html);
    }

    [Fact]
    public async Task RelatedArticles_ShareATopic_NewestFirst_AtMostFour()
    {
        await PublicTestData.CreateArticleAsync(factory, "chu-de-rieng-mot", "Chủ đề riêng một", publish: true, ["d"]);
        await PublicTestData.CreateArticleAsync(factory, "chu-de-rieng-hai", "Chủ đề riêng hai", publish: true, ["d"]);
        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc/chu-de-rieng-mot");
        var aside = html[html.IndexOf("<aside class=\"related", StringComparison.Ordinal)..];
        aside = aside[..aside.IndexOf("</aside>", StringComparison.Ordinal)];
        Assert.Contains("Chủ đề riêng hai", aside);
        Assert.DoesNotContain("href=\"/cchc/chu-de-rieng-mot\"", aside);
        Assert.InRange(Regex.Matches(aside, "<li class=\"card").Count, 1, 4);
    }

    [Fact]
    public async Task Layout_HasSkipLinkSearchFormTextSizeButtonsAndLandmarks()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/");
        Assert.Contains("class=\"skip-link\" href=\"#main\"", html);
        Assert.Contains("<form class=\"search-form\" role=\"search\" action=\"/tim-kiem\" method=\"get\">", html);
        Assert.Contains("name=\"q\"", html);
        Assert.Contains("<button type=\"button\" data-text-size=\"1\"", html);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Contains("<footer", html);
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
    }

    [Fact]
    public async Task WebFont_IsPreloaded_AndShippedAsAStaticAssetOfTheTheme()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/");
        Assert.Contains("<link rel=\"preload\" href=\"/_content/WardCms.Theme.Public/fonts/be-vietnam-pro-vietnamese-400-normal.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>", html);
        // The test host runs outside Development, where theme assets come from the publish output; the manifest proves they ship.
        var manifest = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WardCms.Web.staticwebassets.endpoints.json"));
        foreach (var weight in new[] { 400, 600, 700 })
        {
            Assert.Contains($"\"Route\":\"_content/WardCms.Theme.Public/fonts/be-vietnam-pro-vietnamese-{weight}-normal.woff2\"", manifest);
            Assert.Contains($"\"Route\":\"_content/WardCms.Theme.Public/fonts/be-vietnam-pro-latin-{weight}-normal.woff2\"", manifest);
        }
    }

    [Fact]
    public async Task ItemWithoutCover_SharesTheThemesCardImage_AJpegOf1200By630()
    {
        await PublicTestData.CreateArticleAsync(factory, "bai-khong-anh-bia", "Bài không có ảnh bìa", publish: true);
        var client = factory.CreateBrowserClient();
        var html = await client.GetStringAsync("/cchc/bai-khong-anh-bia");

        var og = Regex.Match(html, "<meta property=\"og:image\" content=\"http://localhost(/_content/[^\"]+)\">");
        Assert.True(og.Success, "no og:image for an item without a cover");
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", html);
        var image = await client.GetAsync(og.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        var bytes = await image.Content.ReadAsByteArrayAsync();
        // The first start-of-frame marker holds the size: FF C0 (baseline) or FF C2 (progressive).
        var sof = Enumerable.Range(2, bytes.Length - 9).First(i => bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2);
        Assert.Equal(630, bytes[sof + 5] << 8 | bytes[sof + 6]);
        Assert.Equal(1200, bytes[sof + 7] << 8 | bytes[sof + 8]);
    }

    private static string JsonLd(string html)
    {
        var m = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, "no JSON-LD block");
        return m.Groups[1].Value;
    }
}

public sealed class SqlitePublicSiteTests(SqliteAppFactory f) : PublicSiteTests<SqliteAppFactory>(f);

public sealed class PostgresPublicSiteTests(PostgresAppFactory f) : PublicSiteTests<PostgresAppFactory>(f);
