using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;

namespace WardCms.Core.Media;

/// <summary>An item that shows an asset: through its parts (as what: "Ảnh đại diện", a field's label) or inside its Markdown body.</summary>
public sealed record MediaUsage(int ItemId, string Title, string ContentType, IReadOnlyList<string> InParts, bool InBody, bool InPublishedVersion, bool ItemInTrash);

/// <summary>
/// Which content items use an asset, computed from the content itself (no usage table to drift):
/// the latest and the published version of every item are looked at, so a draft that just picked
/// the image and a live page that still shows an older choice both count.
/// </summary>
public sealed class MediaUsageFinder(WardDbContext db, ContentPartRegistry parts)
{
    public async Task<IReadOnlyList<MediaUsage>> FindAsync(MediaAsset asset, CancellationToken ct = default)
    {
        var keys = await db.Set<MediaAssetFile>().Where(f => f.MediaAssetId == asset.Id).Select(f => f.Key).ToListAsync(ct);
        if (!keys.Contains(asset.OriginalKey))
        {
            keys.Add(asset.OriginalKey);
        }

        // A cheap substring pass in the database narrows the candidates; the parse below decides.
        var candidates = new Dictionary<int, Candidate>();
        foreach (var key in keys)
        {
            var rows = await (
                    from i in db.ContentItems
                    where i.SiteId == asset.SiteId
                    from v in db.ContentVersions
                    where v.ContentItemId == i.Id && (v.Id == i.LatestVersionId || v.Id == i.PublishedVersionId)
                        && (v.PartsJson.Contains(key) || v.Body.Contains(key))
                    select new Candidate(i.Id, i.Title, i.ContentType, i.IsDeleted, v.Id == i.PublishedVersionId, v.PartsJson, v.Body))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                candidates.TryAdd(HashCode.Combine(row.ItemId, row.IsPublished), row);
            }
        }

        var types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == asset.SiteId).ToDictionaryAsync(t => t.Name, ct);
        var usages = new Dictionary<int, MediaUsage>();
        foreach (var c in candidates.Values)
        {
            var inParts = types.TryGetValue(c.ContentType, out var type) ? UsesInParts(type, c.PartsJson, keys) : [];
            var inBody = keys.Any(k => c.Body.Contains("/media/" + k, StringComparison.Ordinal));
            if (inParts.Count == 0 && !inBody)
            {
                continue;
            }
            var usage = new MediaUsage(c.ItemId, c.Title, c.ContentType, inParts, inBody, c.IsPublished, c.IsDeleted);
            usages[c.ItemId] = usages.TryGetValue(c.ItemId, out var seen)
                ? seen with { InParts = seen.InParts.Union(inParts).ToList(), InBody = seen.InBody || inBody, InPublishedVersion = seen.InPublishedVersion || c.IsPublished }
                : usage;
        }
        return usages.Values.OrderBy(u => u.ItemInTrash).ThenBy(u => u.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>What each part of the item's type says it uses (<see cref="ContentPartDefinition.MediaUses"/>), for these keys.</summary>
    private List<string> UsesInParts(ContentTypeDefinition type, string partsJson, IReadOnlyCollection<string> keys)
    {
        if (JsonNode.Parse(partsJson) is not JsonObject json)
        {
            return [];
        }
        return parts.Of(type).Where(x => !x.Part.StoredInColumns)
            .SelectMany(x => x.Part.MediaUses(x.Part.Read(json), x.TypePart))
            .Where(u => keys.Contains(u.Key)).Select(u => u.Label).Distinct().ToList();
    }

    private sealed record Candidate(int ItemId, string Title, string ContentType, bool IsDeleted, bool IsPublished, string PartsJson, string Body);
}
