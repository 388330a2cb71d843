using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content;
using WardCms.Core.Engagement;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Views;

/// <summary>Page views and "was this useful?" answers for a month, per item and per topic (plan IV.1.g).</summary>
public sealed class IndexModel(SiteContext sites, EngagementStats stats, TimeProvider clock) : PageModel
{
    /// <summary>"2025-11"; the current month (ICT) when missing or not a month.</summary>
    [BindProperty(SupportsGet = true, Name = "thang")] public string? MonthText { get; set; }

    public int Year { get; private set; }
    public int Month { get; private set; }
    public MonthEngagement Data { get; private set; } = new(new(0, 0, 0, 0), [], []);
    public Dictionary<string, string> TypeNames { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync([FromServices] PublishedContent published, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), PublishedContent.Ict);
        (Year, Month) = (now.Year, now.Month);
        if (!string.IsNullOrEmpty(MonthText))
        {
            if (DateOnly.TryParseExact(MonthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 2000)
            {
                (Year, Month) = (d.Year, d.Month);
            }
            else
            {
                Notice = $"“{MonthText}” không phải là tháng (dạng 2025-11); đang hiển thị tháng hiện tại.";
            }
        }
        MonthText = $"{Year:D4}-{Month:D2}";
        Data = await stats.MonthAsync(site.Id, Year, Month, ct);
        TypeNames = (await published.TypesAsync(site.Id, ct)).ToDictionary(t => t.Name, t => t.DisplayName);
    }

    public string MonthLink(int delta)
    {
        var d = new DateOnly(Year, Month, 1).AddMonths(delta);
        return $"/admin/views?thang={d.Year:D4}-{d.Month:D2}";
    }

    public static string Share(EngagementTotals t) =>
        t.Answers == 0 ? "—" : (t.HelpfulYes / (double)t.Answers).ToString("P0", PublishedContent.Vi);

    public static string N(int n) => n.ToString("N0", PublishedContent.Vi);
}
