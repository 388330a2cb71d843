using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

public sealed record SiteIndexCount(int SiteId, string SiteKey, int Documents);

/// <summary>Rebuilds the index from published content: the whole of it, or only where it is out of step.</summary>
public sealed class SearchRebuilder(
    WardDbContext db,
    ISearchIndex index,
    PublishedSearchDocuments documents,
    SearchSchema schema,
    ILogger<SearchRebuilder> log)
{
    public async Task<IReadOnlyList<SiteIndexCount>> RebuildAllAsync(CancellationToken ct = default)
    {
        await schema.EnsureAsync(index, db.Database.CurrentTransaction is not null, ct);
        var counts = new List<SiteIndexCount>();
        foreach (var site in await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Key }).ToListAsync(ct))
        {
            counts.Add(new SiteIndexCount(site.Id, site.Key, await RebuildSiteAsync(site.Id, ct)));
        }
        return counts;
    }

    /// <summary>Replaces a site's index in one transaction: visitors see the old index until the new one is complete.</summary>
    public async Task<int> RebuildSiteAsync(int siteId, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var total = 0;
            await index.ClearAsync(siteId, ct);
            await foreach (var batch in documents.ForSiteAsync(siteId, ct: ct))
            {
                await index.UpsertManyAsync(batch, ct);
                total += batch.Count;
            }
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return total;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>At startup: creates the tables and rebuilds every site whose index does not hold all its public items.</summary>
    public async Task EnsureFreshAsync(CancellationToken ct = default)
    {
        await schema.EnsureAsync(index, insideTransaction: false, ct);
        foreach (var site in await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Key }).ToListAsync(ct))
        {
            var expected = await documents.CountAsync(site.Id, ct);
            var indexed = await index.CountAsync(site.Id, ct);
            if (expected != indexed)
            {
                log.LogInformation("Search index of site {Site} holds {Indexed} of {Expected} public items; rebuilding.", site.Key, indexed, expected);
                await RebuildSiteAsync(site.Id, ct);
            }
        }
    }
}
