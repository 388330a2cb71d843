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

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        if (code == 404)
        {
            Title = "Không tìm thấy trang";
            Message = "Trang bạn tìm không tồn tại hoặc đã được gỡ. Hãy thử tìm kiếm hoặc về trang chủ.";
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
