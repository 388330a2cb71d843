using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin;

public sealed class IndexModel(SiteContext sites, WardDbContext db) : PageModel
{
    public List<TypeStat> Stats { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var counts = await db.ContentItems.Where(i => i.SiteId == site.Id && !i.IsDeleted)
            .GroupBy(i => i.ContentType)
            .Select(g => new { Type = g.Key, Published = g.Count(i => i.PublishedVersionId != null), Drafts = g.Count(i => i.PublishedVersionId == null) })
            .ToListAsync(ct);
        Stats = await db.ContentTypes.Where(t => t.SiteId == site.Id).OrderBy(t => t.Order)
            .Select(t => new TypeStat(t.Name, t.DisplayName, 0, 0)).ToListAsync(ct);
        Stats = Stats.Select(s => counts.FirstOrDefault(c => c.Type == s.Type) is { } c ? s with { Published = c.Published, Drafts = c.Drafts } : s).ToList();
    }

    public sealed record TypeStat(string Type, string DisplayName, int Published, int Drafts);
}
