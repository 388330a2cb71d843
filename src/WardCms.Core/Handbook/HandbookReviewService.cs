using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Language;

namespace WardCms.Core.Handbook;

/// <summary>
/// When each published handbook entry was last checked and when it is due again. The plan asks
/// for a handbook "updated periodically": a publish or a recorded review both count as a check.
/// </summary>
public sealed class HandbookReviewService(WardDbContext db, ContentPartRegistry parts)
{
    public const int DueSoonDays = 30;

    /// <summary>Every published entry of every type with the handbook part, soonest due first.</summary>
    public async Task<IReadOnlyList<HandbookReviewStatus>> StatusesAsync(int siteId, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstAsync(s => s.Id == siteId, ct);
        var handbook = parts.Get<HandbookPart>();
        var typeNames = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct))
            .Where(handbook.IsIn).Select(t => t.Name).ToList();
        var rows = await db.ContentItems.AsNoTracking()
            .Where(i => i.SiteId == siteId && typeNames.Contains(i.ContentType) && !i.IsDeleted && i.PublishedVersionId != null)
            .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new
            {
                i.Id, v.Title, i.ContentType, i.PublishedUtc, i.FirstPublishedUtc, v.PartsJson,
                LastReview = db.Set<HandbookReview>().Where(r => r.ContentItemId == i.Id).Max(r => (DateTime?)r.ReviewedUtc),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var place = (HandbookPart.Data)handbook.Read(JsonNode.Parse(r.PartsJson) as JsonObject ?? []);
            var published = r.PublishedUtc ?? r.FirstPublishedUtc ?? DateTime.UnixEpoch;
            var checkedUtc = r.LastReview is { } rev && rev > published ? rev : published;
            var months = place.ReviewMonths ?? site.HandbookReviewMonths;
            return new HandbookReviewStatus(r.Id, r.ContentType, r.Title, place.Chapter, published, r.LastReview, checkedUtc, checkedUtc.AddMonths(months), months);
        }).OrderBy(s => s.NextReviewUtc).ThenBy(s => s.Title, StringComparer.Ordinal).ToList();
    }

    public async Task<HandbookReviewStatus?> StatusAsync(int siteId, int itemId, CancellationToken ct = default) =>
        (await StatusesAsync(siteId, ct)).FirstOrDefault(s => s.ItemId == itemId);

    /// <summary>Entries whose next review date has passed: for the dashboard's badge.</summary>
    public async Task<int> OverdueCountAsync(int siteId, DateTime nowUtc, CancellationToken ct = default) =>
        (await StatusesAsync(siteId, ct)).Count(s => s.IsOverdue(nowUtc));

    /// <summary>Records that the entry was checked and is still accurate. False when it is not a published handbook entry of the site.</summary>
    public async Task<bool> RecordAsync(int siteId, int itemId, string? userId, string note, DateTime nowUtc, CancellationToken ct = default)
    {
        if (await StatusAsync(siteId, itemId, ct) is null)
        {
            return false;
        }
        db.Set<HandbookReview>().Add(new HandbookReview
        {
            SiteId = siteId, ContentItemId = itemId, ReviewedUtc = nowUtc, ReviewedById = userId, Note = Vietnamese.Nfc(note ?? "").Trim(),
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public sealed record HandbookReviewStatus(int ItemId, string ContentType, string Title, string Chapter, DateTime LastPublishedUtc,
    DateTime? LastReviewUtc, DateTime LastCheckedUtc, DateTime NextReviewUtc, int ReviewMonths)
{
    public bool IsOverdue(DateTime nowUtc) => NextReviewUtc <= nowUtc;
    public bool IsDueSoon(DateTime nowUtc) => !IsOverdue(nowUtc) && NextReviewUtc <= nowUtc.AddDays(HandbookReviewService.DueSoonDays);
}

public static class HandbookServiceCollectionExtensions
{
    public static IServiceCollection AddHandbook(this IServiceCollection services)
    {
        services.AddScoped<HandbookReviewService>();
        return services;
    }
}
