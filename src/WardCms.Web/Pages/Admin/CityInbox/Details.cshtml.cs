using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.CityPage;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Editorial;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Admin.Content;
using WardCms.Web.Pages.Content;

namespace WardCms.Web.Pages.Admin.CityInbox;

/// <summary>
/// /admin/city-inbox/{id}: one article a unit sent. The city's editors with the right to publish
/// accept it (title, summary and text editable; published here at once, the unit credited) or return
/// it with the reason; either is final for this sending (the unit may send again after a return).
/// </summary>
public sealed class DetailsModel(SiteContext sites, CityPageExchange exchange, EditorialService editorial, WorkflowRules rules, MarkdownRenderer markdown) : ContentPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public CityPageSubmission Submission { get; private set; } = null!;
    public string SentHtml { get; private set; } = "";
    public bool CanDecide { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        (Title, Summary, Body) = (Submission.Title, Submission.Summary, Submission.Body);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var done = await exchange.AcceptAsync(site, Id, new CityEdits(Title, Summary, Body, Note), await editorial.UserAsync(User, ct), PublicUrls.SiteBaseUrl(site, Request), ct);
        if (!done.Succeeded)
            return Refused(done);
        TempData["Message"] = $"Đã nhận đăng bài của {done.Submission!.FromSiteName}: {done.Submission.CityUrl}";
        return Redirect($"/admin/city-inbox/{Id}");
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var done = await exchange.ReturnAsync(site, Id, Comment, await editorial.UserAsync(User, ct), ct);
        if (!done.Succeeded)
            return Refused(done);
        TempData["Message"] = $"Đã trả lại bài cho {done.Submission!.FromSiteName}.";
        return Redirect("/admin/city-inbox");
    }

    private IActionResult Refused(CityOutcome outcome)
    {
        if (outcome.Status == StatusCodes.Status403Forbidden)
            return Denied(outcome.Error!);
        if (outcome.Status == StatusCodes.Status404NotFound)
            return NotFound();
        // What was typed stays in the form.
        (Error, ErrorField) = (outcome.Error, outcome.Field);
        Response.StatusCode = outcome.Status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if (!site.IsCityPage)
            return NotFound();
        var user = await editorial.UserAsync(User, ct);
        if (!rules.CanReadCitySubmissions(user))
            return Denied("Chỉ biên tập viên của Trang CCHC Thành phố xem được bài các đơn vị gửi.");
        if (await exchange.Inbox(site).FirstOrDefaultAsync(s => s.Id == Id, ct) is not { } submission)
            return NotFound();
        Submission = submission;
        SentHtml = markdown.Render(submission.Body).Html;
        CanDecide = rules.CanDecideCitySubmission(user) && submission.Status == CitySubmissionStatus.Waiting;
        return null;
    }
}
