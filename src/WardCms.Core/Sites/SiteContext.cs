using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;

namespace WardCms.Core.Sites;

/// <summary>Resolves the site of the current request (by host name, else the first site) once per scope.</summary>
public sealed class SiteContext(WardDbContext db)
{
    private Site? _site;

    public async Task<Site> GetAsync(string? host = null, CancellationToken ct = default)
    {
        if (_site is not null)
        {
            return _site;
        }
        _site = Pick(await AllAsync(ct), host);
        return _site;
    }

    /// <summary>Every site, in id order.</summary>
    public Task<List<Site>> AllAsync(CancellationToken ct = default) => db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>The site whose host names include <paramref name="host"/>, else the first site.</summary>
    public static Site Pick(IReadOnlyList<Site> sites, string? host)
    {
        if (sites.Count == 0)
        {
            throw new InvalidOperationException("No site exists yet: apply a site recipe first (./wardcms recipe apply recipes/hai-ba-trung.recipe.json).");
        }
        return (host is null ? null : sites.FirstOrDefault(s => s.HostNames
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Contains(host, StringComparer.OrdinalIgnoreCase)))
                ?? sites[0];
    }

    /// <summary>Pins the site for work outside a request (recipes, background jobs).</summary>
    public void Use(Site site) => _site = site;
}
