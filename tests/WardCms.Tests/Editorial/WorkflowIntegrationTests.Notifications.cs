using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Notifications;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;

namespace WardCms.Tests.Editorial;

/// <summary>
/// Notifications (issue 17): a draft sent for review tells the unit's reviewer, a send-back tells the
/// author with the comment, under the bell and by e-mail caught by the SMTP server inside the test
/// process; nobody is told of their own move; opening one marks it read; a kind turned off still
/// comes under the bell but not by e-mail; a malformed address is refused and changes nothing.
/// </summary>
public abstract partial class WorkflowIntegrationTests<TFactory>
{
    private async Task<string> GiveAddressAsync(string user)
    {
        var address = $"{user}.{Guid.NewGuid():N}@wardcms.test";
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var account = (await users.FindByNameAsync(user))!;
            account.Email = address;
            Assert.True((await users.UpdateAsync(account)).Succeeded);
            await sp.GetRequiredService<WardDbContext>().Set<NotificationMailOptOut>().Where(o => o.UserId == account.Id).ExecuteDeleteAsync();
            return 0;
        });
        return address;
    }

    private Task<List<Notification>> NoticesAsync(string user, int itemId) => factory.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        return db.Set<Notification>().Where(n => n.Link == $"/admin/content/edit/{itemId}" && db.Users.Any(u => u.Id == n.UserId && u.UserName == user))
            .OrderBy(n => n.Id).ToListAsync();
    });

    [Fact]
    public async Task SubmitAndSendBack_TellTheReviewerAndTheAuthor_UnderTheBellAndByEmail()
    {
        var editorAddress = await GiveAddressAsync("editor1");
        var reviewerAddress = await GiveAddressAsync("reviewer1");
        var title = "Bài chờ duyệt có thông báo " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", title, 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var reviewer = await LoggedInAsync(factory, "reviewer1");

        // Sent for review: the unit's reviewer is told, the editor (who moved it) is not.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.Submitted)).StatusCode);
        var review = Assert.Single(await NoticesAsync("reviewer1", id));
        Assert.Equal(NotificationKinds.Review, review.Kind);
        Assert.Equal($"Chờ bạn duyệt: {title}", review.Title);
        Assert.Empty(await NoticesAsync("editor1", id));
        var bell = WebUtility.HtmlDecode(await reviewer.GetStringAsync("/admin/notifications"));
        Assert.Contains($"Chờ bạn duyệt: {title}", bell);
        Assert.Matches("<span class=\"bell-count\">\\d+</span>", bell);
        var toReviewer = await TestSmtp.MessagesToAsync(reviewerAddress);
        Assert.Equal($"Chờ bạn duyệt: {title}", Assert.Single(toReviewer).Subject);

        // Sent back with a comment: the author is told, with the comment, and by e-mail with the link.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(reviewer, id, ContentStatus.Draft, comment: "Bổ sung số liệu quý III.")).StatusCode);
        var back = Assert.Single(await NoticesAsync("editor1", id));
        Assert.Equal(NotificationKinds.SentBack, back.Kind);
        Assert.Contains("Ý kiến: Bổ sung số liệu quý III.", back.Text);
        var mail = Assert.Single(await TestSmtp.MessagesToAsync(editorAddress));
        Assert.Equal($"Bài bị trả lại: {title}", mail.Subject);
        Assert.Contains("Bổ sung số liệu quý III.", mail.TextBody);
        Assert.Contains($"/admin/content/edit/{id}", mail.TextBody);
        Assert.Equal("no-reply@wardcms.test", mail.From.Mailboxes.Single().Address);
        Assert.Single(await NoticesAsync("reviewer1", id)); // not told of their own send-back

        // Opening it marks it read and goes to the article.
        var page = "/admin/notifications";
        var opened = await editor.PostFormAsync(page, $"{page}?handler=Open&id={back.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/admin/content/edit/{id}", opened.Headers.Location!.OriginalString);
        Assert.NotNull(Assert.Single(await NoticesAsync("editor1", id)).ReadUtc);
        // Someone else's notification is not there for them.
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostFormAsync(page, $"{page}?handler=Open&id={back.Id}", [])).StatusCode);

        // Send-backs turned off by e-mail: still under the bell, no e-mail.
        var me = "/account/me";
        var kept = await editor.PostFormAsync(me, $"{me}?handler=Notifications",
            [new("Email", editorAddress), .. NotificationKinds.All.Where(k => k.Kind != NotificationKinds.SentBack).Select(k => new KeyValuePair<string, string>("MailKinds", k.Kind))]);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(reviewer, id, ContentStatus.Draft, comment: "Sửa tiêu đề.")).StatusCode);
        var notices = await NoticesAsync("editor1", id);
        Assert.Equal(2, notices.Count);
        Assert.Equal(NotificationMail.None, notices[1].Mail);
        Assert.Single(await TestSmtp.MessagesToAsync(editorAddress, atLeast: 2, timeout: TimeSpan.FromSeconds(3)));

        // A malformed address: named, refused, nothing changed.
        var bad = await editor.PostFormAsync(me, $"{me}?handler=Notifications", [new("Email", "khong-phai-dia-chi"), new("MailKinds", NotificationKinds.Review)]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("“khong-phai-dia-chi” không phải là địa chỉ thư điện tử", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        // Another address without the password (a session left open): refused, nothing changed.
        var swapped = await editor.PostFormAsync(me, $"{me}?handler=Notifications", [new("Email", "ke-gian@example.test"), new("MailKinds", NotificationKinds.Review)]);
        Assert.Equal(HttpStatusCode.BadRequest, swapped.StatusCode);
        Assert.Contains("Nhập đúng mật khẩu hiện tại để đổi địa chỉ thư điện tử", WebUtility.HtmlDecode(await swapped.Content.ReadAsStringAsync()));
        Assert.Equal(editorAddress, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users.Where(u => u.UserName == "editor1").Select(u => u.Email).SingleAsync()));
        Assert.Equal(1, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<NotificationMailOptOut>()
            .CountAsync(o => o.Kind == NotificationKinds.SentBack && sp.GetRequiredService<WardDbContext>().Users.Any(u => u.Id == o.UserId && u.UserName == "editor1"))));
    }

    [Fact]
    public async Task CitizensComment_TellsTheModeratorsOnce_WhileUnread()
    {
        var (itemId, url) = await factory.WithScopeAsync(async sp =>
        {
            var item = await sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null && !i.IsDeleted)
                .OrderByDescending(i => i.Id).Skip(2).Select(i => new { i.Id, i.PublishedSlug }).FirstAsync();
            return (item.Id, "/cchc/" + item.PublishedSlug);
        });
        async Task CommentAsync(string text, string client)
        {
            var citizen = factory.CreateBrowserClient();
            citizen.DefaultRequestHeaders.Add(WardAppFactory.ClientHeader, client);
            var html = await citizen.GetStringAsync(url);
            var res = await citizen.PostAsync("/phan-hoi", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ItemId"] = itemId.ToString(),
                ["Helpful"] = "co",
                ["Comment"] = text,
                ["__RequestVerificationToken"] = HttpClientExtensions.ExtractToken(html)!,
            }));
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        }
        var link = $"/admin/feedback?status=pending&item={itemId}";
        Task<int> ToldAsync() => factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<Notification>()
            .CountAsync(n => n.Link == link && n.Kind == NotificationKinds.Feedback));

        await CommentAsync("Xin hỏi thêm về lệ phí.", "203.0.113.41");
        var afterFirst = await ToldAsync();
        Assert.True(afterFirst >= 2, $"the moderators (admin, leader) were told: {afterFirst}");
        await CommentAsync("Cảm ơn phường.", "203.0.113.42");
        Assert.Equal(afterFirst, await ToldAsync()); // unread already: not told again
        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Contains("Ý kiến mới chờ kiểm duyệt", WebUtility.HtmlDecode(await leader.GetStringAsync("/admin/notifications")));
    }
}

