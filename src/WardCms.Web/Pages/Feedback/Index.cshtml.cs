using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Engagement;
using WardCms.Core.Language;
using WardCms.Core.Sites;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Feedback;

/// <summary>
/// POST /phan-hoi from the feedback widget. Without JavaScript it is a normal form post that redirects
/// back to the page with a thank-you; site.js posts it with fetch and gets JSON instead.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(EngagementSetup.FeedbackRateLimit)]
[IgnoreAntiforgeryToken] // see OnPostAsync: an Origin check instead, so article pages stay cacheable
public sealed class IndexModel(SiteContext sites, PublishedContent published, WardDbContext db, TimeProvider clock,
    WardCms.Core.Notifications.Notifier notifier) : PageModel
{
    public const string SentQuery = "phan-hoi";
    public const string SentValue = "da-gui";

    [BindProperty] public int ItemId { get; set; }
    [BindProperty] public string? Helpful { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public string ItemTitle { get; private set; } = "";
    public string ItemUrl { get; private set; } = "/";
    public List<string> Errors { get; } = [];

    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Browsers send Origin on every cross-site POST: a form on another site cannot post in a reader's name.
        if (Request.Headers.Origin is [{ } origin]
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return Rejected("Ý kiến phải được gửi từ chính trang thông tin này.", StatusCodes.Status400BadRequest);
        }
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await db.ContentItems.AsNoTracking()
            .Where(i => i.Id == ItemId && i.SiteId == site.Id && !i.IsDeleted && i.PublishedVersionId != null)
            .Select(i => new { i.Id, i.ContentType, i.PublishedSlug, i.Title })
            .FirstOrDefaultAsync(ct);
        var type = item is null ? null : (await published.TypesAsync(site.Id, ct)).FirstOrDefault(t => t.Name == item.ContentType);
        if (item is null || type?.Settings.UrlFor(item.PublishedSlug) is not { } url)
        {
            return Rejected("Không tìm thấy bài viết để gửi ý kiến; có thể bài đã được gỡ.", StatusCodes.Status404NotFound);
        }
        ItemTitle = item.Title;
        ItemUrl = url;

        bool? helpful = Helpful switch
        {
            "co" => true,
            "khong" => false,
            _ => null,
        };
        if (helpful is null)
        {
            Errors.Add("Hãy chọn “Có” hoặc “Không”.");
        }
        var comment = Vietnamese.Nfc(Comment).Trim();
        if (comment.Length > Core.Engagement.Feedback.MaxCommentLength)
        {
            Errors.Add($"Góp ý dài {comment.Length.ToString("N0", PublishedContent.Vi)} ký tự; tối đa {Core.Engagement.Feedback.MaxCommentLength.ToString("N0", PublishedContent.Vi)} ký tự.");
        }
        if (Errors.Count > 0)
        {
            return Rejected(string.Join(" ", Errors), StatusCodes.Status400BadRequest);
        }

        db.Set<Core.Engagement.Feedback>().Add(new Core.Engagement.Feedback
        {
            SiteId = site.Id,
            ContentItemId = item.Id,
            Helpful = helpful!.Value,
            Comment = comment.Length == 0 ? null : comment,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Status = FeedbackStatus.Pending,
        });
        await db.SaveChangesAsync(ct);
        if (comment.Length > 0)
        {
            // A comment waits for a moderator; a bare "helpful or not" is only counted. The citizen's comment
            // is saved either way: a failure to tell the moderators is only logged.
            try
            {
                await notifier.OnFeedbackAsync(site.Id, item.Id, item.Title, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HttpContext.RequestServices.GetRequiredService<ILogger<IndexModel>>().LogError(e, "Could not tell the moderators of feedback on item {ItemId}", item.Id);
            }
        }

        if (EngagementSetup.WantsJson(Request))
        {
            return new JsonResult(new { message = ThankYou(site) }, ContentJson.Options);
        }
        return Redirect($"{url}?{SentQuery}={SentValue}#phan-hoi");
    }

    public static string ThankYou(Site site) => $"Cảm ơn bạn đã góp ý! Ý kiến của bạn giúp {site.SelfName} cải thiện thông tin.";

    private IActionResult Rejected(string message, int status)
    {
        if (EngagementSetup.WantsJson(Request))
        {
            return new ObjectResult(new ProblemDetails { Title = "Chưa gửi được ý kiến", Detail = message, Status = status }) { StatusCode = status };
        }
        if (Errors.Count == 0)
        {
            Errors.Add(message);
        }
        Response.StatusCode = status;
        return Page();
    }
}
