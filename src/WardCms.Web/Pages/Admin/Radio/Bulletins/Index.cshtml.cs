using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Radio.Bulletins;

public sealed class IndexModel(SiteContext sites, WardDbContext db) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Rows = await db.Set<Bulletin>().AsNoTracking().Where(b => b.SiteId == site.Id)
            .OrderByDescending(b => b.AirDateLocal).ThenByDescending(b => b.AirTime).Take(200)
            .Select(b => new Row(b.Id, b.Title, b.AirDateLocal, b.AirTime, b.Status, b.Items.Count, b.TargetSeconds))
            .ToListAsync(ct);
    }

    public sealed record Row(int Id, string Title, DateOnly Date, TimeOnly Time, string Status, int Items, int TargetSeconds);
}
