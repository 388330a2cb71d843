using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>Shared bits of the content pages: the refusal page and dates in ICT.</summary>
public abstract class ContentPageModel : PageModel
{
    /// <summary>
    /// A 403 with an explanation in the admin layout. Forbid() would redirect to the denied page with
    /// a 302; here the refusal is about one item, so say which and keep the status on this response.
    /// </summary>
    protected IActionResult Denied(string message)
    {
        var viewData = new ViewDataDictionary<string>(ViewData, message) { ["Title"] = "Không có quyền truy cập" };
        return new ViewResult
        {
            ViewName = "/Pages/Admin/Content/_Denied.cshtml",
            ViewData = viewData,
            StatusCode = StatusCodes.Status403Forbidden,
        };
    }

    public static string When(DateTime? utc) => WardCms.Core.Content.PublishedContent.FormatDateTime(utc);

    /// <summary>What a save did to the item's review, said after the save ("" when nothing changed).</summary>
    protected static string ReviewResetNote(WardCms.Core.Content.ContentSaveResult result) => result.ReturnedFrom is { } was
        ? $" Vì nội dung đã thay đổi sau khi mục ở trạng thái \"{WardCms.Core.Content.ContentStatus.DisplayName(was)}\", mục quay về \"{WardCms.Core.Content.ContentStatus.DisplayName(result.Item!.Status)}\" và cần gửi duyệt lại"
          + (result.ScheduleCancelled ? "; lịch hẹn giờ xuất bản đã bị hủy." : ".")
        : "";
}
