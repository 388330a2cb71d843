using Microsoft.Extensions.Logging;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Security;

namespace WardCms.Core.Editorial;

public sealed record TransitionResult(bool Succeeded, string? Error, ContentItem? Item, string? Field = null)
{
    public static TransitionResult Refused(string message, string? field = null) => new(false, message, null, field);
}

/// <summary>Moves items through review and approval: asks WorkflowRules, changes the state, publishes, audits.</summary>
public sealed class EditorialService(WardDbContext db, ContentManager content, WorkflowRules rules, TimeProvider clock, ContentPartRegistry parts,
    Notifications.Notifier notifier, ILogger<EditorialService> logger)
{
    public async Task<WorkflowUser> UserAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var account = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UnitId, u.FullName, u.UserName }).FirstOrDefaultAsync(ct);
        var permissions = principal.FindAll(Permissions.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var name = account is null ? principal.Identity?.Name ?? "" : account.FullName.Length > 0 ? account.FullName : account.UserName ?? "";
        return new WorkflowUser(id, name, account?.UnitId, permissions);
    }

    /// <summary>Whether this user may see the item's workflow page (title, state, history).</summary>
    public async Task<bool> CanSeeAsync(ContentItem item, WorkflowUser user, CancellationToken ct = default) =>
        rules.CanSee(await ToWorkflowItemAsync(item, ct), user);

    /// <summary>Whether this user may record the item's posting on the City CCHC page.</summary>
    public async Task<bool> CanRecordCityPostingAsync(ContentItem item, WorkflowUser user, CancellationToken ct = default) =>
        rules.CanRecordCityPosting(await ToWorkflowItemAsync(item, ct), item.PublishedVersionId is not null, user);

    public async Task<bool> CanSendToCityPageAsync(ContentItem item, WorkflowUser user, CancellationToken ct = default) =>
        rules.CanSendToCityPage(await ToWorkflowItemAsync(item, ct), (item.ApprovedVersionId ?? item.PublishedVersionId) is not null, user);

    public async Task<(WorkflowItem Item, IReadOnlyList<WorkflowTransition> Transitions)?> TransitionsAsync(int itemId, WorkflowUser user, CancellationToken ct = default)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
            return null;
        var w = await ToWorkflowItemAsync(item, ct);
        return (w, rules.AvailableTransitions(w, user));
    }

    /// <summary>
    /// One workflow move. <paramref name="seenVersionId"/> is the version the person was shown: a move that
    /// approves the latest text is refused when someone saved a newer one since, so nobody approves unseen text.
    /// </summary>
    public async Task<TransitionResult> TransitionAsync(int itemId, string to, WorkflowUser user, string? comment = null, DateTime? publishAtUtc = null,
        int? seenVersionId = null, CancellationToken ct = default)
    {
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
            return TransitionResult.Refused("Không tìm thấy mục nội dung này.");
        var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == item.SiteId && t.Name == item.ContentType, ct);
        var w = WorkflowItem.From(item, type.Settings);
        var transition = rules.Find(w, to, user);
        if (transition is null)
            return TransitionResult.Refused(rules.RefusalMessage(w, to, user));

        comment = Vietnamese.Nfc((comment ?? "").Trim());
        if (comment.Length > 2000)
            return TransitionResult.Refused("Ý kiến dài quá 2.000 ký tự.", "Comment");
        if (transition.RequiresComment && comment.Length == 0)
            return TransitionResult.Refused(transition.Action == WorkflowAction.SentBack
                ? "Cần ghi ý kiến khi trả lại để người viết biết phải sửa gì."
                : "Cần ghi lý do gỡ bài.", "Comment");

        var now = clock.GetUtcNow().UtcDateTime;
        if (transition.Action == WorkflowAction.Submitted)
        {
            // A part may hold the item back from review (a plan task must be tagged first).
            foreach (var (part, typePart) in parts.Of(type))
            {
                if (await part.CheckBeforeReviewAsync(new PartReviewContext(db, item, type, typePart), ct) is { } refusal)
                    return TransitionResult.Refused(refusal.Message, refusal.Field);
            }
        }
        if (transition.NeedsPublishTime && (publishAtUtc is null || publishAtUtc <= now))
            return TransitionResult.Refused("Thời điểm xuất bản phải sau thời điểm hiện tại.", "PublishAt");

        var from = item.Status;
        int? publishVersionId;
        if (transition.ApprovesLatest(from))
        {
            if (seenVersionId != item.LatestVersionId)
                return TransitionResult.Refused(await NewerVersionMessageAsync(item, ct));
            publishVersionId = item.LatestVersionId;
        }
        else
        {
            // Publishing what was approved (or scheduled): the approved version, never newer text.
            publishVersionId = item.ApprovedVersionId;
        }
        if (transition.Action == WorkflowAction.Published && publishVersionId is null)
            return TransitionResult.Refused("Mục này chưa có phiên bản được duyệt; hãy gửi duyệt lại.");
        var actor = new Actor(user.UserId, user.Name);
        try
        {
            switch (transition.Action)
            {
                case WorkflowAction.Published:
                    await content.PublishAsync(item.Id, actor, ct, versionId: publishVersionId);
                    break;
                case WorkflowAction.Unpublished:
                    await content.UnpublishAsync(item.Id, actor, ct);
                    break;
                default:
                    item.Status = transition.To;
                    item.ScheduledPublishUtc = transition.Action == WorkflowAction.Scheduled ? DateTime.SpecifyKind(publishAtUtc!.Value, DateTimeKind.Utc) : null;
                    if (transition.ApprovesLatest(from))
                        item.ApprovedVersionId = item.LatestVersionId;
                    else if (transition.Action == WorkflowAction.SentBack && from is ContentStatus.Approved or ContentStatus.Scheduled)
                        item.ApprovedVersionId = item.PublishedVersionId; // the approval is withdrawn; the public text stays approved
                    item.UpdatedUtc = now;
                    item.UpdatedById = user.UserId;
                    item.ConcurrencyStamp = Guid.NewGuid();
                    await db.SaveChangesAsync(ct);
                    break;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return TransitionResult.Refused("Mục này vừa được người khác thay đổi; hãy tải lại trang rồi thử lại.");
        }
        catch (ContentRuleException e)
        {
            return TransitionResult.Refused(e.Message);
        }

        var action = transition.Action == WorkflowAction.Scheduled && from is ContentStatus.Submitted or ContentStatus.Forwarded
            ? WorkflowAction.Scheduled : transition.Action;
        await AuditAsync(item, action, from, item.Status, user.UserId, user.Name, comment, ct,
            transition.Action == WorkflowAction.Published ? item.PublishedVersionId : null);
        return new TransitionResult(true, null, item);
    }

    /// <summary>Trashes an item if WorkflowRules.Trash allows this user; the reason is audited.</summary>
    public async Task<TransitionResult> TrashAsync(int itemId, WorkflowUser user, string? reason, CancellationToken ct = default)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
            return TransitionResult.Refused("Không tìm thấy mục nội dung này.");
        var rule = rules.Trash(await ToWorkflowItemAsync(item, ct), HasApprovedText(item), user);
        if (!rule.Allowed)
            return TransitionResult.Refused(rule.Refusal!);
        reason = Vietnamese.Nfc((reason ?? "").Trim());
        if (reason.Length > 2000)
            return TransitionResult.Refused("Lý do dài quá 2.000 ký tự.", "Comment");
        if (rule.RequiresReason && reason.Length == 0)
            return TransitionResult.Refused("Cần ghi lý do khi chuyển mục đã duyệt, đã hẹn giờ hoặc đang xuất bản vào thùng rác.", "Comment");
        try
        {
            var trashed = await content.TrashAsync(itemId, new Actor(user.UserId, user.Name), ct, reason);
            return new TransitionResult(true, null, trashed);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return TransitionResult.Refused("Mục này vừa được người khác thay đổi; hãy tải lại trang rồi thử lại.");
        }
    }

    public TrashRule TrashRule(ContentItem item, ContentTypeSettings settings, WorkflowUser user) =>
        rules.Trash(WorkflowItem.From(item, settings), HasApprovedText(item), user);

    private static bool HasApprovedText(ContentItem item) => item.PublishedVersionId is not null || item.ApprovedVersionId is not null;

    private async Task<string> NewerVersionMessageAsync(ContentItem item, CancellationToken ct)
    {
        var latest = await db.ContentVersions.AsNoTracking().Where(v => v.Id == item.LatestVersionId)
            .Select(v => new { v.Number, v.CreatedByName }).FirstOrDefaultAsync(ct);
        return latest is null
            ? "Mục này vừa có phiên bản mới; hãy tải lại trang và xem lại trước khi duyệt."
            : $"Mục này vừa có phiên bản mới (phiên bản {latest.Number}, do {latest.CreatedByName} lưu) mà bạn chưa xem; hãy tải lại trang và xem lại trước khi duyệt.";
    }

    /// <summary>
    /// Records a move, and tells the people it concerns (<see cref="Notifications.Notifier"/>): every move
    /// passes here. <paramref name="versionId"/> is the version it concerned (default: the latest).
    /// </summary>
    public async Task AuditAsync(ContentItem item, string action, string from, string to, string? userId, string userName, string comment, CancellationToken ct,
        int? versionId = null)
    {
        var version = (versionId ?? item.LatestVersionId) is { } v
            ? await db.ContentVersions.Where(x => x.Id == v).Select(x => (int?)x.Number).FirstOrDefaultAsync(ct)
            : null;
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            SiteId = item.SiteId,
            ContentItemId = item.Id,
            VersionNumber = version,
            UserId = userId,
            UserName = userName,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            FromState = from,
            ToState = to,
            Comment = comment,
        });
        await db.SaveChangesAsync(ct);
        try
        {
            await notifier.OnWorkflowAsync(item, action, userId, userName, comment, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The move is made and recorded; telling people is second to it.
            foreach (var unsaved in db.ChangeTracker.Entries<Notifications.Notification>().Where(e => e.State == EntityState.Added).ToList())
            {
                unsaved.State = EntityState.Detached;
            }
            logger.LogError(e, "Could not notify the move {Action} of content item {ItemId}", action, item.Id);
        }
    }

    private async Task<WorkflowItem> ToWorkflowItemAsync(ContentItem item, CancellationToken ct)
    {
        var settings = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == item.SiteId && t.Name == item.ContentType)
            .Select(t => t.SettingsJson).FirstAsync(ct);
        return WorkflowItem.From(item, new ContentTypeDefinition { Name = item.ContentType, DisplayName = "", SettingsJson = settings }.Settings);
    }
}

