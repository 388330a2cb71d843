using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WardCms.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Đã có lỗi xảy ra";
    public string Message { get; private set; } = "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau ít phút.";

    /// <summary>An admin address answered the error: staff see it in the admin, not the citizens' portal.</summary>
    public bool InAdmin { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        InAdmin = original?.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) == true && User.Identity?.IsAuthenticated == true;
        if (code == 404 && InAdmin)
        {
            Title = "Không tìm thấy mục này";
            Message = "Mục bạn mở không tồn tại, đã bị xoá hẳn hoặc đường dẫn bị sai. Các mục đã chuyển vào thùng rác vẫn khôi phục được.";
        }
        else if (code == 404)
        {
            Title = "Không tìm thấy trang";
            Message = "Trang bạn tìm không tồn tại hoặc đã được gỡ. Hãy thử tìm kiếm hoặc về trang chủ.";
        }
        else if (code == 410)
        {
            Title = "Trang này không còn";
            Message = "Trang bạn mở đã được gỡ hoặc liên kết đã hết hạn.";
        }
        else if (code == 429)
        {
            Title = "Bạn thao tác quá nhanh";
            Message = "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.";
        }
        else if (code is >= 400 and < 500)
        {
            Title = "Yêu cầu không hợp lệ";
            Message = "Yêu cầu không thể xử lý. Vui lòng kiểm tra lại.";
        }
        // What exactly was refused, when the refusing code said (a NUL in the address, say).
        if (HttpContext.Items[Setup.ErrorResponses.MessageItem] is string message)
        {
            Message = message;
        }
    }
}
