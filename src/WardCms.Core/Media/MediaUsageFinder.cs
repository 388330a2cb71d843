using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;

namespace WardCms.Core.Media;

/// <summary>An item that shows an asset: as its cover image or inside its Markdown body.</summary>
public sealed record MediaUsage(int ItemId, string Title, string ContentType, bool AsCover, bool InBody, bool InPublishedVersion, bool ItemInTrash);

/// <summary>
/// Which content items use an asset, computed from the content itself (no usage table to drift):
/// the latest and the published version of every item are looked at, so a draft that just picked
/// the image and a live page that still shows an older choice both count.
/// </summary>
public sealed class MediaUsageFinder(WardDbContext db)
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

        var usages = new Dictionary<int, MediaUsage>();
        foreach (var c in candidates.Values)
        {
            var asCover = UsesAsCover(c.PartsJson, keys);
            var inBody = keys.Any(k => c.Body.Contains("/media/" + k, StringComparison.Ordinal));
            if (!asCover && !inBody)
            {
                continue;
            }
            var usage = new MediaUsage(c.ItemId, c.Title, c.ContentType, asCover, inBody, c.IsPublished, c.IsDeleted);
            usages[c.ItemId] = usages.TryGetValue(c.ItemId, out var seen)
                ? seen with { AsCover = seen.AsCover || asCover, InBody = seen.InBody || inBody, InPublishedVersion = seen.InPublishedVersion || c.IsPublished }
                : usage;
        }
        return usages.Values.OrderBy(u => u.ItemInTrash).ThenBy(u => u.Title, StringComparer.Ordinal).ToList();
    }

    private static bool UsesAsCover(string partsJson, IReadOnlyCollection<string> keys)
    {
        if (JsonNode.Parse(partsJson) is not JsonObject parts || parts[MediaPart.PartName] is not JsonObject media)
        {
            return false;
        }
        var mediaKey = media["mediaKey"]?.GetValue<string>();
        var imageUrl = media["imageUrl"]?.GetValue<string>();
        return keys.Any(k => mediaKey == k || imageUrl == MediaUrls.Of(k));
    }

    private sealed record Candidate(int ItemId, string Title, string ContentType, bool IsDeleted, bool IsPublished, string PartsJson, string Body);
}