/// <summary>Every save, trash and restore lands in the audit trail, whoever called ContentManager.</summary>
public sealed class AuditContentEventHandler(WardDbContext db, TimeProvider clock) : IContentEventHandler
{
    public async Task OnChangedAsync(ContentChange change, CancellationToken ct)
    {
        var action = change.Kind switch
        {
            ContentChangeKind.Saved => WorkflowAction.Saved,
            ContentChangeKind.Trashed => WorkflowAction.Trashed,
            ContentChangeKind.Restored => WorkflowAction.Restored,
            _ => null, // publish and unpublish are audited by whoever decided them, with the state move
        };
        if (action is null)
            return;
        var item = await db.ContentItems.AsNoTracking().Where(i => i.Id == change.ItemId)
            .Select(i => new { i.Status, i.LatestVersionId, i.UpdatedById, i.DeletedById }).FirstAsync(ct);
        var version = await db.ContentVersions.AsNoTracking().Where(v => v.Id == item.LatestVersionId)
            .Select(v => new { v.Number, v.CreatedById, v.CreatedByName }).FirstOrDefaultAsync(ct);
        var userId = action == WorkflowAction.Trashed ? item.DeletedById : item.UpdatedById;
        var userName = action == WorkflowAction.Saved && version is not null
            ? version.CreatedByName
            : userId is null ? "Hệ thống" : await db.Users.Where(u => u.Id == userId).Select(u => u.FullName).FirstOrDefaultAsync(ct) ?? "";
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            SiteId = change.SiteId,
            ContentItemId = change.ItemId,
            VersionNumber = version?.Number,
            UserId = userId,
            UserName = userName,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            FromState = change.FromStatus ?? item.Status,
            ToState = item.Status,
            Comment = change.Comment,
        });
        await db.SaveChangesAsync(ct);
    }
}
