using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Data;
using WardCms.Core.Sites;
using WardCms.Web.Endpoints;

namespace WardCms.Web.Pages.Admin.Radio;

/// <summary>What aired in a month (ICT), with corrected records shown struck through beneath their replacement.</summary>
public sealed class AsRunModel(SiteContext sites, WardDbContext db, TimeProvider clock) : PageModel
{
    public List<AsRunRow> Rows { get; private set; } = [];
    public int Year { get; private set; }
    public int Month { get; private set; }
    public int TotalSeconds { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? thang, CancellationToken ct)
    {
        var now = AsRunRows.ToLocal(clock.GetUtcNow().UtcDateTime);
        (Year, Month) = (now.Year, now.Month);
        if (!string.IsNullOrEmpty(thang))
        {
            if (!DateTime.TryParseExact(thang, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            {
                return BadRequest("Tháng cần dạng năm-tháng, ví dụ 2025-03.");
            }
            (Year, Month) = (m.Year, m.Month);
        }
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Rows = await AsRunRows.LoadAsync(db, site.Id, Year, Month, ct, withHistory: true);
        TotalSeconds = Rows.Where(r => r.SupersededById is null).Sum(r => r.DurationSeconds);
        return Page();
    }

    public string MonthParam(int offset)
    {
        var d = new DateOnly(Year, Month, 1).AddMonths(offset);
        return $"{d.Year}-{d.Month:00}";
    }
}
