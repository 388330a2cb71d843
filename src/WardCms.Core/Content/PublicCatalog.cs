using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;

namespace WardCms.Core.Content;

/// <summary>
/// The public lists beyond what <see cref="PublishedContent"/> gives: cards with cover images,
/// topic pages, related items, everything for the sitemap and feeds. Type-agnostic: it only
/// reads the parts a type declares.
/// </summary>
public sealed class PublicCatalog(WardDbContext db, ContentPartRegistry parts)
{
    /// <summary>Published items of a type, newest first, optionally of one term.</summary>
    public async Task<PagedList<PublicCard>> ListAsync(int siteId, ContentTypeDefinition type, int page, int pageSize, int? termId = null, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var query = Published(siteId, type.Name);
        if (termId is { } tid)
        {
            query = query.Where(i => db.ContentItemTerms.Any(x => x.ContentItemId == i.Id && x.TermId == tid && x.Published));
        }
        var total = await query.CountAsync(ct);
        var cards = await CardsAsync(type, query.OrderByDescending(i => i.FirstPublishedUtc).ThenByDescending(i => i.Id)
            .Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new PagedList<PublicCard>(cards, total, page, pageSize);
    }

    /// <summary>The newest items that have a cover image; when none has one, simply the newest.</summary>
    public async Task<IReadOnlyList<PublicCard>> FeaturedAsync(int siteId, ContentTypeDefinition type, int count, CancellationToken ct = default)
    {
        var recent = await CardsAsync(type, Published(siteId, type.Name).OrderByDescending(i => i.FirstPublishedUtc).ThenByDescending(i => i.Id).Take(40), ct);
        var withCover = recent.Where(c => c.Cover is not null).Take(count).ToList();
        return withCover.Count > 0 ? withCover : recent.Take(count).ToList();
    }

    /// <summary>Items sharing at least one published term with the given item, newest first.</summary>
    public Task<List<PublicCard>> RelatedAsync(int siteId, ContentTypeDefinition type, int itemId, int count, CancellationToken ct = default)
    {
        // The item's own terms as a subquery (not a list of ids in the query): the SQL stays the same
        // from one item to the next, so EF generates it once instead of on every page view.
        var terms = db.ContentItemTerms.Where(x => x.ContentItemId == itemId && x.Published).Select(x => x.TermId);
        var query = Published(siteId, type.Name).Where(i => i.Id != itemId
            && db.ContentItemTerms.Any(x => x.ContentItemId == i.Id && x.Published && terms.Contains(x.TermId)));
        return CardsAsync(type, query.OrderByDescending(i => i.FirstPublishedUtc).ThenByDescending(i => i.Id).Take(count), ct);
    }

    /// <summary>All published items of a type (handbook tables of contents, feeds), newest first.</summary>
    public Task<List<PublicCard>> AllAsync(int siteId, ContentTypeDefinition type, int max, CancellationToken ct = default) =>
        CardsAsync(type, Published(siteId, type.Name).OrderByDescending(i => i.FirstPublishedUtc).ThenByDescending(i => i.Id).Take(max), ct);

    /// <summary>The terms of the taxonomy a type's topics part uses, in their order.</summary>
    public async Task<IReadOnlyList<Term>> TermsForAsync(int siteId, ContentTypeDefinition type, CancellationToken ct = default)
    {
        var topics = parts.Get<TopicsPart>();
        if (!topics.IsIn(type))
        {
            return [];
        }
        var key = TopicsPart.TaxonomyOf(topics.SettingsIn(type));
        return await db.Terms.AsNoTracking().Where(t => t.Taxonomy!.SiteId == siteId && t.Taxonomy.Key == key)
            .OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Every public address with its last change, for the sitemap.</summary>
    public async Task<IReadOnlyList<(string Url, DateTime LastModifiedUtc)>> SitemapAsync(int siteId, IEnumerable<ContentTypeDefinition> types, CancellationToken ct = default)
    {
        var result = new List<(string, DateTime)>();
        foreach (var type in types.Where(t => t.Settings.SlugPattern is not null))
        {
            var rows = await Published(siteId, type.Name).OrderByDescending(i => i.FirstPublishedUtc)
                .Select(i => new { i.PublishedSlug, i.PublishedUtc, i.FirstPublishedUtc, i.UpdatedUtc }).ToListAsync(ct);
            if (type.Settings.EffectiveSectionPath is { } section)
            {
                result.Add((section, rows.Select(r => r.PublishedUtc ?? r.UpdatedUtc).DefaultIfEmpty(DateTime.UnixEpoch).Max()));
            }
            foreach (var r in rows)
            {
                if (type.Settings.UrlFor(r.PublishedSlug) is { } url)
                {
                    result.Add((url, r.PublishedUtc ?? r.FirstPublishedUtc ?? r.UpdatedUtc));
                }
            }
        }
        return result;
    }

    private IQueryable<ContentItem> Published(int siteId, string typeName) =>
        db.ContentItems.AsNoTracking().Where(i => i.SiteId == siteId && i.ContentType == typeName && !i.IsDeleted && i.PublishedVersionId != null);

    private async Task<List<PublicCard>> CardsAsync(ContentTypeDefinition type, IQueryable<ContentItem> items, CancellationToken ct)
    {
        var rows = await items
            .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new
            {
                i.Id, v.Title, v.Summary, v.Body, v.AuthorName, i.PublishedSlug, i.FirstPublishedUtc, i.PublishedUtc, v.UnitId, v.PartsJson,
                Unit = db.Units.Where(u => u.Id == v.UnitId).Select(u => u.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var settings = type.Settings;
        var cardParts = parts.Of(type).Where(x => !x.Part.StoredInColumns).ToList();
        return rows.Select(r =>
        {
            // What the type's parts add to a card: the first image any of them gives, every fact.
            CoverImage? image = null;
            List<CardFact>? facts = null;
            if (cardParts.Count > 0 && JsonNode.Parse(r.PartsJson) is JsonObject json)
            {
                foreach (var (part, typePart) in cardParts)
                {
                    if (part.CardOf(part.Read(json), typePart) is { } card)
                    {
                        image ??= card.Image;
                        if (card.Facts.Count > 0)
                        {
                            (facts ??= []).AddRange(card.Facts);
                        }
                    }
                }
            }
            return new PublicCard(r.Id, type.Name, r.Title, r.Summary, r.Body, r.AuthorName, settings.UrlFor(r.PublishedSlug) ?? "",
                r.FirstPublishedUtc, r.PublishedUtc, r.Unit, image, facts ?? [], r.PartsJson);
        }).ToList();
    }
}

/// <summary>
/// An item in a list. <paramref name="Cover"/> and <paramref name="Facts"/> come from its parts
/// (<see cref="ContentPartDefinition.CardOf"/>); <paramref name="PartsJson"/> lets a part read its own data back (the handbook's chapter and order).
/// </summary>
public sealed record PublicCard(int Id, string ContentType, string Title, string Summary, string Body, string AuthorName, string Url,
    DateTime? PublishedUtc, DateTime? LastPublishedUtc, string? UnitName, CoverImage? Cover, IReadOnlyList<CardFact> Facts, string PartsJson)
{
    /// <summary>A part's data in this item's published version.</summary>
    public T DataOf<T>(ContentPartDefinition part) where T : class =>
        (T)part.Read(JsonNode.Parse(PartsJson) as JsonObject ?? []);
}

/// <summary>An image shown for an item (a card's picture, an item page's cover).</summary>
public sealed record CoverImage(string Url, string Alt, string Caption);