/// <summary>The hourly sweep: overdue handbook entries and the plan officers' Monday summary, each told once.</summary>
public abstract partial class WorkflowIntegrationTests<TFactory>
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private NotificationSweep SweepAt(DateTimeOffset now) => new(factory.Services.GetRequiredService<IServiceScopeFactory>(), new FixedClock(now),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationSweep>.Instance);

    private Task<int> CountAsync(string kind) => factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<Notification>().CountAsync(n => n.Kind == kind));

    [Fact]
    public async Task Sweep_TellsOfOverdueHandbookEntriesOnce_AndSendsTheMondaySummaryOnceAWeek()
    {
        // Two years on (a Tuesday), every handbook entry is past its review date.
        var later = DateTimeOffset.UtcNow.AddYears(2);
        while (later.ToOffset(TimeSpan.FromHours(7)).DayOfWeek != DayOfWeek.Tuesday)
            later = later.AddDays(1);
        var entries = await factory.WithScopeAsync(async sp => (await sp.GetRequiredService<WardCms.Core.Handbook.HandbookReviewService>()
            .StatusesAsync(await sp.GetRequiredService<WardDbContext>().Sites.Where(s => s.Key == "hai-ba-trung").Select(s => s.Id).SingleAsync())).Count);
        Assert.True(entries > 0);
        await SweepAt(later).SweepAsync(CancellationToken.None);
        var told = await CountAsync(NotificationKinds.HandbookOverdue);
        Assert.True(told >= entries, $"{told} notices for {entries} overdue entries");
        await SweepAt(later.AddHours(1)).SweepAsync(CancellationToken.None);
        Assert.Equal(told, await CountAsync(NotificationKinds.HandbookOverdue));
        Assert.Equal(0, await CountAsync(NotificationKinds.WeeklyDigest)); // not a Monday

        // A Monday at 8:00 in Hà Nội within the plan: the plan officers get this month's shortfalls, once.
        await PlanRunningThisYearAsync(factory);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var monday = new DateTimeOffset(today.Year, today.Month, 1, 8, 0, 0, TimeSpan.FromHours(7));
        while (monday.DayOfWeek != DayOfWeek.Monday)
            monday = monday.AddDays(1);
        await SweepAt(monday).SweepAsync(CancellationToken.None);
        var digests = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<Notification>()
            .Where(n => n.Kind == NotificationKinds.WeeklyDigest).ToListAsync());
        Assert.NotEmpty(digests);
        Assert.All(digests, d => Assert.Contains("Còn thiếu", d.Text));
        var officers = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Users
            .Where(u => digests.Select(d => d.UserId).Contains(u.Id)).Select(u => u.UserName!).ToListAsync());
        Assert.Contains("admin", officers);
        await SweepAt(monday.AddHours(3)).SweepAsync(CancellationToken.None);
        Assert.Equal(digests.Count, await CountAsync(NotificationKinds.WeeklyDigest));
    }
}
