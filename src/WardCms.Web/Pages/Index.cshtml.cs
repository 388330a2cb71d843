using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel(SiteContext sites, PublishedContent published, PublicCatalog catalog) : PageModel
{
    public Site Site { get; private set; } = null!;
    public List<HomeBlock> Blocks { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Site = await sites.GetAsync(Request.Host.Host, ct);
        foreach (var type in await published.TypesAsync(Site.Id, ct))
        {
            if (type.Settings.EffectiveSectionPath is not { } path)
            {
                continue;
            }
            var list = await catalog.ListAsync(Site.Id, type, 1, 6, ct: ct);
            Blocks.Add(new HomeBlock(type.Settings.SectionTitle ?? type.DisplayName, path, type.Settings.Description, list.Items));
        }
    }

    public sealed record HomeBlock(string Title, string Path, string? Description, IReadOnlyList<PublicCard> Items);
}
