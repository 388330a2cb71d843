using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;
using static WardCms.Tests.Editorial.EditorialTestData;

namespace WardCms.Tests.Editorial;

// An approval is of a version: new text after a review step goes back to the start, and nothing
// publishes, schedules or airs text nobody reviewed. Same host as the other workflow tests.
public abstract partial class WorkflowIntegrationTests<TFactory>
{
    [Fact]
    public async Task ApprovedItem_EditedAfterApproval_ReturnsToDraft_AndTheLeaderCannotPublishTheUnseenText()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài duyệt rồi sửa " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var reviewer = await LoggedInAsync(factory, "reviewer1");
        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(reviewer, id, ContentStatus.Forwarded)).StatusCode);
        var approvedVersion = await LatestVersionIdAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Approved)).StatusCode);
        Assert.Equal(approvedVersion, await ItemAsync(id, i => i.ApprovedVersionId));

        var saved = await SaveNewTextAsync(id, "editor1", "Nội dung sửa sau khi duyệt, chưa ai xem.");

        Assert.Equal(ContentStatus.Approved, saved.ReturnedFrom);
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
        // The leader presses "Duyệt và xuất bản ngay" on the page they had open (the approved version).
        var stale = await MoveAsync(leader, id, ContentStatus.Published, versionId: approvedVersion);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("phiên bản mới", await stale.Content.ReadAsStringAsync());
        Assert.Null(await ItemAsync(id, i => i.PublishedVersionId));
        var audit = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<AuditEntry>()
            .Where(a => a.ContentItemId == id && a.Action == WorkflowAction.Saved).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal((ContentStatus.Approved, ContentStatus.Draft), (audit[^1].FromState, audit[^1].ToState));

        // Reviewed again from the start, it publishes the text that was reviewed.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.Submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);
        Assert.Equal(await LatestVersionIdAsync(id), await ItemAsync(id, i => i.PublishedVersionId));
    }

    [Fact]
    public async Task PublishingAnApprovedItem_PublishesTheApprovedVersion_NeverANewerOne()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài chỉ xuất bản bản duyệt " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var leader = await LoggedInAsync(factory, "leader1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Approved)).StatusCode);
        var approved = await LatestVersionIdAsync(id);
        // A newer version written behind the workflow's back (an import, a bug): the state still says "Approved".
        await SaveNewTextAsync(id, "editor1", "Bản chưa duyệt.");
        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ContentStatus.Approved)));

        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);

        Assert.Equal(approved, await ItemAsync(id, i => i.PublishedVersionId));
        var entry = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<AuditEntry>()
            .Where(a => a.ContentItemId == id && a.Action == WorkflowAction.Published).SingleAsync());
        Assert.Equal(1, entry.VersionNumber);
    }

    [Fact]
    public async Task ScheduledItem_EditedAfterScheduling_CancelsTheSchedule_AndTheSchedulerPublishesNothing()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài hẹn giờ rồi sửa " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var leader = await LoggedInAsync(factory, "leader1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Scheduled, publishAt: AdminLocal(DateTime.UtcNow.AddHours(1)))).StatusCode);

        var saved = await SaveNewTextAsync(id, "editor1", "Sửa sau khi đã hẹn giờ.");

        Assert.True(saved.ScheduleCancelled);
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
        Assert.Null(await ItemAsync(id, i => i.ScheduledPublishUtc));
        await RunSchedulerAsync(DateTimeOffset.UtcNow.AddHours(2));
        Assert.Null(await ItemAsync(id, i => i.PublishedVersionId));
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
    }

    [Fact]
    public async Task Scheduler_PublishesTheApprovedVersion_EvenWhenANewerOneExists()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài lịch hẹn đúng bản " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var leader = await LoggedInAsync(factory, "leader1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        var approved = await LatestVersionIdAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Scheduled, publishAt: AdminLocal(DateTime.UtcNow.AddHours(1)))).StatusCode);
        var at = await ItemAsync(id, i => i.ScheduledPublishUtc);
        await SaveNewTextAsync(id, "editor1", "Bản viết sau lịch hẹn.");
        // Forced back to "Scheduled" as old data or a second writer could leave it: the clock still reads the approval.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ContentStatus.Scheduled).SetProperty(i => i.ScheduledPublishUtc, at)));

        await RunSchedulerAsync(DateTimeOffset.UtcNow.AddHours(2));

        Assert.Equal(ContentStatus.Published, await StatusAsync(factory, id));
        Assert.Equal(approved, await ItemAsync(id, i => i.PublishedVersionId));
    }

    [Fact]
    public async Task PublishedItem_EditedDuringReview_KeepsThePublishedVersionPublic_UntilTheRevisionIsApproved()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài đang xuất bản có bản sửa " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);
        var v1 = await ItemAsync(id, i => i.PublishedVersionId);

        await SaveNewTextAsync(id, "editor1", "Bản sửa thứ nhất.");
        Assert.Equal(ContentStatus.Published, await StatusAsync(factory, id));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, ContentStatus.Submitted)).StatusCode);
        var again = await SaveNewTextAsync(id, "editor1", "Bản sửa thứ hai, khi đang chờ duyệt.");

        Assert.Equal(ContentStatus.Submitted, again.ReturnedFrom);
        Assert.Equal(ContentStatus.Published, await StatusAsync(factory, id));
        Assert.Equal(v1, await ItemAsync(id, i => i.PublishedVersionId));
    }

    [Fact]
    public async Task TrashingAScheduledItem_NeedsTheTakedownRightAndAReason_AndRestoreBringsItBackAsADraftWithNoSchedule()
    {
        var title = "Bài hẹn giờ vào thùng rác " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", title, 5);
        var editor = await LoggedInAsync(factory, "editor1");
        var leader = await LoggedInAsync(factory, "leader1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Scheduled, publishAt: AdminLocal(DateTime.UtcNow.AddHours(1)))).StatusCode);

        // The editor is not offered the button, and a forged POST is refused with the reason.
        var editorPage = await editor.GetStringAsync($"/admin/content/edit/{id}");
        Assert.DoesNotContain("handler=Trash", editorPage, StringComparison.OrdinalIgnoreCase);
        var forged = await editor.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Trash", []);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("quyền gỡ bài", await forged.Content.ReadAsStringAsync());

        // The leader must say why.
        Assert.Contains("trash-reason", await leader.GetStringAsync($"/admin/content/edit/{id}"));
        var noReason = await leader.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Trash", []);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Cần ghi lý do", await noReason.Content.ReadAsStringAsync());
        Assert.False(await ItemAsync(id, i => i.IsDeleted));
        var trashed = await leader.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Trash", [new("comment", "Sự kiện đã hoãn.")]);
        Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        var entry = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<AuditEntry>()
            .Where(a => a.ContentItemId == id && a.Action == WorkflowAction.Trashed).SingleAsync());
        Assert.Equal(("Sự kiện đã hoãn.", ContentStatus.Scheduled), (entry.Comment, entry.FromState));

        var restored = await leader.PostFormAsync("/admin/content/trash", $"/admin/content/trash?id={id}&handler=Restore", []);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
        Assert.Null(await ItemAsync(id, i => i.ScheduledPublishUtc));
        Assert.Null(await ItemAsync(id, i => i.ApprovedVersionId));
        await RunSchedulerAsync(DateTimeOffset.UtcNow.AddHours(2));
        Assert.Null(await ItemAsync(id, i => i.PublishedVersionId));
    }

    [Fact]
    public async Task SavingNewTextFirst_DoesNotLetAnEditorTrashAnApprovedItem()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài đã duyệt không tự xoá được " + Guid.NewGuid().ToString("N")[..6], 5);
        var editor = await LoggedInAsync(factory, "editor1");
        await MoveAsync(editor, id, ContentStatus.Submitted);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(await LoggedInAsync(factory, "leader1"), id, ContentStatus.Approved)).StatusCode);
        await SaveNewTextAsync(id, "editor1", "Sửa để đưa về nháp rồi xoá.");
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));

        var trash = await editor.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Trash", [new("comment", "Không cần nữa.")]);

        Assert.Equal(HttpStatusCode.Forbidden, trash.StatusCode);
        Assert.False(await ItemAsync(id, i => i.IsDeleted));
    }

    [Fact]
    public async Task RestoringAnItemTrashedWhileScheduled_BeforeThisRule_StillComesBackAsADraft()
    {
        var id = await CreateArticleAsync(factory, "editor1", "Bài cũ trong thùng rác " + Guid.NewGuid().ToString("N")[..6], 5);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, ContentStatus.Scheduled).SetProperty(i => i.IsDeleted, true)
                .SetProperty(i => i.ScheduledPublishUtc, DateTime.UtcNow.AddMinutes(-1)).SetProperty(i => i.ApprovedVersionId, i => i.LatestVersionId)));
        var editor = await LoggedInAsync(factory, "editor1");

        var restored = await editor.PostFormAsync("/admin/content/trash", $"/admin/content/trash?id={id}&handler=Restore", []);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(ContentStatus.Draft, await StatusAsync(factory, id));
        Assert.Null(await ItemAsync(id, i => i.ScheduledPublishUtc));
        await RunSchedulerAsync(DateTimeOffset.UtcNow);
        Assert.Null(await ItemAsync(id, i => i.PublishedVersionId));
    }

    [Fact]
    public async Task CityPagePosting_OnlyForAPublishedItem_AndOnlyByItsUnit()
    {
        var title = "Bài gửi Trang CCHC Thành phố " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", title, 5);
        var editor1 = await LoggedInAsync(factory, "editor1");
        var editor2 = await LoggedInAsync(factory, "editor2"); // another unit
        var posting = new List<KeyValuePair<string, string>> { new("PostedOn", PeriodCalculator.LocalDate(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd")), new("Link", "https://cchc.hanoi.gov.vn/bai-1") };

        // A draft: not even its own unit may record it, and the button is not offered.
        Assert.DoesNotContain("/admin/workflow/citypage", await editor1.GetStringAsync($"/admin/workflow/transition?id={id}"));
        var draft = await PostCityAsync(editor1);
        Assert.Equal(HttpStatusCode.Forbidden, draft.StatusCode);

        var leader = await LoggedInAsync(factory, "leader1");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(leader, id, ContentStatus.Published)).StatusCode);

        // Another unit's editor: neither the title nor the form.
        var other = await editor2.GetAsync($"/admin/workflow/citypage?id={id}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain(title, await other.Content.ReadAsStringAsync());
        var forged = await PostCityAsync(editor2);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, await PostingsAsync(id));

        Assert.Contains("/admin/workflow/citypage", await editor1.GetStringAsync($"/admin/workflow/transition?id={id}"));
        var own = await PostCityAsync(editor1);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(1, await PostingsAsync(id));

        async Task<HttpResponseMessage> PostCityAsync(HttpClient client)
        {
            var token = await client.GetAntiforgeryTokenAsync("/admin/content/create?type=CchcArticle");
            return await client.PostAsync($"/admin/workflow/citypage?id={id}", new FormUrlEncodedContent(posting.Append(new("__RequestVerificationToken", token))));
        }
    }

    [Fact]
    public async Task TransitionPage_OfAnotherUnitsDraft_IsRefused_WithoutItsTitle()
    {
        var title = "Bản nháp riêng của phòng " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArticleAsync(factory, "editor1", title, 5);
        var editor2 = await LoggedInAsync(factory, "editor2");

        var res = await editor2.GetAsync($"/admin/workflow/transition?id={id}");

        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.DoesNotContain(title, await res.Content.ReadAsStringAsync());
        var token = await editor2.GetAntiforgeryTokenAsync("/admin/content/create?type=CchcArticle");
        var post = await editor2.PostAsync($"/admin/workflow/transition?id={id}",
            new FormUrlEncodedContent([new("To", ContentStatus.Submitted), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.DoesNotContain(title, await post.Content.ReadAsStringAsync());
        // The leader, who approves for every unit, sees it.
        Assert.Contains(title, await (await LoggedInAsync(factory, "leader1")).GetStringAsync($"/admin/workflow/transition?id={id}"));
    }

    // One tick of the scheduled publisher with its clock at the given time.
    private Task<int> RunSchedulerAsync(DateTimeOffset now) =>
        new ScheduledPublisher(factory.Services.GetRequiredService<IServiceScopeFactory>(), new ManualTime(now), new ScheduledPublisherOptions(),
            NullLogger<ScheduledPublisher>.Instance).RunOnceAsync();

    private Task<ContentSaveResult> SaveNewTextAsync(int id, string userName, string body) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var content = sp.GetRequiredService<ContentManager>();
        var user = (await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName))!;
        var item = await db.ContentItems.AsNoTracking().FirstAsync(i => i.Id == id);
        var type = (await content.FindTypeAsync(item.SiteId, item.ContentType))!;
        var draft = await content.LoadLatestAsync(item, type);
        draft.Common.Body = body;
        var saved = await content.SaveAsync(id, draft, item.LatestVersionId!.Value, new Actor(user.Id, user.FullName));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return saved;
    });

    private Task<int?> LatestVersionIdAsync(int id) => ItemAsync(id, i => i.LatestVersionId);

    private Task<T> ItemAsync<T>(int id, System.Linq.Expressions.Expression<Func<ContentItem, T>> select) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id).Select(select).FirstAsync());

    private Task<int> PostingsAsync(int id) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<CityPagePosting>().CountAsync(p => p.ContentItemId == id));
}
