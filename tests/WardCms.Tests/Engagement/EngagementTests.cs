using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Engagement;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Engagement;

/// <summary>Page views (counted on the server, machines and staff left out) and citizens' feedback with moderation.</summary>
public abstract class EngagementTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : EngagementAppFactory
{
    private const string Browser = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
    private const string HandbookUrl = "/cam-nang/dang-ky-tam-tru-truc-tuyen";
    private const string ArticleUrl = "/cchc/hon-90-ho-so-thu-tuc-hanh-chinh-cua-phuong-duoc-tiep-nhan-truc-tuyen";
    private static int _client;

    [Fact]
    public async Task ManyLoadsByOneReader_CountOnce_AndAnotherReaderCountsAgain()
    {
        var before = await ViewsAsync(HandbookUrl);
        var reader = Client(userAgent: Browser);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(HandbookUrl)).StatusCode);
        }
        Assert.Equal(before + 1, await ViewsAsync(HandbookUrl));

        Assert.Equal(HttpStatusCode.OK, (await Client(userAgent: Browser).GetAsync(HandbookUrl)).StatusCode);
        Assert.Equal(before + 2, await ViewsAsync(HandbookUrl));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Mozilla/5.0 (Linux; Android 10) ZaloLinkPreview/1.0")]
    [InlineData("curl/8.5.0")]
    [InlineData("Wget/1.21")]
    [InlineData("python-requests/2.32")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36")]
    [InlineData("")]
    public async Task MachineUserAgents_AreNotCounted(string userAgent)
    {
        var before = await ViewsAsync(ArticleUrl);

        Assert.Equal(HttpStatusCode.OK, (await Client(userAgent: userAgent).GetAsync(ArticleUrl)).StatusCode);

        Assert.Equal(before, await ViewsAsync(ArticleUrl));
    }

    [Fact]
    public async Task AdminPagesAndSignedInStaff_AreNotCounted()
    {
        var before = await TotalViewsAsync();
        var client = Client(userAgent: Browser);
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/views")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HandbookUrl)).StatusCode);

        Assert.Equal(before, await TotalViewsAsync());
    }

    [Fact]
    public async Task ItemPage_ShowsTheFeedbackForm()
    {
        var res = await Client().GetAsync(HandbookUrl);
        var html = await res.Content.ReadAsStringAsync();

        Assert.Contains("Thông tin này có hữu ích không?", html);
        Assert.Contains("action=\"/phan-hoi\"", html);
        // No antiforgery cookie on public pages: they must stay cacheable.
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.False(res.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Feedback_IsStoredPendingAndNotShownPublicly()
    {
        var client = Client();
        var marker = "z" + Guid.NewGuid().ToString("N")[..8];
        var comment = "Nên ghi rõ giờ làm việc thứ bảy " + marker;

        var res = await PostFeedbackAsync(client, HandbookUrl, "co", comment);

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal(HandbookUrl + "?phan-hoi=da-gui#phan-hoi", res.Headers.Location!.OriginalString);
        var stored = await FeedbackAsync(comment);
        Assert.NotNull(stored);
        Assert.Equal(FeedbackStatus.Pending, stored.Status);
        Assert.True(stored.Helpful);
        var thanks = await client.GetStringAsync(HandbookUrl + "?phan-hoi=da-gui");
        Assert.Contains("Cảm ơn bạn đã góp ý", thanks);
        Assert.DoesNotContain(comment, thanks);
        Assert.Contains("\"total\":0", await client.GetStringAsync("/api/search?q=" + marker));
    }

    [Fact]
    public async Task Feedback_WithFetch_GetsJsonThankYou()
    {
        var client = Client();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var res = await PostFeedbackAsync(client, HandbookUrl, "khong", "");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.StartsWith("Cảm ơn bạn đã góp ý", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Feedback_WithoutAnswerOrWithOverlongComment_Is400AndStoresNothing()
    {
        var client = Client();
        var before = await FeedbackCountAsync();

        var noAnswer = await PostFeedbackAsync(client, HandbookUrl, "", "Không chọn");
        var tooLong = await PostFeedbackAsync(client, HandbookUrl, "co", new string('x', 1001));

        Assert.Equal(HttpStatusCode.BadRequest, noAnswer.StatusCode);
        Assert.Contains("Hãy chọn “Có” hoặc “Không”.", await noAnswer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Góp ý dài 1.001 ký tự; tối đa 1.000 ký tự.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(before, await FeedbackCountAsync());
    }

    [Fact]
    public async Task Feedback_PostedFromAnotherSite_IsRejected()
    {
        var before = await FeedbackCountAsync();
        var client = Client();
        var html = await client.GetStringAsync(HandbookUrl);
        var itemId = System.Text.RegularExpressions.Regex.Match(html, "name=\"ItemId\" value=\"(\\d+)\"").Groups[1].Value;
        var forged = new HttpRequestMessage(HttpMethod.Post, "/phan-hoi")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["ItemId"] = itemId, ["Helpful"] = "co" }),
        };
        forged.Headers.Add("Origin", "https://trang-gia-mao.example");
        var res = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(before, await FeedbackCountAsync());
    }

    [Fact]
    public async Task Feedback_SixthPostFromOneClientWithinTenMinutes_Is429()
    {
        var client = Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostFeedbackAsync(client, ArticleUrl, "co", "")).StatusCode);
        }

        var sixth = await PostFeedbackAsync(client, ArticleUrl, "co", "");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("Bạn đã gửi quá nhiều lần trong thời gian ngắn", await sixth.Content.ReadAsStringAsync());
        // Another client is not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFeedbackAsync(Client(), ArticleUrl, "co", "")).StatusCode);
    }

    [Fact]
    public async Task Moderator_ApprovesAndHidesFeedback()
    {
        var comment = "Cần thêm mẫu tờ khai " + Guid.NewGuid().ToString("N")[..8];
        await PostFeedbackAsync(Client(), HandbookUrl, "khong", comment);
        var stored = (await FeedbackAsync(comment))!;
        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);

        var list = await staff.GetStringAsync("/admin/feedback");
        Assert.Contains(comment, list);
        var approve = await staff.PostFormAsync("/admin/feedback", "/admin/feedback?handler=Approve", [new("id", stored.Id.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var approved = (await FeedbackAsync(comment))!;
        Assert.Equal(FeedbackStatus.Approved, approved.Status);
        Assert.NotNull(approved.ModeratedById);
        Assert.NotNull(approved.ModeratedUtc);
        Assert.DoesNotContain(comment, await staff.GetStringAsync("/admin/feedback?status=pending"));

        Assert.Contains(comment, await staff.GetStringAsync($"/admin/feedback?status=all&item={stored.ContentItemId}"));
        Assert.DoesNotContain(comment, await staff.GetStringAsync($"/admin/feedback?status=all&item={stored.ContentItemId + 1}"));

        await staff.PostFormAsync("/admin/feedback", "/admin/feedback?handler=Hide", [new("id", stored.Id.ToString())]);
        Assert.Equal(FeedbackStatus.Hidden, (await FeedbackAsync(comment))!.Status);
    }

    [Fact]
    public async Task ApprovedComment_AppearsUnderTheArticle_AndGoesWhenHidden()
    {
        var reader = Client(userAgent: Browser);
        var comment = "Mong phường niêm yết thêm lịch tiếp dân <b>thứ bảy</b> " + Guid.NewGuid().ToString("N")[..8];
        await PostFeedbackAsync(Client(), ArticleUrl, "co", comment);
        var stored = (await FeedbackAsync(comment))!;
        // The page is now in the output cache without the comment.
        Assert.DoesNotContain("thứ bảy", await reader.GetStringAsync(ArticleUrl));
        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);

        await staff.PostFormAsync("/admin/feedback", "/admin/feedback?handler=Approve", [new("id", stored.Id.ToString())]);
        var shown = await reader.GetStringAsync(ArticleUrl);

        Assert.Contains("Ý kiến bạn đọc", shown);
        // Encoded, never markup.
        Assert.Contains("lịch tiếp dân &lt;b&gt;thứ bảy&lt;/b&gt; " + comment[^8..], shown);
        Assert.Contains("Thấy hữu ích", shown);

        await staff.PostFormAsync("/admin/feedback", "/admin/feedback?handler=Hide", [new("id", stored.Id.ToString())]);

        Assert.DoesNotContain(comment[^8..], await reader.GetStringAsync(ArticleUrl));
    }

    [Fact]
    public async Task PhoneNumberAndEmail_RedactedInOneClick_PublicSeesTheRedactedText_AdminKeepsTheOriginal()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var comment = $"Hồ sơ của tôi bị chậm {tag}, gọi 0912 345 678 hoặc gửi an.nguyen@example.com giúp tôi.";
        await PostFeedbackAsync(Client(), HandbookUrl, "khong", comment);
        var stored = (await FeedbackAsync(comment))!;
        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);
        Assert.Contains("Có số điện thoại / e-mail", await staff.GetStringAsync("/admin/feedback"));

        var res = await staff.PostFormAsync("/admin/feedback", "/admin/feedback?handler=RedactApprove", [new("id", stored.Id.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var after = (await FeedbackAsync(comment))!;
        Assert.Equal(FeedbackStatus.Approved, after.Status);
        Assert.Equal(comment, after.Comment); // the record keeps what was sent
        Assert.Equal($"Hồ sơ của tôi bị chậm {tag}, gọi [đã ẩn số điện thoại] hoặc gửi [đã ẩn e-mail] giúp tôi.", after.PublicComment);
        // No browser user agent: a counted view left unflushed would skew another test's month totals.
        var page = WebUtility.HtmlDecode(await Client().GetStringAsync(HandbookUrl));
        Assert.Contains($"bị chậm {tag}, gọi [đã ẩn số điện thoại] hoặc gửi [đã ẩn e-mail]", page);
        Assert.DoesNotContain("0912 345 678", page);
        Assert.DoesNotContain("an.nguyen@example.com", page);
        Assert.Contains("0912 345 678", WebUtility.HtmlDecode(await staff.GetStringAsync($"/admin/feedback/edit/{stored.Id}")));
    }

    [Fact]
    public async Task Moderator_EditsTheTextAndReplies_PublicSeesTheEditAndTheReplyUnderTheComment()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var comment = $"Cán bộ một cửa {tag} làm việc quá chậm, tên là Nguyễn Văn B.";
        await PostFeedbackAsync(Client(), ArticleUrl, "khong", comment);
        var stored = (await FeedbackAsync(comment))!;
        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);
        var edited = $"Cán bộ một cửa {tag} làm việc quá chậm.";
        var reply = $"Phường đã bố trí thêm một cán bộ tiếp nhận hồ sơ từ thứ hai {tag}.";

        var res = await staff.PostFormAsync($"/admin/feedback/edit/{stored.Id}", $"/admin/feedback/edit/{stored.Id}",
            [new("Input.PublicComment", edited), new("Input.Reply", reply), new("act", "approve")]);

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var after = (await FeedbackAsync(comment))!;
        Assert.Equal(FeedbackStatus.Approved, after.Status);
        Assert.Equal(edited, after.PublicComment);
        Assert.Equal(reply, after.Reply);
        Assert.Equal("Cán bộ leader1", after.RepliedByName);
        var page = WebUtility.HtmlDecode(await Client().GetStringAsync(ArticleUrl));
        Assert.DoesNotContain("Nguyễn Văn B", page);
        var text = page.IndexOf(edited, StringComparison.Ordinal);
        var answer = page.IndexOf(reply, StringComparison.Ordinal);
        Assert.True(text >= 0 && answer > text, $"comment at {text}, reply at {answer}");
        Assert.Contains("Phường trả lời", page[text..answer]);
        var admin = WebUtility.HtmlDecode(await staff.GetStringAsync($"/admin/feedback/edit/{stored.Id}"));
        Assert.Contains(comment, admin);
    }

    [Fact]
    public async Task Moderator_EmptyingThePublicText_IsRefusedWithAMessage_AndNothingChanges()
    {
        var comment = "Góp ý cần giữ " + Guid.NewGuid().ToString("N")[..8];
        await PostFeedbackAsync(Client(), ArticleUrl, "co", comment);
        var stored = (await FeedbackAsync(comment))!;
        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);

        var res = await staff.PostFormAsync($"/admin/feedback/edit/{stored.Id}", $"/admin/feedback/edit/{stored.Id}",
            [new("Input.PublicComment", "  "), new("Input.Reply", "Trả lời đang gõ dở"), new("act", "approve")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains("Nội dung công khai không được để trống", html);
        Assert.Contains("Trả lời đang gõ dở", html);
        var after = (await FeedbackAsync(comment))!;
        Assert.Equal(FeedbackStatus.Pending, after.Status);
        Assert.Null(after.PublicComment);
        Assert.Null(after.Reply);
    }

    [Fact]
    public async Task ZaloInAppBrowser_IsCountedAsAReader()
    {
        const string zalo = "Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Zalo android/12100709 ZaloTheme/light ZaloLanguage/vn";
        var before = await ViewsAsync(ArticleUrl);

        Assert.Equal(HttpStatusCode.OK, (await Client(userAgent: zalo).GetAsync(ArticleUrl)).StatusCode);

        Assert.Equal(before + 1, await ViewsAsync(ArticleUrl));
    }

    [Theory]
    [InlineData("editor1", "/admin/feedback")]
    [InlineData("editor1", "/admin/views")]
    [InlineData("reviewer1", "/admin/feedback")]
    [InlineData("radio1", "/admin/views")]
    public async Task StaffPages_WithoutThePermission_AreForbidden(string user, string url)
    {
        var client = Client();
        await client.LoginAsync(user, WardAppFactory.StaffPassword);

        var res = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.StartsWith("/account/denied", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(res.Headers.Location)).StatusCode);
    }

    [Theory]
    [InlineData("leader1", "/admin/feedback")]
    [InlineData("reviewer1", "/admin/views")]
    [InlineData("leader1", "/admin/views?thang=2025-03")]
    [InlineData("leader1", "/admin/views?thang=khong-phai-thang")]
    public async Task StaffPages_WithThePermission_Open(string user, string url)
    {
        var client = Client();
        await client.LoginAsync(user, WardAppFactory.StaffPassword);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task MonthStats_CountViewsAndAnswersPerItemAndTopic()
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, WardCms.Core.Content.PublishedContent.Ict);
        var siteId = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Sites.Select(s => s.Id).FirstAsync());
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<EngagementStats>().MonthTotalsAsync(siteId, now.Year, now.Month));
        await Client(userAgent: Browser).GetAsync(HandbookUrl);
        await Client(userAgent: Browser).GetAsync(HandbookUrl);
        await PostFeedbackAsync(Client(), HandbookUrl, "co", "Rất rõ ràng");
        await PostFeedbackAsync(Client(), HandbookUrl, "khong", "");
        await factory.Services.GetRequiredService<PageViewFlusher>().FlushAsync();

        var after = await factory.WithScopeAsync(sp => sp.GetRequiredService<EngagementStats>().MonthTotalsAsync(siteId, now.Year, now.Month));
        Assert.Equal(before.Views + 2, after.Views);
        Assert.Equal(before.HelpfulYes + 1, after.HelpfulYes);
        Assert.Equal(before.HelpfulNo + 1, after.HelpfulNo);
        Assert.Equal(before.Comments + 1, after.Comments);

        var month = await factory.WithScopeAsync(sp => sp.GetRequiredService<EngagementStats>().MonthAsync(siteId, now.Year, now.Month));
        var row = Assert.Single(month.Items, i => i.Url == HandbookUrl);
        Assert.True(row.Totals.Views >= 2);
        Assert.NotEmpty(month.Topics);
        Assert.Equal(after, month.Totals);

        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);
        var html = await staff.GetStringAsync("/admin/views");
        Assert.Contains("Đăng ký tạm trú trực tuyến", html);
        Assert.Contains("Theo chủ đề", html);
    }

    [Fact]
    public async Task PlanDashboard_ShowsTheMonthsReadersPendingCommentsAndOverdueHandbookEntries()
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, WardCms.Core.Content.PublishedContent.Ict);
        await Client(userAgent: Browser).GetAsync(ArticleUrl);
        await PostFeedbackAsync(Client(), ArticleUrl, "co", "Chờ duyệt " + Guid.NewGuid().ToString("N")[..6]);
        await factory.Services.GetRequiredService<PageViewFlusher>().FlushAsync();
        var (totals, pending, overdue) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var siteId = await db.Sites.Select(s => s.Id).FirstAsync();
            var t = await sp.GetRequiredService<EngagementStats>().MonthTotalsAsync(siteId, now.Year, now.Month);
            var p = await db.Set<Feedback>().CountAsync(f => f.SiteId == siteId && f.Status == FeedbackStatus.Pending && f.Comment != null);
            var o = await sp.GetRequiredService<WardCms.Core.Handbook.HandbookReviewService>().OverdueCountAsync(siteId, DateTime.UtcNow);
            return (t, p, o);
        });
        var staff = Client();
        await staff.LoginAsync("leader1", WardAppFactory.StaffPassword);

        var html = System.Net.WebUtility.HtmlDecode(await staff.GetStringAsync("/admin/dashboard"));

        var vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        Assert.Contains($"Bạn đọc tháng {now.Month}/{now.Year}", html);
        Assert.True(totals.Views > 0 && pending > 0);
        Assert.Contains($"<span class=\"muted\">Lượt xem</span><strong>{totals.Views.ToString("N0", vi)}</strong>", html);
        Assert.Contains($"<strong>{totals.Comments.ToString("N0", vi)}</strong><span class=\"muted\">{pending.ToString("N0", vi)} đang chờ duyệt</span>", html);
        Assert.Contains($"<span class=\"muted\">Cẩm nang quá hạn rà soát</span><strong>{overdue.ToString("N0", vi)}</strong>", html);
    }

    [Fact]
    public void MonthBounds_AreIctCalendarMonths()
    {
        var (first, next, fromUtc, toUtc) = EngagementStats.Month(2025, 12);

        Assert.Equal(new DateOnly(2025, 12, 1), first);
        Assert.Equal(new DateOnly(2026, 1, 1), next);
        Assert.Equal(new DateTime(2025, 11, 30, 17, 0, 0, DateTimeKind.Utc), fromUtc);
        Assert.Equal(new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc), toUtc);
    }

    private HttpClient Client(string? userAgent = null)
    {
        var client = factory.CreateBrowserClient();
        var n = Interlocked.Increment(ref _client);
        client.DefaultRequestHeaders.Add(EngagementAppFactory.ClientHeader, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        if (!string.IsNullOrEmpty(userAgent))
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return client;
    }

    private static async Task<HttpResponseMessage> PostFeedbackAsync(HttpClient client, string pageUrl, string helpful, string comment)
    {
        var html = await client.GetStringAsync(pageUrl);
        var itemId = System.Text.RegularExpressions.Regex.Match(html, "name=\"ItemId\" value=\"(\\d+)\"").Groups[1].Value;
        return await client.PostAsync("/phan-hoi", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ItemId"] = itemId,
            ["Helpful"] = helpful,
            ["Comment"] = comment,
        }));
    }

    private async Task<int> ViewsAsync(string url)
    {
        await factory.Services.GetRequiredService<PageViewFlusher>().FlushAsync();
        var slug = url[(url.LastIndexOf('/') + 1)..];
        return await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var id = await db.ContentItems.Where(i => i.PublishedSlug == slug).Select(i => i.Id).FirstAsync();
            return await db.Set<PageViewDaily>().Where(v => v.ContentItemId == id).SumAsync(v => (int?)v.Views) ?? 0;
        });
    }

    private async Task<int> TotalViewsAsync()
    {
        await factory.Services.GetRequiredService<PageViewFlusher>().FlushAsync();
        return await factory.WithScopeAsync(async sp => await sp.GetRequiredService<WardDbContext>().Set<PageViewDaily>().SumAsync(v => (int?)v.Views) ?? 0);
    }

    private Task<Feedback?> FeedbackAsync(string comment) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<Feedback>().AsNoTracking().FirstOrDefaultAsync(f => f.Comment == comment));

    private Task<int> FeedbackCountAsync() =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<Feedback>().CountAsync());
}

