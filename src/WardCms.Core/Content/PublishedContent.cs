using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;

namespace WardCms.Core.Content;

/// <summary>Read side of the public site: what is published, where it lives, how it is listed.</summary>
public sealed class PublishedContent(WardDbContext db, ContentPartRegistry parts)
{
    public static readonly TimeZoneInfo Ict = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    public static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public Task<List<ContentTypeDefinition>> TypesAsync(int siteId, CancellationToken ct = default) =>
        db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ToListAsync(ct);

    /// <summary>Which type's section or item a public path points at, by the types' slug patterns.</summary>
    public static PublicRoute? Resolve(IEnumerable<ContentTypeDefinition> types, string path)
    {
        path = "/" + path.Trim('/');
        foreach (var type in types)
        {
            var settings = type.Settings;
            if (settings.EffectiveSectionPath is { Length: > 0 } section && string.Equals(path, section, StringComparison.OrdinalIgnoreCase))
            {
                return new PublicRoute(type, null);
            }
            if (settings.SlugPrefix is { Length: > 0 } prefix && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && settings.SlugPattern!.EndsWith("{slug}", StringComparison.Ordinal))
            {
                var slug = path[prefix.Length..];
                if (slug.Length > 0 && !slug.Contains('/'))
                {
                    return new PublicRoute(type, slug.ToLowerInvariant());
                }
            }
        }
        return null;
    }

    public async Task<PublishedPage?> FindAsync(int siteId, ContentTypeDefinition type, string slug, CancellationToken ct = default)
    {
        var row = await db.ContentItems.AsNoTracking()
            .Where(i => i.SiteId == siteId && i.ContentType == type.Name && i.PublishedSlug == slug && !i.IsDeleted && i.PublishedVersionId != null)
            // A plain join: a First() over versions in the projection made EF number every row of
            // ContentVersions (ROW_NUMBER over the whole table) on every page view.
            .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new { Item = i, Version = v })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var draft = ContentDraft.FromVersion(row.Version, type, parts);
        var unit = row.Version.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var terms = await db.ContentItemTerms.Where(x => x.ContentItemId == row.Item.Id && x.Published)
            .Join(db.Terms, x => x.TermId, t => t.Id, (x, t) => t).OrderBy(t => t.Order).AsNoTracking().ToListAsync(ct);
        return new PublishedPage(type, row.Item, row.Version, draft, unit, terms);
    }

    public async Task<PagedList<PublishedSummary>> ListAsync(int siteId, string typeName, int page, int pageSize, int? termId = null, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == siteId && t.Name == typeName, ct);
        var query = db.ContentItems.AsNoTracking()
            .Where(i => i.SiteId == siteId && i.ContentType == typeName && !i.IsDeleted && i.PublishedVersionId != null);
        if (termId is { } tid)
        {
            query = query.Where(i => db.ContentItemTerms.Any(x => x.ContentItemId == i.Id && x.TermId == tid && x.Published));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.FirstPublishedUtc).ThenByDescending(i => i.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new { i.Id, v.Title, v.Summary, i.PublishedSlug, i.FirstPublishedUtc, v.UnitId })
            .ToListAsync(ct);
        var settings = type.Settings;
        return new PagedList<PublishedSummary>(
            rows.Select(r => new PublishedSummary(r.Id, type.Name, r.Title, r.Summary, settings.UrlFor(r.PublishedSlug) ?? "", r.FirstPublishedUtc)).ToList(),
            total, page, pageSize);
    }

    public static string FormatDate(DateTime? utc) =>
        utc is null ? "" : TimeZoneInfo.ConvertTimeFromUtc(utc.Value, Ict).ToString("dd/MM/yyyy", Vi);

    public static string FormatDateTime(DateTime? utc) =>
        utc is null ? "" : TimeZoneInfo.ConvertTimeFromUtc(utc.Value, Ict).ToString("HH:mm dd/MM/yyyy", Vi);
}

public sealed record PublicRoute(ContentTypeDefinition Type, string? Slug);

public sealed record PublishedPage(ContentTypeDefinition Type, ContentItem Item, ContentVersion Version, ContentDraft Draft, string? UnitName, IReadOnlyList<Term> Terms)
{
    public string Url => Type.Settings.UrlFor(Item.PublishedSlug) ?? "";
}

public sealed record PublishedSummary(int Id, string ContentType, string Title, string Summary, string Url, DateTime? PublishedUtc);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}
