using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Users;

public sealed class IndexModel(SiteContext sites, WardDbContext db, TimeProvider clock) : PageModel
{
    public List<Row> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var now = clock.GetUtcNow();
        var users = await db.Users.Where(u => u.SiteId == site.Id).OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.FullName,
                Unit = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault(),
                u.IsActive,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.DisplayName).ToList(),
            })
            .ToListAsync(ct);
        Users = users.Select(u => new Row(u.Id, u.UserName ?? "", u.FullName, u.Unit ?? "", u.Roles, u.IsActive, u.LockoutEnd > now)).ToList();
    }

    public sealed record Row(string Id, string UserName, string FullName, string Unit, List<string> Roles, bool IsActive, bool LockedOut);
}