public sealed class SqliteEngagementTests(SqliteEngagementAppFactory f) : EngagementTests<SqliteEngagementAppFactory>(f);

public sealed class PostgresEngagementTests(PostgresEngagementAppFactory f) : EngagementTests<PostgresEngagementAppFactory>(f);

/// <summary>Readers counted once per item per day, recognised by a daily-salted hash of address and User-Agent.</summary>
public sealed class PageViewCounterTests
{
    private const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private const string Laptop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    // 23:00 in Hà Nội on 7 December.
    private readonly WardCms.Tests.Editorial.ManualTime _clock = new(new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero));

    [Fact]
    public void OneReader_ManyHitsOnOneItem_CountOnce()
    {
        var counter = new PageViewCounter(_clock);

        var counted = Enumerable.Range(0, 1000).Count(_ => counter.Record(1, 10, "203.0.113.5", Phone));

        Assert.Equal(1, counted);
        Assert.Equal(1, counter.PendingViews);
    }

    [Fact]
    public void AnotherAddressAnotherBrowserOrAnotherItem_CountsAgain()
    {
        var counter = new PageViewCounter(_clock);
        counter.Record(1, 10, "203.0.113.5", Phone);

        Assert.True(counter.Record(1, 10, "203.0.113.6", Phone));
        Assert.True(counter.Record(1, 10, "203.0.113.5", Laptop));
        Assert.True(counter.Record(1, 11, "203.0.113.5", Phone));
        Assert.True(counter.Record(2, 10, "203.0.113.5", Phone));
        Assert.Equal(5, counter.PendingViews);
    }

    [Fact]
    public void Bot_IsNotCounted()
    {
        var counter = new PageViewCounter(_clock);

        Assert.False(counter.Record(1, 10, "66.249.66.1", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        Assert.Equal(0, counter.PendingViews);
    }

    [Fact]
    public void TheNextDayInHaNoi_CountsTheSameReaderAgain()
    {
        var counter = new PageViewCounter(_clock);
        counter.Record(1, 10, "203.0.113.5", Phone);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(counter.Record(1, 10, "203.0.113.5", Phone));

        _clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 on 8 December (ICT)

        Assert.True(counter.Record(1, 10, "203.0.113.5", Phone));
        Assert.False(counter.Record(1, 10, "203.0.113.5", Phone));
        Assert.Equal(2, counter.PendingViews);
    }
}

public sealed class UserAgentsTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", false)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", false)]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true)]
    [InlineData("Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)", true)]
    [InlineData("Zalo", true)]
    [InlineData("okhttp/4.12.0", true)]
    [InlineData(null, true)]
    // Zalo's in-app browser, where citizens open links shared in Zalo groups: a reader.
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Zalo android/12100709 ZaloTheme/light ZaloLanguage/vn", false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/537 ZaloTheme/light ZaloLanguage/vn", false)]
    public void IsMachine_TellsReadersFromMachines(string? userAgent, bool machine) =>
        Assert.Equal(machine, UserAgents.IsMachine(userAgent));
}
