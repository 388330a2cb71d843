using WardCms.Core.Content;
using WardCms.Core.Security;

namespace WardCms.Core.Editorial;

// What an audit entry says happened; also the name of the button's action.
public static class WorkflowAction
{
    public const string Saved = "Saved";
    public const string Submitted = "Submitted";
    public const string Forwarded = "Forwarded";
    public const string SentBack = "SentBack";
    public const string Approved = "Approved";
    public const string Scheduled = "Scheduled";
    public const string Unscheduled = "Unscheduled";
    public const string Published = "Published";
    public const string TakedownRequested = "TakedownRequested";
    public const string Unpublished = "Unpublished";
    public const string Trashed = "Trashed";
    public const string Restored = "Restored";

    public static string DisplayName(string action) => action switch
    {
        Saved => "Lưu",
        Submitted => "Gửi duyệt",
        Forwarded => "Chuyển lãnh đạo",
        SentBack => "Trả lại",
        Approved => "Duyệt",
        Scheduled => "Hẹn giờ xuất bản",
        Unscheduled => "Hủy hẹn giờ",
        Published => "Xuất bản",
        TakedownRequested => "Đề nghị gỡ bài",
        Unpublished => "Gỡ bài",
        Trashed => "Chuyển vào thùng rác",
        Restored => "Khôi phục",
        _ => action,
    };
}

// The person asking, as the rules need them: permissions from role claims and the unit from the account.
public sealed record WorkflowUser(string? UserId, string Name, int? UnitId, IReadOnlySet<string> Permissions)
{
    public bool Has(string permission) => Permissions.Contains(permission);

    public static WorkflowUser System { get; } = new(null, "Hệ thống", null, new HashSet<string>(Security.Permissions.All));
}

// The facts about an item the rules read. HasPendingChanges: the latest version is not the published one.
public sealed record WorkflowItem(int Id, string Status, int? UnitId, string? OwnerId, bool HasReview, bool HasPendingChanges, bool IsDeleted)
{
    public static WorkflowItem From(ContentItem item, ContentTypeSettings settings) =>
        new(item.Id, item.Status, item.UnitId, item.OwnerId, settings.HasReview,
            item.PublishedVersionId is not null && item.LatestVersionId != item.PublishedVersionId, item.IsDeleted);
}

public sealed record WorkflowTransition(string Action, string To, string Label, bool RequiresComment = false, bool NeedsPublishTime = false, bool IsDanger = false);

/// <summary>
/// Who may move an item from its state to another: role permissions × the user's unit vs the item's ×
/// state × whether the type has review. The same answer gates the POST and draws the buttons.
/// </summary>
public sealed class WorkflowRules
{
    public bool CanMove(WorkflowItem item, string to, WorkflowUser user) =>
        AvailableTransitions(item, user).Any(t => t.To == to);

    public WorkflowTransition? Find(WorkflowItem item, string to, WorkflowUser user) =>
        AvailableTransitions(item, user).FirstOrDefault(t => t.To == to);

