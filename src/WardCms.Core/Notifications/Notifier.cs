using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Security;

namespace WardCms.Core.Notifications;

/// <summary>Whether e-mail can go out at all (the SMTP host is configured); the mailer sends what is pending.</summary>
public sealed record NotificationMailSettings(bool Enabled);

/// <summary>
/// Who is told what. Workflow moves come from <see cref="EditorialService.AuditAsync"/>, the one place
/// every move is recorded, so a new path to a move cannot forget to notify: sent for review → the
/// reviewers of the item's unit; forwarded → the leaders who approve; sent back, approved, published
/// (by hand or on schedule), accepted or returned by the City CCHC page → the item's owner and the
/// author of its latest version. Nobody is told of their own move. Each notification is stored for the
/// bell and marked for e-mail when mail is on, the person has an address and wants that kind.
/// </summary>
public sealed class Notifier(WardDbContext db, TimeProvider clock, NotificationMailSettings mail)
{
    /// <summary>After a workflow move has been recorded (<paramref name="action"/> is a <see cref="WorkflowAction"/>).</summary>
    public async Task OnWorkflowAsync(ContentItem item, string action, string? actorId, string actorName, string comment, CancellationToken ct)
    {
        var (kind, recipients) = action switch
        {
            WorkflowAction.Submitted => (NotificationKinds.Review, await HoldersAsync(item.SiteId, Permissions.ReviewContent, item.UnitId, ct)),
            WorkflowAction.Forwarded => (NotificationKinds.Review, await HoldersAsync(item.SiteId, Permissions.ApproveContent, null, ct)),
            WorkflowAction.SentBack => (NotificationKinds.SentBack, await AuthorsAsync(item, ct)),
            WorkflowAction.Approved or WorkflowAction.Scheduled => (NotificationKinds.Approved, await AuthorsAsync(item, ct)),
            WorkflowAction.Published => (NotificationKinds.Published, await AuthorsAsync(item, ct)),
            WorkflowAction.AcceptedByCityPage or WorkflowAction.ReturnedByCityPage => (NotificationKinds.CityPage, await AuthorsAsync(item, ct)),
            _ => ("", []),
        };
        if (recipients.Count == 0)
        {
            return;
        }
        var type = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == item.SiteId && t.Name == item.ContentType).Select(t => t.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var who = actorName.Length > 0 ? actorName : "Hệ thống";
        var title = action switch
        {
            WorkflowAction.Submitted => $"Chờ bạn duyệt: {item.Title}",
            WorkflowAction.Forwarded => $"Chờ lãnh đạo duyệt: {item.Title}",
            WorkflowAction.SentBack => $"Bài bị trả lại: {item.Title}",
            WorkflowAction.Approved => $"Bài đã được duyệt: {item.Title}",
            WorkflowAction.Scheduled => $"Bài được duyệt và hẹn giờ xuất bản: {item.Title}",
            WorkflowAction.Published => $"Bài đã xuất bản: {item.Title}",
            WorkflowAction.AcceptedByCityPage => $"Trang CCHC Thành phố nhận đăng: {item.Title}",
            _ => $"Trang CCHC Thành phố trả lại: {item.Title}",
        };
        var text = $"{type} “{item.Title}”: {WorkflowAction.DisplayName(action).ToLowerInvariant()} bởi {who}."
            + (comment.Length > 0 ? $" Ý kiến: {comment}" : "");
        await AddAsync(item.SiteId, recipients.Where(r => r != actorId).ToList(), kind, title, text, $"/admin/content/edit/{item.Id}", ct);
    }

