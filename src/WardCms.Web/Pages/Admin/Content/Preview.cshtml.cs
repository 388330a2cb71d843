using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Content.Parts;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>
/// The editor's live preview: the server's own renderer (raw HTML off, links sanitised), so what an
/// editor sees is what citizens get. Antiforgery comes in the X-CSRF-TOKEN header (Razor Pages checks it).
/// </summary>
public sealed class PreviewModel(MarkdownRenderer markdown) : PageModel
{
    public IActionResult OnGet() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public IActionResult OnPost([FromForm(Name = "markdown")] string? text)
    {
        if (text is { Length: > CommonPart.MaxBody })
        {
            return Content("<p>Nội dung quá dài để xem trước.</p>", "text/html; charset=utf-8");
        }
        var html = markdown.ToHtml(text);
        return Content(html.Length == 0 ? "<p class=\"muted\">Chưa có nội dung.</p>" : html, "text/html; charset=utf-8");
    }
}
