using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Planning;

/// <summary>Items of "portal" channel types that are public now, counted on the day they first went live.</summary>
public sealed class PortalPublicationSource(WardDbContext db) : ICountingEventSource
{
    public async Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var types = await ChannelTypes.LoadAsync(db, siteId, ct);
        var portalTypes = types.Where(t => t.Value == "portal").Select(t => t.Key).ToList();
        var items = db.ContentItems.Where(i => i.SiteId == siteId && !i.IsDeleted && i.PublishedVersionId != null
            && i.FirstPublishedUtc >= fromUtc && i.FirstPublishedUtc <= toUtc && portalTypes.Contains(i.ContentType));
        var rows = await items.Select(i => new
        {
            i.Id, i.ContentType, i.Title, i.FirstPublishedUtc,
            UnitKey = db.Units.Where(u => u.Id == i.UnitId).Select(u => u.Key).FirstOrDefault(),
        }).ToListAsync(ct);
        var tasks = await ChannelTypes.PublishedTasksAsync(db, items, ct);
        var topics = await ChannelTypes.PublishedTopicsAsync(db, items, ct);
        return [.. rows.Select(r => new CountingEvent
        {
            ContentItemId = r.Id.ToString(),
            OccurredAt = new DateTimeOffset(r.FirstPublishedUtc!.Value, TimeSpan.Zero),
            Kind = CountingEventKind.PublishedOnPortal,
            ContentType = r.ContentType,
            Channel = "portal",
            Topics = topics[r.Id].ToList(),
            UnitKey = r.UnitKey,
            PlanTaskIds = tasks[r.Id].ToList(),
            Title = r.Title,
        })];
    }
}

/// <summary>Items recorded as posted on the City CCHC page, counted on the posting date.</summary>
public sealed class CityPagePostingSource(WardDbContext db) : ICountingEventSource
{
    public async Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var from = PeriodCalculator.LocalDate(new DateTimeOffset(fromUtc, TimeSpan.Zero));
        var to = PeriodCalculator.LocalDate(new DateTimeOffset(toUtc, TimeSpan.Zero));
        var postings = db.Set<CityPagePosting>().Where(p => p.SiteId == siteId && p.PostedOn >= from && p.PostedOn <= to);
        var items = db.ContentItems.Where(i => !i.IsDeleted && postings.Any(p => p.ContentItemId == i.Id));
        var rows = await postings.Join(items, p => p.ContentItemId, i => i.Id, (p, i) => new
        {
            p.Id, p.PostedOn, ItemId = i.Id, i.ContentType, i.Title,
            UnitKey = db.Units.Where(u => u.Id == i.UnitId).Select(u => u.Key).FirstOrDefault(),
        }).ToListAsync(ct);
        // The tags the item carries now (published if it is public, else its latest).
        var tasks = (await db.ContentItemPlanTasks.Where(x => items.Any(i => i.Id == x.ContentItemId))
            .Select(x => new { x.ContentItemId, x.PlanTaskId }).Distinct().ToListAsync(ct))
            .ToLookup(x => x.ContentItemId, x => x.PlanTaskId.ToString());
        var topics = await ChannelTypes.PublishedTopicsAsync(db, items, ct);
        var channels = await ChannelTypes.LoadAsync(db, siteId, ct);
        return [.. rows.Select(r => new CountingEvent
        {
            ContentItemId = r.ItemId.ToString(),
            // A date without a time: midday ICT keeps it on that local date.
            OccurredAt = new DateTimeOffset(r.PostedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(7)),
            Kind = CountingEventKind.PostedToCityPage,
            ContentType = r.ContentType,
            Channel = channels.GetValueOrDefault(r.ContentType),
            Topics = topics[r.ItemId].ToList(),
            UnitKey = r.UnitKey,
            PlanTaskIds = tasks[r.ItemId].Distinct().ToList(),
            Title = r.Title,
        })];
    }
}

internal static class ChannelTypes
{
    public static async Task<Dictionary<string, string>> LoadAsync(WardDbContext db, int siteId, CancellationToken ct) =>
        (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct))
            .ToDictionary(t => t.Name, t => t.Settings.Channel, StringComparer.Ordinal);

    public static async Task<ILookup<int, string>> PublishedTasksAsync(WardDbContext db, IQueryable<ContentItem> items, CancellationToken ct) =>
        (await db.ContentItemPlanTasks.Where(x => x.Published && items.Any(i => i.Id == x.ContentItemId))
            .Select(x => new { x.ContentItemId, x.PlanTaskId }).ToListAsync(ct))
            .ToLookup(x => x.ContentItemId, x => x.PlanTaskId.ToString());

    public static async Task<ILookup<int, string>> PublishedTopicsAsync(WardDbContext db, IQueryable<ContentItem> items, CancellationToken ct) =>
        (await (from x in db.ContentItemTerms
                join t in db.Terms on x.TermId equals t.Id
                where x.Published && items.Any(i => i.Id == x.ContentItemId)
                select new { x.ContentItemId, t.Key }).ToListAsync(ct))
            .ToLookup(x => x.ContentItemId, x => x.Key);
}