    /// <summary>A scheduled publication the clock could not make: the item's people are told to look.</summary>
    public async Task OnScheduleFailedAsync(int itemId, CancellationToken ct)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return;
        }
        // The clock tries again every minute: one unread notice per person and item is enough.
        var link = $"/admin/content/edit/{item.Id}";
        var told = await db.Set<Notification>().Where(n => n.Kind == NotificationKinds.PublishFailed && n.Link == link && n.ReadUtc == null)
            .Select(n => n.UserId).ToListAsync(ct);
        var recipients = (await AuthorsAsync(item, ct)).Union(await HoldersAsync(item.SiteId, Permissions.PublishContent, null, ct)).Except(told).ToList();
        await AddAsync(item.SiteId, recipients, NotificationKinds.PublishFailed, $"Chưa xuất bản được theo lịch hẹn: {item.Title}",
            $"Đến giờ hẹn nhưng “{item.Title}” chưa được xuất bản. Hãy mở bài, kiểm tra và xuất bản lại.", link, ct);
    }

    /// <summary>A citizen's comment waiting for moderation: the site's moderators are told.</summary>
    public async Task OnFeedbackAsync(int siteId, int itemId, string itemTitle, CancellationToken ct)
    {
        var link = $"/admin/feedback?status=pending&item={itemId}";
        // One unread notice per item is enough: a busy article does not fill the bell.
        var told = await db.Set<Notification>().Where(n => n.Kind == NotificationKinds.Feedback && n.Link == link && n.ReadUtc == null)
            .Select(n => n.UserId).ToListAsync(ct);
        var recipients = (await HoldersAsync(siteId, Permissions.ModerateFeedback, null, ct)).Except(told).ToList();
        await AddAsync(siteId, recipients, NotificationKinds.Feedback, $"Ý kiến mới chờ kiểm duyệt: {itemTitle}",
            $"Người dân vừa gửi ý kiến về “{itemTitle}”. Ý kiến chỉ hiện trên trang sau khi được duyệt.", link, ct);
    }

    /// <summary>
    /// A handbook entry past its review date: its author and owner, else the site's publishers, are told
    /// once per review date (a later sweep finds the notice and says nothing more).
    /// </summary>
    public async Task OnHandbookOverdueAsync(int siteId, Handbook.HandbookReviewStatus entry, CancellationToken ct)
    {
        var link = $"/admin/content/edit/{entry.ItemId}";
        var due = entry.NextReviewUtc;
        if (await db.Set<Notification>().AnyAsync(n => n.SiteId == siteId && n.Kind == NotificationKinds.HandbookOverdue && n.Link == link && n.CreatedUtc >= due, ct))
        {
            return;
        }
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == entry.ItemId, ct);
        if (item is null)
        {
            return;
        }
        var recipients = await AuthorsAsync(item, ct);
        if (recipients.Count == 0)
        {
            recipients = await HoldersAsync(siteId, Permissions.PublishContent, null, ct);
        }
        var date = PublishedContent.FormatDate(due);
        await AddAsync(siteId, recipients, NotificationKinds.HandbookOverdue, $"Cẩm nang quá hạn rà soát: {entry.Title}",
            $"Mục “{entry.Title}” ({entry.Chapter}) đến hạn rà soát ngày {date}. Hãy kiểm tra nội dung còn đúng không, sửa nếu cần và ghi nhận đã rà soát.", link, ct);
    }

    /// <summary>
    /// The plan officers' weekly summary (those who manage plans): this month's shortfalls and what is
    /// at risk, once per ISO week (<paramref name="weekKey"/>, "2026-W50"); nothing when all is on track.
    /// </summary>
    public async Task OnWeeklyDigestAsync(int siteId, string weekKey, IReadOnlyList<string> gaps, CancellationToken ct)
    {
        var link = $"/admin/dashboard?tuan={weekKey}";
        if (gaps.Count == 0 || await db.Set<Notification>().AnyAsync(n => n.SiteId == siteId && n.Kind == NotificationKinds.WeeklyDigest && n.Link == link, ct))
        {
            return;
        }
        var recipients = await HoldersAsync(siteId, Permissions.ManagePlans, null, ct);
        await AddAsync(siteId, recipients, NotificationKinds.WeeklyDigest, $"Tuần {weekKey[^2..]}: {gaps.Count} chỉ tiêu còn thiếu",
            string.Join(" ", gaps), link, ct);
    }

    private async Task AddAsync(int siteId, IReadOnlyList<string> userIds, string kind, string title, string text, string link, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var mailable = mail.Enabled
            ? await db.Users.Where(u => userIds.Contains(u.Id) && u.IsActive && u.Email != null && u.Email != "")
                .Where(u => !db.Set<NotificationMailOptOut>().Any(o => o.UserId == u.Id && o.Kind == kind)).Select(u => u.Id).ToListAsync(ct)
            : [];
        foreach (var userId in userIds.Distinct())
        {
            db.Add(new Notification
            {
                SiteId = siteId,
                UserId = userId,
                Kind = kind,
                Title = Cut(title, Notification.TitleLength),
                Text = Cut(text, Notification.TextLength),
                Link = link,
                CreatedUtc = now,
                Mail = mailable.Contains(userId) ? NotificationMail.Pending : NotificationMail.None,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>The site's active staff holding <paramref name="permission"/> by a role; with a unit, those of that unit or of every unit.</summary>
    private async Task<List<string>> HoldersAsync(int siteId, string permission, int? unitId, CancellationToken ct)
    {
        var roles = db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == permission).Select(c => c.RoleId);
        var allUnits = db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.EditAllUnits).Select(c => c.RoleId);
        return await db.Users.Where(u => u.SiteId == siteId && u.IsActive
                && db.UserRoles.Any(r => r.UserId == u.Id && roles.Contains(r.RoleId))
                && (unitId == null || u.UnitId == unitId || db.UserRoles.Any(r => r.UserId == u.Id && allUnits.Contains(r.RoleId))))
            .Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>The item's owner and whoever wrote its latest version.</summary>
    private async Task<List<string>> AuthorsAsync(ContentItem item, CancellationToken ct)
    {
        var latestAuthor = await db.ContentVersions.Where(v => v.Id == item.LatestVersionId).Select(v => v.CreatedById).FirstOrDefaultAsync(ct);
        var ids = new[] { item.OwnerId, latestAuthor }.OfType<string>().Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
    }
}
