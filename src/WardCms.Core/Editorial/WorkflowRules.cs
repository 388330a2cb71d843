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
    public const string SentToCityPage = "SentToCityPage";
    public const string AcceptedByCityPage = "AcceptedByCityPage";
    public const string ReturnedByCityPage = "ReturnedByCityPage";
    /// <summary>A preview link of a version was handed out (anyone holding it reads that draft until it expires).</summary>
    public const string PreviewShared = "PreviewShared";

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
        SentToCityPage => "Gửi Trang CCHC Thành phố",
        AcceptedByCityPage => "Trang CCHC Thành phố nhận đăng",
        ReturnedByCityPage => "Trang CCHC Thành phố trả lại",
        PreviewShared => "Tạo liên kết xem trước",
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

public sealed record WorkflowTransition(string Action, string To, string Label, bool RequiresComment = false, bool NeedsPublishTime = false, bool IsDanger = false)
{
    /// <summary>
    /// The move approves the text the person is looking at (the latest version), so the form must say
    /// which version that was; publishing an already approved or scheduled item publishes its approved version.
    /// </summary>
    public bool ApprovesLatest(string fromStatus) => Action switch
    {
        WorkflowAction.Approved => true,
        WorkflowAction.Scheduled => fromStatus != ContentStatus.Approved,
        WorkflowAction.Published => fromStatus is not (ContentStatus.Approved or ContentStatus.Scheduled),
        _ => false,
    };
}

/// <summary>May this user move the item to the trash, and must they say why.</summary>
public sealed record TrashRule(bool Allowed, bool RequiresReason, string? Refusal);

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

        var inUnit = InUnit(item, user);
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

    // Editors work on their unit's items; a wider role (EditAllUnits) reaches every unit.
    private static bool InUnit(WorkflowItem item, WorkflowUser user) =>
        user.Has(Permissions.EditAllUnits)
        || (user.UnitId is not null && user.UnitId == item.UnitId)
        || (item.UnitId is null && user.UserId is not null && user.UserId == item.OwnerId);

    /// <summary>Who may see an item's workflow page (its title, state and history): its unit, and leaders who approve.</summary>
    public bool CanSee(WorkflowItem item, WorkflowUser user) =>
        user.Has(Permissions.AccessAdmin) && (InUnit(item, user) || user.Has(Permissions.ApproveContent));

    /// <summary>
    /// Recording that an item was posted on the City CCHC page counts toward the plan: only for a published
    /// item (what the city page carries is public text), and only by its own unit's editors.
    /// </summary>
    public bool CanRecordCityPosting(WorkflowItem item, bool hasPublishedVersion, WorkflowUser user) =>
        !item.IsDeleted && hasPublishedVersion && user.Has(Permissions.EditContent) && InUnit(item, user);

    /// <summary>
    /// Sending an item to the City CCHC page of the same deployment: an approved or published version
    /// (the city receives text a leader has passed), sent by its own unit's editors.
    /// </summary>
    public bool CanSendToCityPage(WorkflowItem item, bool hasApprovedVersion, WorkflowUser user) =>
        !item.IsDeleted && hasApprovedVersion && user.Has(Permissions.EditContent) && InUnit(item, user);

    /// <summary>The City CCHC page's inbox is read by its editors; accepting publishes, so it needs the right to publish, as returning does.</summary>
    public bool CanReadCitySubmissions(WorkflowUser user) => user.Has(Permissions.AccessAdmin) && user.Has(Permissions.EditContent);

    public bool CanDecideCitySubmission(WorkflowUser user) => CanReadCitySubmissions(user) && user.Has(Permissions.PublishContent);

    /// <summary>
    /// The state an item takes when someone saves a new version of it. An approval is of a version:
    /// new text under review, approved or scheduled goes back to the start (a schedule is cancelled),
    /// and an item with a public version stays "published with changes awaiting review".
    /// Returns null when the state does not change.
    /// </summary>
    public static string? StatusAfterNewVersion(string status, bool hasPublishedVersion) => status switch
    {
        ContentStatus.Submitted or ContentStatus.Forwarded or ContentStatus.Approved or ContentStatus.Scheduled =>
            hasPublishedVersion ? ContentStatus.Published : ContentStatus.Draft,
        _ => null,
    };

    /// <summary>
    /// Trashing a draft is the author's call; trashing what a leader approved, scheduled or published takes
    /// it off the site or out of the queue, so it needs the right to take it down and, like a take-down, a reason.
    /// </summary>
    /// <param name="hasApprovedText">The item has a published or an approved version: it was reviewed, even if new
    /// text since sent it back to draft (otherwise saving first would dodge the rule).</param>
    public TrashRule Trash(WorkflowItem item, bool hasApprovedText, WorkflowUser user)
    {
        if (item.IsDeleted)
            return new(false, false, "Mục này đã ở thùng rác.");
        var inUnit = InUnit(item, user);
        var reviewed = hasApprovedText || item.Status is ContentStatus.Approved or ContentStatus.Scheduled or ContentStatus.Published or ContentStatus.TakedownRequested;
        if (!reviewed)
            return user.Has(Permissions.EditContent) && inUnit
                ? new(true, false, null)
                : new(false, false, "Mục này thuộc phòng khác. Bạn chỉ xóa được các mục của phòng mình hoặc do bạn soạn.");
        // The same people who may take the item down ("Gỡ bài") for this type.
        var mayTakeDown = item.HasReview
            ? user.Has(Permissions.ApproveContent) && user.Has(Permissions.PublishContent)
            : user.Has(Permissions.PublishContent) && (inUnit || user.Has(Permissions.ApproveContent));
        return mayTakeDown
            ? new(true, true, null)
            : new(false, true, $"Mục đang ở trạng thái \"{ContentStatus.DisplayName(item.Status)}\"; chỉ người có quyền gỡ bài mới được chuyển nó vào thùng rác.");
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
