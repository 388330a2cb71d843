using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Radio.Announcers;

/// <summary>Announcers, their reading pace and the staff account each one reads as.</summary>
public sealed class IndexModel(SiteContext sites, WardDbContext db, AnnouncerRoster roster) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Rows = await (from a in db.Set<Announcer>().AsNoTracking()
                      where a.SiteId == site.Id
                      join u in db.Users.AsNoTracking() on a.UserId equals u.Id into linked
                      from u in linked.DefaultIfEmpty()
                      orderby a.IsActive descending, a.Name
                      select new Row(a.Id, a.Name, a.SyllablesPerMinute, a.IsActive, u == null ? null : u.UserName, u == null ? null : u.FullName))
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        if (!await roster.SetActiveAsync(site.Id, id, active, ct))
        {
            return NotFound();
        }
        TempData["Message"] = active ? "Đã cho phát thanh viên hoạt động trở lại." : "Đã ngừng phát thanh viên; các bản tin và nhật ký cũ vẫn giữ tên.";
        return RedirectToPage();
    }

    public sealed record Row(int Id, string Name, int Rate, bool IsActive, string? UserName, string? FullName);
}
