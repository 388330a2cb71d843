using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;

namespace WardCms.Core.Sites;

/// <summary>Resolves the site of the current request (by host name, else the first site) once per scope.</summary>
public sealed class SiteContext(WardDbContext db, SiteScope scope)
{
    private Site? _site;

    public async Task<Site> GetAsync(string? host = null, CancellationToken ct = default)
    {
        if (_site is not null)
        {
            return _site;
        }
        Use(Pick(await AllAsync(ct), host));
        return _site!;
    }

    /// <summary>Every site, in id order.</summary>
    public Task<List<Site>> AllAsync(CancellationToken ct = default) => db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>
    /// The site a request on <paramref name="host"/> is for: the one whose host names include it; else
    /// the only site of a single-site deployment; else the site the operator named as the default
    /// (<c>WardCms:DefaultSite</c>, a site key); else none (the request is answered 404, never with
    /// some other ward's content).
    /// </summary>
    public static Site? Match(IReadOnlyList<Site> sites, string? host, string? defaultSiteKey)
    {
        return (host is null ? null : sites.FirstOrDefault(s => s.ListsHost(host)))
            ?? (sites.Count == 1 ? sites[0] : null)
            ?? (string.IsNullOrEmpty(defaultSiteKey) ? null : sites.FirstOrDefault(s => s.Key == defaultSiteKey));
    }

    /// <summary>For work outside a request (tools, benchmarks): the site whose host names include <paramref name="host"/>, else the first site.</summary>
    public static Site Pick(IReadOnlyList<Site> sites, string? host)
    {
        if (sites.Count == 0)
        {
            throw new InvalidOperationException("No site exists yet: apply a site recipe first (./wardcms recipe apply recipes/hai-ba-trung.recipe.json).");
        }
        return Match(sites, host, sites[0].Key)!;
    }

    /// <summary>Pins the site (a request's, from its host; recipes and jobs, their own) and confines the scope's queries to it.</summary>
    public void Use(Site site)
    {
        scope.Confine(site.Id);
        _site = site;
    }
}
