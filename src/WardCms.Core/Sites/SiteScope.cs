namespace WardCms.Core.Sites;

/// <summary>
/// The site whose data a DI scope sees. Every query of an entity with a <c>SiteId</c> goes through
/// <see cref="Data.WardDbContext"/>'s global query filter, which reads this: once a site is set, another
/// site's rows do not exist for the scope (a found-by-id lookup answers null, a list leaves them out,
/// a bulk update or delete does not touch them). A web request sets it from its host name before any
/// page runs (<see cref="SiteContext"/>); work outside a request (recipes, the indexer, the command
/// line) leaves it unset and sees every site, naming the site in its own queries.
/// </summary>
public sealed class SiteScope
{
    private int? _siteId;

    /// <summary>The site this scope is confined to; null outside a request.</summary>
    public int? SiteId => _siteId;

    /// <summary>
    /// Confines the scope to one site. A scope is confined once: asking for another site afterwards is
    /// a programming error (a request never acts on two sites), not something to serve.
    /// </summary>
    public void Confine(int siteId)
    {
        if (_siteId is { } current && current != siteId)
        {
            throw new InvalidOperationException($"This scope is confined to site {current}; it cannot act on site {siteId}.");
        }
        _siteId = siteId;
    }
}
