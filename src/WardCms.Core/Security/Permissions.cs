namespace WardCms.Core.Security;

/// <summary>
/// Permission names. Roles (declared in recipes) grant them as role claims; each one is a policy
/// of the same name, and admin folders are bound to policies by convention in the web host.
/// </summary>
public static class Permissions
{
    public const string ClaimType = "permission";

    public const string AccessAdmin = "AccessAdmin";
    public const string EditContent = "EditContent";
    public const string EditAllUnits = "EditAllUnits";
    public const string PublishContent = "PublishContent";
    public const string ReviewContent = "ReviewContent";
    public const string ApproveContent = "ApproveContent";
    public const string ManageRadio = "ManageRadio";
    public const string ManageMedia = "ManageMedia";
    public const string ManagePlans = "ManagePlans";
    public const string ViewReports = "ViewReports";
    public const string ManageUsers = "ManageUsers";
    public const string ManageSite = "ManageSite";
    public const string ModerateFeedback = "ModerateFeedback";
    /// <summary>
    /// The city's IT centre: create, suspend and archive sites and manage their administrators. Honoured
    /// only for accounts of the operator site (<see cref="Sites.OperatorSite"/>); it grants nothing inside a ward.
    /// </summary>
    public const string OperateSites = "OperateSites";

    public static readonly IReadOnlyList<string> All =
    [
        AccessAdmin, EditContent, EditAllUnits, PublishContent, ReviewContent, ApproveContent, ManageRadio,
        ManageMedia, ManagePlans, ViewReports, ManageUsers, ManageSite, ModerateFeedback, OperateSites,
    ];

    public static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        [AccessAdmin] = "Vào trang quản trị",
        [EditContent] = "Soạn và sửa nội dung",
        [EditAllUnits] = "Sửa nội dung của mọi phòng",
        [PublishContent] = "Xuất bản, gỡ nội dung",
        [ReviewContent] = "Duyệt cấp phòng",
        [ApproveContent] = "Phê duyệt cấp lãnh đạo",
        [ManageRadio] = "Quản lý phát thanh",
        [ManageMedia] = "Quản lý thư viện tệp",
        [ManagePlans] = "Quản lý kế hoạch, chỉ tiêu",
        [ViewReports] = "Xem bảng theo dõi, báo cáo",
        [ManageUsers] = "Quản lý tài khoản",
        [ManageSite] = "Quản trị hệ thống",
        [ModerateFeedback] = "Kiểm duyệt ý kiến người dân",
        [OperateSites] = "Vận hành các trang của thành phố (tạo, tạm ngừng, lưu trữ trang; quản trị viên của trang)",
    };
}
