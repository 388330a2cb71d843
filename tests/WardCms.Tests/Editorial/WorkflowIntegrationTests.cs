using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;

namespace WardCms.Tests.Editorial;

public abstract partial class WorkflowIntegrationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task TaggedArticle_SubmittedForwardedApprovedAndPublishedThroughTheUi_CountsForTask5AndIsAudited()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Phường đẩy mạnh dịch vụ công trực tuyến " + Guid.NewGuid().ToString("N")[..6], 5);
        var before = await Task5CurrentMonthAsync();

        var editor = await LoggedInAsync(factory, "editor1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(ContentStatus.Submitted, await StatusAsync(factory, id));

        var reviewer = await LoggedInAsync(factory, "reviewer1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(reviewer, id, ContentStatus.Forwarded)).StatusCode);
        Assert.Equal(ContentStatus.Forwarded, await StatusAsync(factory, id));

        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);
        Assert.Equal(ContentStatus.Published, await StatusAsync(factory, id));

        Assert.Equal(before + 1, await Task5CurrentMonthAsync());
        var actions = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<AuditEntry>()
            .Where(a => a.ContentItemId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([WorkflowAction.Saved, WorkflowAction.Submitted, WorkflowAction.Forwarded, WorkflowAction.Published], actions);
    }

    [Fact]
    public async Task Editor_TryingToApprove_Gets403AndTheItemStays()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài thử quyền duyệt " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        await MoveAsync(editor, id, ContentStatus.Submitted);

        var res = await MoveAsync(editor, id, ContentStatus.Approved);

        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Contains("không có quyền", await res.Content.ReadAsStringAsync());
        Assert.Equal(ContentStatus.Submitted, await StatusAsync(factory, id));
    }

    [Fact]
    public async Task ReviewerOfAnotherUnit_CannotForward()
    {
        var id = await CreateArticleAsync(factory, "editor2", "Bài phòng kinh tế " + Guid.NewGuid().ToString("N")[..6], 8);
        var editor2 = await LoggedInAsync(factory, "editor2");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor2, id, ContentStatus.Submitted)).StatusCode);

        var reviewer = await LoggedInAsync(factory, "reviewer1"); // unit vhxh, the item is kthtdt's
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(reviewer, id, ContentStatus.Forwarded)).StatusCode);
        Assert.Equal(ContentStatus.Submitted, await StatusAsync(factory, id));
    }

    [Fact]
    public async Task SendBack_WithoutComment_IsRefusedWithAMessage_WithCommentTheAuthorSeesIt()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài cần sửa " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        var reviewer = await LoggedInAsync(factory, "reviewer1");

        var refused = await MoveAsync(reviewer, id, ContentStatus.Draft, comment: "  ");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Cần ghi ý kiến khi trả lại", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ContentStatus.Submitted, await StatusAsync(factory, id));

        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(reviewer, id, ContentStatus.Draft, comment: "Bổ sung số liệu tháng này.")).StatusCode);
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
        var page = await editor.GetStringAsync($"/admin/workflow/transition?id={id}");
        Assert.Contains("Bổ sung số liệu tháng này.", page);
        Assert.Contains("trả lại", page);
    }

    [Fact]
    public async Task Submitting_WithoutAPlanTask_IsRefused()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài chưa gắn nhiệm vụ " + Guid.NewGuid().ToString("N")[..6]);
        var editor = await LoggedInAsync(factory, "editor1");
        var res = await MoveAsync(editor, id, ContentStatus.Submitted);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("nhiệm vụ kế hoạch", await res.Content.ReadAsStringAsync());
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
    }

    [Fact]
    public async Task Takedown_RequestedByEditor_IsDoneOnlyWhenTheLeaderApproves()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài sẽ gỡ " + Guid.NewGuid().ToString("N")[..6], 5);
        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);
        var editor = await LoggedInAsync(factory, "editor1");

        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(editor, id, ContentStatus.Draft, "gỡ")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.TakedownRequested, "Số liệu đã cũ.")).StatusCode);
        Assert.Equal(ContentStatus.TakedownRequested, await StatusAsync(factory, id));
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.AnyAsync(i => i.Id == id && i.PublishedVersionId != null)));

        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Draft)).StatusCode);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.AnyAsync(i => i.Id == id && i.PublishedVersionId == null && i.Status == ContentStatus.Draft)));
    }

    [Fact]
    public async Task ScheduledItem_IsPublishedOnceWhenDue_EvenWhenThePublisherRunsTwice()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài hẹn giờ " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        var leader = await LoggedInAsync(factory, "leader1");
        var at = AdminLocal(DateTime.UtcNow.AddHours(2));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Scheduled, publishAt: at)).StatusCode);
        Assert.Equal(ContentStatus.Scheduled, await StatusAsync(factory, id));

        var clock = new ManualTime(DateTimeOffset.UtcNow);
        var publisher = new ScheduledPublisher(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock, new ScheduledPublisherOptions(),
            NullLogger<ScheduledPublisher>.Instance);
        Assert.Equal(0, await publisher.RunOnceAsync());
        Assert.Equal(ContentStatus.Scheduled, await StatusAsync(factory, id));

        clock.Advance(TimeSpan.FromHours(3));
        var runs = await Task.WhenAll(publisher.RunOnceAsync(), publisher.RunOnceAsync());
        Assert.Equal(ContentStatus.Published, await StatusAsync(factory, id));
        var publishedAudits = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<AuditEntry>()
            .CountAsync(a => a.ContentItemId == id && a.Action == WorkflowAction.Published));
        Assert.Equal(1, publishedAudits);
        Assert.True(runs.Sum() >= 1);
    }

    [Fact]
    public async Task ScheduledPublisher_OneBrokenItem_DoesNotStopTheOthers()
    {
        var good = await CreateArticleAsync(factory, "editor1", "Bài hẹn giờ tốt " + Guid.NewGuid().ToString("N")[..6], 5);
        var broken = await CreateArticleAsync(factory, "editor1", "Bài hẹn giờ hỏng " + Guid.NewGuid().ToString("N")[..6], 5);
        var due = DateTime.UtcNow.AddMinutes(-5);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            await db.ContentItems.Where(i => i.Id == good || i.Id == broken).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ContentStatus.Scheduled).SetProperty(i => i.ScheduledPublishUtc, due)
                .SetProperty(i => i.ApprovedVersionId, i => i.LatestVersionId));
            // The broken one comes first and names a type that does not exist: publishing it throws.
            await db.ContentItems.Where(i => i.Id == broken).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.ScheduledPublishUtc, due.AddMinutes(-1)).SetProperty(i => i.ContentType, "KhongTonTai"));
        });
        var publisher = new ScheduledPublisher(factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            new ScheduledPublisherOptions(), NullLogger<ScheduledPublisher>.Instance);

        var count = await publisher.RunOnceAsync();

        Assert.Equal(1, count);
        Assert.Equal(ContentStatus.Published, await StatusAsync(factory, good));
        Assert.Equal(ContentStatus.Scheduled, await StatusAsync(factory, broken));
        // Its author is told it did not go out (the bell; e-mail when they have an address).
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<WardCms.Core.Notifications.Notification>()
            .AnyAsync(n => n.Kind == WardCms.Core.Notifications.NotificationKinds.PublishFailed && n.Link == $"/admin/content/edit/{broken}"
                && sp.GetRequiredService<WardDbContext>().Users.Any(u => u.Id == n.UserId && u.UserName == "editor1"))));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == broken)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ContentType, "CchcArticle").SetProperty(i => i.Status, ContentStatus.Draft)));
    }

    private static string AdminLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, PeriodCalculator.Zone).ToString("yyyy-MM-ddTHH:mm");

    private Task<decimal> Task5CurrentMonthAsync() => factory.WithScopeAsync(async sp =>
    {
        var progress = sp.GetRequiredService<PlanProgressService>();
        var db = sp.GetRequiredService<WardDbContext>();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        var plan = (await progress.FindPlanAsync(site.Id, await PlanRunningThisYearAsync(factory)))!;
        var today = PeriodCalculator.LocalDate(DateTimeOffset.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1);
        var result = await progress.EvaluateAsync(plan, month, month.AddMonths(1).AddDays(-1));
        var task5 = result.Evaluation.Tasks.Single(t => t.Task.Code == "5");
        return task5.Rules[0].Periods.Single().Achieved;
    });
}

public sealed class SqliteWorkflowIntegrationTests(SqliteAppFactory f) : WorkflowIntegrationTests<SqliteAppFactory>(f);

public sealed class PostgresWorkflowIntegrationTests(PostgresAppFactory f) : WorkflowIntegrationTests<PostgresAppFactory>(f);
