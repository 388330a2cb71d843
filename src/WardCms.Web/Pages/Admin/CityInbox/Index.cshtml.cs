using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.CityPage;
using WardCms.Core.Editorial;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Admin.Content;

namespace WardCms.Web.Pages.Admin.CityInbox;

/// <summary>
/// /admin/city-inbox, "Bài các đơn vị gửi": the City CCHC page's inbox of what every unit of the
/// deployment sent, filtered by unit, topic, month and state. Only on a city page site (elsewhere 404).
/// </summary>
public sealed class IndexModel(SiteContext sites, CityPageExchange exchange, EditorialService editorial, WorkflowRules rules) : ContentPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "don-vi")] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "chu-de")] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true, Name = "thang")] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang-thai")] public string? State { get; set; }

    public List<CityPageSubmission> Rows { get; private set; } = [];
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public List<string> Topics { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public int Total { get; private set; }
    public string? MonthError { get; private set; }

    public static readonly IReadOnlyList<(string Value, string Name)> States =
    [
        (CitySubmissionStatus.Waiting, "Chờ xem"), (CitySubmissionStatus.Accepted, "Đã nhận đăng"), (CitySubmissionStatus.Returned, "Đã trả lại"), ("tat-ca", "Tất cả"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if (!site.IsCityPage)
            return NotFound();
        if (!rules.CanReadCitySubmissions(await editorial.UserAsync(User, ct)))
            return Denied("Chỉ biên tập viên của Trang CCHC Thành phố xem được bài các đơn vị gửi.");
        State = States.Any(s => s.Value == State) ? State : CitySubmissionStatus.Waiting;
        var all = exchange.Inbox(site);
        Counts = await all.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Units = (await all.Select(s => new { s.FromSiteId, s.FromSiteName }).Distinct().ToListAsync(ct))
            .GroupBy(x => x.FromSiteId).Select(g => (g.Key, g.First().FromSiteName)).OrderBy(x => x.Item2, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), true)).ToList();
        Topics = (await all.Select(s => s.Topics).Distinct().ToListAsync(ct))
            .SelectMany(t => t.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), true)).ToList();

        var rows = all;
        if (State != "tat-ca")
            rows = rows.Where(s => s.Status == State);
        if (Unit is { } unit)
            rows = rows.Where(s => s.FromSiteId == unit);
        if (!string.IsNullOrWhiteSpace(Topic))
        {
            var topic = Topic.Trim();
            rows = rows.Where(s => ("; " + s.Topics + "; ").Contains("; " + topic + "; "));
        }
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                // Months of the city's calendar (Vietnam time), compared in UTC.
                var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
                var to = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
                rows = rows.Where(s => s.SentUtc >= from && s.SentUtc < to);
            }
            else
            {
                MonthError = $"Tháng “{Month}” không hợp lệ; chọn tháng theo dạng năm-tháng, ví dụ 2026-03.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        Total = await rows.CountAsync(ct);
        Rows = await rows.OrderByDescending(s => s.SentUtc).ThenByDescending(s => s.Id).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>This list in another state, the other filters kept.</summary>
    public string Link(string state)
    {
        var query = new Dictionary<string, string?>
        {
            ["trang-thai"] = state, ["don-vi"] = Unit?.ToString(CultureInfo.InvariantCulture), ["chu-de"] = Topic, ["thang"] = Month,
        };
        return "/admin/city-inbox" + QueryString.Create(query.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
    }
}
