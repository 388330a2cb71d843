using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.CityPage;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Admin.Content;
using WardCms.Web.Pages.Content;

namespace WardCms.Web.Pages.Admin.Workflow;

/// <summary>
/// "Gửi đăng Trang CCHC Thành phố". When the city page is a site of this deployment (the site's
/// <c>cityPage</c>), the item's unit sends its approved text there with one action and sees what the
/// city decided; the acceptance is what counts (CityPageExchange). Otherwise the unit records a posting
/// (date, link) by hand: only a published item, only by its own unit (WorkflowRules.CanRecordCityPosting).
/// Its history is visible to whoever may see the item.
/// </summary>
public sealed class CityPageModel(WardDbContext db, SiteContext sites, EditorialService editorial, CityPageExchange exchange, TimeProvider clock) : ContentPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? PostedOn { get; set; }
    [BindProperty] public string? Link { get; set; }

    public string Title { get; private set; } = "";
    public bool CanRecord { get; private set; }
    /// <summary>The City CCHC page of this deployment the site sends to; null when it lives elsewhere.</summary>
    public Site? City { get; private set; }
    public bool CanSend { get; private set; }
    public List<CityPageSubmission> Submissions { get; private set; } = [];
    public string? SendError { get; private set; }
    public List<CityPagePosting> Postings { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        if (City is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            SendError = $"{City.Name} ở cùng hệ thống: hãy gửi bài bằng nút “Gửi Trang CCHC Thành phố”; khi Thành phố nhận đăng, việc này được ghi nhận tự động.";
            return Page();
        }
        if (!CanRecord)
            return Denied("Chỉ phòng phụ trách bài mới ghi nhận được việc gửi đăng Trang CCHC Thành phố, và chỉ khi bài đã xuất bản trên trang này.");
        if (!DateOnly.TryParseExact(PostedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            Errors["PostedOn"] = "Chọn ngày bài được đăng trên Trang CCHC Thành phố.";
        else if (date > PeriodCalculator.LocalDate(clock.GetUtcNow()))
            Errors["PostedOn"] = "Ngày đăng không được sau hôm nay.";
        var url = (Link ?? "").Trim();
        if (!(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") || url.Length > 1000)
            Errors["Link"] = "Nhập đường dẫn bài trên Trang CCHC Thành phố (bắt đầu bằng http:// hoặc https://).";
        if (Errors.Count > 0)
        {
            Response.StatusCode = 400;
            return Page();
        }
        var site = await sites.GetAsync(Request.Host.Host, ct);
        db.Set<CityPagePosting>().Add(new CityPagePosting
        {
            SiteId = site.Id, ContentItemId = Id, PostedOn = date, Url = url,
            RecordedById = User.FindFirstValue(ClaimTypes.NameIdentifier), RecordedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Đã ghi nhận bài được đăng trên Trang CCHC Thành phố.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var sent = await exchange.SendAsync(site, Id, await editorial.UserAsync(User, ct), PublicUrls.SiteBaseUrl(site, Request), ct);
        if (!sent.Succeeded)
        {
            if (sent.Status == StatusCodes.Status403Forbidden)
                return Denied(sent.Error!);
            if (sent.Status == StatusCodes.Status404NotFound)
                return NotFound();
            Response.StatusCode = sent.Status;
            SendError = sent.Error;
            return Page();
        }
        TempData["Message"] = $"Đã gửi bài lên {City!.Name}. Khi Thành phố nhận đăng, bài được tính cho nhiệm vụ gửi bài Trang CCHC Thành phố.";
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id && i.SiteId == site.Id && !i.IsDeleted, ct);
        if (item is null)
            return NotFound();
        var user = await editorial.UserAsync(User, ct);
        if (!await editorial.CanSeeAsync(item, user, ct))
            return Denied("Mục này thuộc phòng khác.");
        Title = item.Title;
        CanRecord = await editorial.CanRecordCityPostingAsync(item, user, ct);
        City = await exchange.CityPageOfAsync(site, ct);
        if (City is not null)
        {
            Submissions = await exchange.OfItemAsync(site.Id, Id, ct);
            CanSend = await exchange.CanSendAsync(item, user, ct)
                && Submissions.FirstOrDefault() is null or { Status: CitySubmissionStatus.Returned };
        }
        Postings = await db.Set<CityPagePosting>().AsNoTracking().Where(p => p.ContentItemId == Id).OrderByDescending(p => p.PostedOn).ToListAsync(ct);
        return null;
    }
}
