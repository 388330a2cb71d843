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
public sealed class EditorialService(WardDbContext db, ContentManager content, WorkflowRules rules, TimeProvider clock)
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

    public async Task<(WorkflowItem Item, IReadOnlyList<WorkflowTransition> Transitions)?> TransitionsAsync(int itemId, WorkflowUser user, CancellationToken ct = default)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
            return null;
        var w = await ToWorkflowItemAsync(item, ct);
        return (w, rules.AvailableTransitions(w, user));
    }

    public async Task<TransitionResult> TransitionAsync(int itemId, string to, WorkflowUser user, string? comment = null, DateTime? publishAtUtc = null, CancellationToken ct = default)
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
        if (transition.Action == WorkflowAction.Submitted && type.HasPart(PlanTasksPart.PartName)
            && !await db.ContentItemPlanTasks.AnyAsync(x => x.ContentItemId == item.Id && !x.Published, ct))
            return TransitionResult.Refused("Cần gắn ít nhất một nhiệm vụ kế hoạch trước khi gửi duyệt.", "PlanTasks");
        if (transition.NeedsPublishTime && (publishAtUtc is null || publishAtUtc <= now))
            return TransitionResult.Refused("Thời điểm xuất bản phải sau thời điểm hiện tại.", "PublishAt");

        var from = item.Status;
        var actor = new Actor(user.UserId, user.Name);
        try
        {
            switch (transition.Action)
            {
                case WorkflowAction.Published:
                    await content.PublishAsync(item.Id, actor, ct);
                    break;
                case WorkflowAction.Unpublished:
                    await content.UnpublishAsync(item.Id, actor, ct);
                    break;
                default:
                    item.Status = transition.To;
                    item.ScheduledPublishUtc = transition.Action == WorkflowAction.Scheduled ? DateTime.SpecifyKind(publishAtUtc!.Value, DateTimeKind.Utc) : null;
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
        await AuditAsync(item, action, from, item.Status, user.UserId, user.Name, comment, ct);
        return new TransitionResult(true, null, item);
    }

    public async Task AuditAsync(ContentItem item, string action, string from, string to, string? userId, string userName, string comment, CancellationToken ct)
    {
        var version = item.LatestVersionId is { } v
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
            FromState = item.Status,
            ToState = item.Status,
        });
        await db.SaveChangesAsync(ct);
    }
}
