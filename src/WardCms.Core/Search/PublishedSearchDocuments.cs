using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Data;

namespace WardCms.Core.Search;

/// <summary>
/// Turns published content into search documents: always the published version, never the draft,
/// so a saved but unpublished edit changes nothing citizens can find.
/// </summary>
public sealed class PublishedSearchDocuments(WardDbContext db, MarkdownRenderer markdown, ContentPartRegistry parts)
{
    /// <summary>The documents of those items that are public now (the others are absent).</summary>
    public Task<List<SearchDocument>> FindManyAsync(IReadOnlyCollection<int> itemIds, CancellationToken ct = default) =>
        LoadAsync(db.ContentItems.Where(i => itemIds.Contains(i.Id)), ct);

    /// <summary>A site's public items in id order, <paramref name="batchSize"/> at a time (rebuilds of large sites).</summary>
    public async IAsyncEnumerable<IReadOnlyList<SearchDocument>> ForSiteAsync(int siteId, int batchSize = 500,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = 0;
        while (true)
        {
            var from = after;
            var ids = await Public(db.ContentItems.Where(i => i.SiteId == siteId && i.Id > from))
                .OrderBy(i => i.Id).Select(i => i.Id).Take(batchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                yield break;
            }
            var first = ids[0];
            var last = ids[^1];
            after = last;
            yield return await LoadAsync(db.ContentItems.Where(i => i.SiteId == siteId && i.Id >= first && i.Id <= last), ct);
        }
    }

    private static IQueryable<ContentItem> Public(IQueryable<ContentItem> items) =>
        items.Where(i => !i.IsDeleted && i.PublishedVersionId != null && i.PublishedSlug != null);

    private async Task<List<SearchDocument>> LoadAsync(IQueryable<ContentItem> items, CancellationToken ct)
    {
        var published = Public(items.AsNoTracking());
        var rows = await published
            .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id,
                (i, v) => new { i.Id, i.SiteId, i.ContentType, i.PublishedSlug, i.FirstPublishedUtc, v.Title, v.Summary, v.Body, v.PartsJson })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }
        var siteIds = rows.Select(r => r.SiteId).Distinct().ToList();
        var types = await PublicTypesAsync(db.ContentTypes.Where(t => siteIds.Contains(t.SiteId)), ct);
        var topics = (await db.ContentItemTerms.Where(x => x.Published)
                .Join(published, x => x.ContentItemId, i => i.Id, (x, i) => x)
                .Join(db.Terms, x => x.TermId, t => t.Id, (x, t) => new { x.ContentItemId, t.Key, t.Order })
                .ToListAsync(ct))
            .GroupBy(x => x.ContentItemId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(x => x.Order).Select(x => x.Key).ToList());

        var documents = new List<SearchDocument>(rows.Count);
        foreach (var r in rows)
        {
            // A type without a public address (no slug pattern) has nothing a visitor could open.
            if (!types.TryGetValue((r.SiteId, r.ContentType), out var type) || type.Settings.UrlFor(r.PublishedSlug) is not { } url)
            {
                continue;
            }
            var settings = type.Settings;
            var (fields, filters) = FromParts(type, r.PartsJson);
            documents.Add(new SearchDocument(
                r.SiteId, r.Id, r.Title, string.IsNullOrWhiteSpace(r.Summary) ? null : r.Summary,
                markdown.ToPlainText(r.Body), r.ContentType, url,
                r.FirstPublishedUtc is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                topics.GetValueOrDefault(r.Id, []), settings.SearchWeight, fields, filters));
        }
        return documents;
    }

    private static async Task<Dictionary<(int SiteId, string Type), ContentTypeDefinition>> PublicTypesAsync(IQueryable<ContentTypeDefinition> types, CancellationToken ct) =>
        (await types.AsNoTracking().ToListAsync(ct))
            .Where(t => t.Settings.SlugPattern is not null)
            .ToDictionary(t => (t.SiteId, t.Name));

    /// <summary>
    /// What the item's parts say a search should find (<see cref="ContentPartDefinition.SearchText"/>),
    /// one line each, null when nothing; and the values it can be filtered by
    /// (<see cref="ContentPartDefinition.FilterValues"/>), a key the type's first part to declare it keeps.
    /// </summary>
    private (string? Text, IReadOnlyList<(string Filter, string Value)>? Filters) FromParts(ContentTypeDefinition type, string partsJson)
    {
        var jsonParts = parts.Of(type).Where(x => !x.Part.StoredInColumns).ToList();
        if (jsonParts.Count == 0 || System.Text.Json.Nodes.JsonNode.Parse(partsJson) is not System.Text.Json.Nodes.JsonObject json)
        {
            return (null, null);
        }
        var lines = new List<string>();
        var filters = new List<(string Filter, string Value)>();
        var owners = new Dictionary<string, ContentPartDefinition>(StringComparer.Ordinal);
        foreach (var (part, typePart) in jsonParts)
        {
            var data = part.Read(json);
            lines.AddRange(part.SearchText(data, typePart));
            foreach (var filter in part.SearchFilters(typePart))
            {
                owners.TryAdd(filter.Key, part);
            }
            filters.AddRange(part.FilterValues(data, typePart).Where(x => owners.GetValueOrDefault(x.Filter) == part));
        }
        var text = string.Join("\n", lines);
        return (text.Length == 0 ? null : text, filters.Count == 0 ? null : filters);
    }
}