    public IReadOnlyList<WorkflowTransition> AvailableTransitions(WorkflowItem item, WorkflowUser user)
    {
        var list = new List<WorkflowTransition>();
        if (item.IsDeleted || !user.Has(Permissions.AccessAdmin))
            return list;

        // Editors work on their unit's items; a wider role (EditAllUnits) reaches every unit.
        var inUnit = user.Has(Permissions.EditAllUnits)
            || (user.UnitId is not null && user.UnitId == item.UnitId)
            || (item.UnitId is null && user.UserId is not null && user.UserId == item.OwnerId);
        var author = user.Has(Permissions.EditContent) && inUnit;
        var unitHead = user.Has(Permissions.ReviewContent) && inUnit;
        var leader = user.Has(Permissions.ApproveContent);
        var publisher = user.Has(Permissions.PublishContent) && (inUnit || leader);
        var leaderPublishes = leader && user.Has(Permissions.PublishContent);

        void Add(bool allowed, WorkflowTransition t)
        {
            if (allowed)
                list.Add(t);
        }

        var sendBack = new WorkflowTransition(WorkflowAction.SentBack, ContentStatus.Draft, "Trả lại", RequiresComment: true, IsDanger: true);
        switch (item.Status)
        {
            case ContentStatus.Draft when item.HasReview:
                Add(author, new(WorkflowAction.Submitted, ContentStatus.Submitted, "Gửi trưởng phòng duyệt"));
                Add(leaderPublishes, new(WorkflowAction.Published, ContentStatus.Published, "Duyệt và xuất bản ngay"));
                break;
            case ContentStatus.Draft:
                Add(publisher, new(WorkflowAction.Published, ContentStatus.Published, "Xuất bản"));
                Add(publisher, new(WorkflowAction.Scheduled, ContentStatus.Scheduled, "Hẹn giờ xuất bản", NeedsPublishTime: true));
                break;
            case ContentStatus.Submitted:
                Add(unitHead, new(WorkflowAction.Forwarded, ContentStatus.Forwarded, "Chuyển lãnh đạo duyệt"));
                Add(leader, new(WorkflowAction.Approved, ContentStatus.Approved, "Duyệt"));
                Add(leader, new(WorkflowAction.Scheduled, ContentStatus.Scheduled, "Duyệt và hẹn giờ xuất bản", NeedsPublishTime: true));
                Add(leaderPublishes, new(WorkflowAction.Published, ContentStatus.Published, "Duyệt và xuất bản ngay"));
                Add(unitHead || leader, sendBack);
                break;
            case ContentStatus.Forwarded:
                Add(leader, new(WorkflowAction.Approved, ContentStatus.Approved, "Duyệt"));
                Add(leader, new(WorkflowAction.Scheduled, ContentStatus.Scheduled, "Duyệt và hẹn giờ xuất bản", NeedsPublishTime: true));
                Add(leaderPublishes, new(WorkflowAction.Published, ContentStatus.Published, "Duyệt và xuất bản ngay"));
                Add(leader, sendBack);
                break;
            case ContentStatus.Approved:
                Add(publisher, new(WorkflowAction.Published, ContentStatus.Published, "Xuất bản"));
                Add(publisher || leader, new(WorkflowAction.Scheduled, ContentStatus.Scheduled, "Hẹn giờ xuất bản", NeedsPublishTime: true));
                Add(leader, sendBack);
                break;
            case ContentStatus.Scheduled:
                Add(publisher, new(WorkflowAction.Published, ContentStatus.Published, "Xuất bản ngay"));
                Add(publisher || leader, new(WorkflowAction.Unscheduled, ContentStatus.Approved, "Hủy hẹn giờ"));
                Add(leader || (!item.HasReview && publisher), sendBack);
                break;
            case ContentStatus.Published when item.HasReview:
                Add(author && item.HasPendingChanges, new(WorkflowAction.Submitted, ContentStatus.Submitted, "Gửi duyệt bản sửa"));
                Add(leaderPublishes && item.HasPendingChanges, new(WorkflowAction.Published, ContentStatus.Published, "Duyệt và xuất bản bản sửa"));
                Add((author || publisher) && !leaderPublishes, new(WorkflowAction.TakedownRequested, ContentStatus.TakedownRequested, "Đề nghị gỡ bài", RequiresComment: true, IsDanger: true));
                Add(leaderPublishes, new(WorkflowAction.Unpublished, ContentStatus.Draft, "Gỡ bài", RequiresComment: true, IsDanger: true));
                break;
            case ContentStatus.Published:
                Add(publisher && item.HasPendingChanges, new(WorkflowAction.Published, ContentStatus.Published, "Xuất bản bản sửa"));
                Add(publisher, new(WorkflowAction.Unpublished, ContentStatus.Draft, "Gỡ bài", IsDanger: true));
                break;
            case ContentStatus.TakedownRequested:
                Add(leader, new(WorkflowAction.Unpublished, ContentStatus.Draft, "Duyệt gỡ bài", IsDanger: true));
                Add(leader, new(WorkflowAction.SentBack, ContentStatus.Published, "Không đồng ý gỡ", RequiresComment: true));
                break;
        }
        return list;
    }

    // Why a move is refused, in words the user can act on.
    public string RefusalMessage(WorkflowItem item, string to, WorkflowUser user)
    {
        if (item.IsDeleted)
            return "Mục này đang ở thùng rác; khôi phục trước khi chuyển trạng thái.";
        // Some role could do it (a leader, or an author of the unit): then the problem is permission.
        var author = new WorkflowUser("?", "", item.UnitId, new HashSet<string> { Permissions.AccessAdmin, Permissions.EditContent, Permissions.PublishContent });
        var possible = AvailableTransitions(item, WorkflowUser.System).Concat(AvailableTransitions(item, author));
        if (possible.All(t => t.To != to))
            return $"Không thể chuyển từ \"{ContentStatus.DisplayName(item.Status)}\" sang \"{ContentStatus.DisplayName(to)}\".";
        return $"Bạn không có quyền chuyển mục này từ \"{ContentStatus.DisplayName(item.Status)}\" sang \"{ContentStatus.DisplayName(to)}\".";
    }
}
