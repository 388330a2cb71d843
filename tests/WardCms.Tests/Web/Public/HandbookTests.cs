using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Handbook;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Public;

public abstract class HandbookTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task HandbookHome_TableOfContents_ChaptersBySmallestOrder_EntriesByOrder()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/cam-nang");
        Assert.Contains("<h1>Cẩm nang CCHC, Chuyển đổi số và Đề án 06</h1>", html);
        var chapters = Regex.Matches(html, "<h3>(.*?)</h3>").Select(m => m.Groups[1].Value).ToList();
        // Every demo chapter starts at order 1: ties go by Vietnamese alphabetical order (Đ after D).
        Assert.Equal(["Chứng thực", "Cư trú và định danh điện tử (Đề án 06)", "Dịch vụ công trực tuyến", "Đất đai", "Hộ tịch", "Xây dựng"], chapters);
        var residence = html[html.IndexOf("Cư trú và định danh", StringComparison.Ordinal)..html.IndexOf("Dịch vụ công trực tuyến</h3>", StringComparison.Ordinal)];
        var slugs = Regex.Matches(residence, "href=\"/cam-nang/([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["dang-ky-tam-tru-truc-tuyen", "kich-hoat-tai-khoan-dinh-danh-dien-tu-muc-do-2", "thong-bao-luu-tru-khi-co-nguoi-den-o-qua-dem", "dang-ky-thuong-tru-ho-so-va-thoi-han", "cap-doi-the-can-cuoc"], slugs);
    }

    [Fact]
    public async Task HandbookTopicPage_ListsEntriesOfThatTopic()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/cam-nang/chu-de/chuyen-doi-so-de-an-06");
        Assert.Contains("<h1>Chuyển đổi số, Đề án 06</h1>", html);
        Assert.Contains("href=\"/cam-nang/kich-hoat-tai-khoan-dinh-danh-dien-tu-muc-do-2\"", html);
        Assert.DoesNotContain("href=\"/cam-nang/dang-ky-ket-hon\"", html);
    }

    [Fact]
    public async Task HandbookEntry_ShowsLastUpdateAndNextReview_FromSiteDefaultMonths()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/cam-nang/dang-ky-khai-tu");
        // Published 20/02/2025 09:20 ICT, never reviewed, the site reviews every 6 months.
        Assert.Contains("<dt>Cập nhật lần cuối</dt><dd><time datetime=\"2025-02-20T02:20:00.0000000Z\">20/02/2025</time></dd>", html);
        Assert.Contains("<dt>Kỳ rà soát tiếp theo</dt><dd><time datetime=\"2025-08-20T02:20:00.0000000Z\">20/08/2025</time></dd>", html);
        // That date has passed: the page says the text awaits re-checking instead of showing a stale promise.
        Assert.Contains("class=\"review-overdue\"", html);
        Assert.Contains("<p class=\"kicker\">Hộ tịch</p>", html);
    }

    [Fact]
    public async Task HandbookEntry_PreviousAndNext_FollowTheTableOfContents_AcrossChapters()
    {
        var client = factory.CreateBrowserClient();
        var middle = await client.GetStringAsync("/cam-nang/kich-hoat-tai-khoan-dinh-danh-dien-tu-muc-do-2");
        Assert.Contains("<a class=\"prev\" href=\"/cam-nang/dang-ky-tam-tru-truc-tuyen\" rel=\"prev\">", middle);
        Assert.Contains("<a class=\"next\" href=\"/cam-nang/thong-bao-luu-tru-khi-co-nguoi-den-o-qua-dem\" rel=\"next\">", middle);
        Assert.Contains("Cùng chương", middle);

        var lastOfChapter = await client.GetStringAsync("/cam-nang/cap-doi-the-can-cuoc");
        Assert.Contains("<a class=\"next\" href=\"/cam-nang/tao-tai-khoan-va-dang-nhap-cong-dich-vu-cong\" rel=\"next\">", lastOfChapter);

        var firstOfChapter = await client.GetStringAsync("/cam-nang/dang-ky-tam-tru-truc-tuyen");
        Assert.Contains("<a class=\"prev\" href=\"/cam-nang/chung-thuc-ban-sao-tu-ban-chinh\" rel=\"prev\">", firstOfChapter);

        var first = await client.GetStringAsync("/cam-nang/chung-thuc-ban-sao-tu-ban-chinh");
        Assert.DoesNotContain("class=\"prev\"", first);
    }

    [Fact]
    public async Task StaffStillAccurate_RecordsReview_AndRemovesEntryFromOverdueList()
    {
        var itemId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems
            .Where(i => i.PublishedSlug == "tra-cuu-bang-gia-dat").Select(i => i.Id).SingleAsync());
        // The entry is the economics unit's (kthtdt): another unit's editor cannot vouch for it.
        var outsider = factory.CreateBrowserClient();
        await outsider.LoginAsync("editor1", WardAppFactory.StaffPassword);
        var refused = await outsider.PostFormAsync("/admin/handbook", "/admin/handbook?handler=Review",
            [new("itemId", itemId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("note", "Không phải phòng tôi")]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("thuộc phòng khác", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Quá hạn rà soát", await outsider.GetStringAsync("/admin/handbook"));

        var client = factory.CreateBrowserClient();
        await client.LoginAsync("editor2", WardAppFactory.StaffPassword);
        var before = await client.GetStringAsync("/admin/handbook");
        Assert.Contains("Tra cứu bảng giá đất", before);
        Assert.Contains("Quá hạn rà soát", before);
        Assert.Contains($"href=\"/admin/content/edit/{itemId}\"", before);

        var res = await client.PostFormAsync("/admin/handbook", "/admin/handbook?handler=Review",
            [new("itemId", itemId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("note", "Đã đối chiếu bảng giá mới")]);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var after = await client.GetStringAsync("/admin/handbook");
        Assert.DoesNotContain($"href=\"/admin/content/edit/{itemId}\"", after);
        var review = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<HandbookReview>().SingleAsync(r => r.ContentItemId == itemId));
        Assert.Equal("Đã đối chiếu bảng giá mới", review.Note);
        Assert.NotNull(review.ReviewedById);

        var page = await factory.CreateBrowserClient().GetStringAsync("/cam-nang/tra-cuu-bang-gia-dat");
        Assert.Contains($">{WardCms.Core.Content.PublishedContent.FormatDate(review.ReviewedUtc)}</time></dd>", page);
    }

    [Fact]
    public async Task OverdueCount_CountsEntriesPastTheirNextReview()
    {
        var (count, siteId) = await factory.WithScopeAsync(async sp =>
        {
            var site = await sp.GetRequiredService<WardDbContext>().Sites.OrderBy(s => s.Id).FirstAsync();
            var service = sp.GetRequiredService<HandbookReviewService>();
            return (await service.OverdueCountAsync(site.Id, new DateTime(2025, 8, 21, 0, 0, 0, DateTimeKind.Utc)), site.Id);
        });
        // On 21/08/2025 only the three civil-status entries (published 20/02/2025) are six months old.
        Assert.Equal(3, count);
        Assert.True(siteId > 0);
    }

    [Fact]
    public async Task StaffHandbookPage_RequiresLogin_AndReviewWithoutTokenIsRejected()
    {
        var anonymous = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/handbook")).StatusCode);
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("editor1", WardAppFactory.StaffPassword);
        var res = await client.PostAsync("/admin/handbook?handler=Review", new FormUrlEncodedContent([new("itemId", "1")]));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }
}

public sealed class SqliteHandbookTests(SqliteAppFactory f) : HandbookTests<SqliteAppFactory>(f);

public sealed class PostgresHandbookTests(PostgresAppFactory f) : HandbookTests<PostgresAppFactory>(f);
