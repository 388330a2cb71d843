namespace WardCms.Web.Setup;

/// <summary>
/// How a refused request is answered: /api always in problem details (application/problem+json,
/// Vietnamese), pages through the /error page, which shows <see cref="MessageItem"/> when the refusing
/// code left one.
/// </summary>
public static class ErrorResponses
{
    /// <summary>HttpContext item: a message naming what was wrong, shown by the /error page and the API's detail.</summary>
    public const string MessageItem = "WardCms.ErrorMessage";

    /// <summary>After UseStatusCodePagesWithReExecute: these run inside it, so their answers are final.</summary>
    public static WebApplication UseWardErrorResponses(this WebApplication app)
    {
        // A status without a body under /api (the cookie's or the token's challenge, a forbid, Results.NotFound())
        // becomes problem details here; the pages' re-execution to /error then leaves it alone.
        app.UseWhen(c => IsApi(c.Request), api => api.UseStatusCodePages(ctx => WriteApiProblemAsync(ctx.HttpContext)));
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task WriteApiProblemAsync(HttpContext ctx)
    {
        var status = ctx.Response.StatusCode;
        var (title, detail) = status switch
        {
            401 => ("Chưa xác thực", "Cần đăng nhập, hoặc gửi khóa API cá nhân hợp lệ trong tiêu đề Authorization: Bearer wct_…"),
            403 => ("Không có quyền", "Tài khoản (hoặc khóa API) không có quyền dùng địa chỉ này."),
            404 => ("Không tìm thấy", "Không có tài nguyên nào ở địa chỉ này."),
            405 => ("Phương thức không được hỗ trợ", $"Địa chỉ này không nhận phương thức {ctx.Request.Method}."),
            429 => ("Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau."),
            _ => ("Yêu cầu không hợp lệ", "Yêu cầu không thể xử lý. Vui lòng kiểm tra lại."),
        };
        if (ctx.Items[MessageItem] is string message)
        {
            detail = message;
        }
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(ctx);
    }
}
