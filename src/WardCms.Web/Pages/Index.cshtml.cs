using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel(SiteContext sites, PublishedContent published) : PageModel
{
    public string SiteName { get; private set; } = "";
    public List<HomeBlock> Blocks { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        SiteName = site.Name;
        foreach (var type in await published.TypesAsync(site.Id, ct))
        {
            if (type.Settings.EffectiveSectionPath is not { } path)
            {
                continue;
            }
            var list = await published.ListAsync(site.Id, type.Name, 1, 6, ct: ct);
            Blocks.Add(new HomeBlock(type.Settings.SectionTitle ?? type.DisplayName, path, list.Items));
        }
    }

    public sealed record HomeBlock(string Title, string Path, IReadOnlyList<PublishedSummary> Items);
}
