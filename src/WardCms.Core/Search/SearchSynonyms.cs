using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
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
/// The synonyms of each site, read once and kept in the app's memory cache until they change here
/// (<see cref="Forget"/>) or for five minutes (a change made by another process, such as
/// `./wardcms recipe apply`).
/// </summary>
public sealed class SearchSynonymCache(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public const int MaxForms = 12;
    public const int MaxFormLength = 100;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<IReadOnlyList<string>>> ForSiteAsync(int siteId, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(Key(siteId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            var rows = await db.Set<SearchSynonym>().AsNoTracking().Where(s => s.SiteId == siteId).OrderBy(s => s.Id).ToListAsync(ct);
            return (IReadOnlyList<IReadOnlyList<string>>)rows.Select(r => (IReadOnlyList<string>)r.Forms).ToList();
        }) ?? [];

    public void Forget(int siteId) => cache.Remove(Key(siteId));

    private static (Type, int) Key(int siteId) => (typeof(SearchSynonymCache), siteId);
}
