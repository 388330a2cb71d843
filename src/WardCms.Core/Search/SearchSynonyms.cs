using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

/// <summary>
/// A site's abbreviation or synonym: forms that mean the same ("CCCD", "căn cước công dân"). A query
/// holding any form finds items holding any of them, each ranked as if it had been typed in full.
/// Applied when searching, so changing them never needs the index rebuilt.
/// </summary>
public sealed class SearchSynonym
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    /// <summary>Two or more forms, as staff write them; the first names the entry.</summary>
    public List<string> Forms { get; set; } = [];
}

public sealed class SearchSynonymConfiguration : IEntityTypeConfiguration<SearchSynonym>
{
    public void Configure(EntityTypeBuilder<SearchSynonym> b)
    {
        b.ToTable("SearchSynonyms");
        b.HasIndex(x => x.SiteId);
    }
}

/// <summary>
/// The synonyms of each site, read once and kept until they change here (<see cref="Forget"/>) or for
/// five minutes (a change made by another process, such as `./wardcms recipe apply`).
/// </summary>
public sealed class SearchSynonymCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxForms = 12;
    public const int MaxFormLength = 100;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<int, (DateTimeOffset Until, IReadOnlyList<IReadOnlyList<string>> Groups)> _sites = new();

    public async Task<IReadOnlyList<IReadOnlyList<string>>> ForSiteAsync(int siteId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_sites.TryGetValue(siteId, out var cached) && cached.Until > now)
        {
            return cached.Groups;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var rows = await db.Set<SearchSynonym>().AsNoTracking().Where(s => s.SiteId == siteId).OrderBy(s => s.Id).ToListAsync(ct);
        IReadOnlyList<IReadOnlyList<string>> groups = rows.Select(r => (IReadOnlyList<string>)r.Forms).ToList();
        _sites[siteId] = (now + Lifetime, groups);
        return groups;
    }

    public void Forget(int siteId) => _sites.TryRemove(siteId, out _);
}
