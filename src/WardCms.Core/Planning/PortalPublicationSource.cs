using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;

namespace WardCms.Core.Planning;

/// <summary>Items of "portal" channel types that are public now, counted on the day they first went live.</summary>
public sealed class PortalPublicationSource(WardDbContext db) : ICountingEventSource
{
    public async Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var types = await ChannelTypes.LoadAsync(db, siteId, ct);
        var portalTypes = types.Where(t => t.Value == "portal").Select(t => t.Key).ToList();
        if (portalTypes.Count == 0)
            return [];
        var items = db.ContentItems.AsNoTracking().Where(i => i.SiteId == siteId && !i.IsDeleted && i.PublishedVersionId != null
            && i.FirstPublishedUtc >= fromUtc && i.FirstPublishedUtc <= toUtc && portalTypes.Contains(i.ContentType));
        // Two flat queries joined here by id, each one index range (see CountingIndexes): the items of
        // the window, and the published task tags of this site's plans. A join in the database would
        // cost one index seek per item instead.
        var rows = db.Provider == DatabaseProvider.Sqlite
            ? await SqliteItemRowsAsync(siteId, fromUtc, toUtc, portalTypes, ct)
            : await items.Select(i => new ItemRow(i.Id, i.ContentType, i.FirstPublishedUtc!.Value, i.UnitId)).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var tags = await ChannelTypes.PublishedTaskTagsAsync(db, siteId, ct);
        var units = await ChannelTypes.UnitKeysAsync(db, siteId, ct);
        var topics = await ChannelTypes.PublishedSiteTopicsAsync(db, siteId, ct);
        // Chronological, then by id: a stable order for the counted-item lists whatever plan the database picks.
        rows.Sort((a, b) => a.FirstPublishedUtc != b.FirstPublishedUtc ? a.FirstPublishedUtc.CompareTo(b.FirstPublishedUtc) : a.Id.CompareTo(b.Id));
        var events = new List<CountingEvent>(rows.Count);
        foreach (var r in rows)
        {
            // An item without a task tag can never count.
            if (!tags.TryGetValue(r.Id, out var taskIds))
                continue;
            events.Add(new CountingEvent
            {
                ContentItemId = ChannelTypes.Id(r.Id),
                OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(r.FirstPublishedUtc, DateTimeKind.Utc)),
                Kind = CountingEventKind.PublishedOnPortal,
                ContentType = r.ContentType,
                Channel = "portal",
                Topics = topics.TryGetValue(r.Id, out var t) ? t : [],
                UnitKey = r.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                PlanTaskIds = taskIds,
            });
        }
        return events;
    }

    // SQLite keeps DateTimes as text, and parsing 20,000 of them in .NET was the largest single cost
    // of a dashboard. The same rows and filter as the LINQ query, with the instant read as Unix
    // seconds and the type as its index in the list. Truncating to the whole second (substr) is
    // deliberate: rounding 23:59:59.9999 up would move an item into the next day.
    private async Task<List<ItemRow>> SqliteItemRowsAsync(int siteId, DateTime fromUtc, DateTime toUtc, List<string> types, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            var typeParams = string.Join(", ", types.Select((_, n) => "@t" + n));
            var typeCase = string.Concat(types.Select((_, n) => $" WHEN @t{n} THEN {n}"));
            command.CommandText = $"""
                SELECT "Id", CASE "ContentType"{typeCase} END, CAST(strftime('%s', substr("FirstPublishedUtc", 1, 19)) AS INTEGER), "UnitId"
                FROM "ContentItems"
                WHERE "SiteId" = @site AND NOT "IsDeleted" AND "PublishedVersionId" IS NOT NULL
                  AND "FirstPublishedUtc" >= @from AND "FirstPublishedUtc" <= @to AND "ContentType" IN ({typeParams})
                """;
            Add(command, "@site", siteId);
            // The stored text format, so the comparison is the one EF makes.
            Add(command, "@from", fromUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
            Add(command, "@to", toUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
            for (var n = 0; n < types.Count; n++)
                Add(command, "@t" + n, types[n]);
            var rows = new List<ItemRow>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ItemRow(
                    reader.GetInt32(0),
                    types[reader.GetInt32(1)],
                    DateTime.UnixEpoch.AddSeconds(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3)));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private sealed record ItemRow(int Id, string ContentType, DateTime FirstPublishedUtc, int? UnitId);
}

/// <summary>Items recorded as posted on the City CCHC page, counted on the posting date.</summary>
public sealed class CityPagePostingSource(WardDbContext db) : ICountingEventSource
{
    public async Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var from = PeriodCalculator.LocalDate(new DateTimeOffset(fromUtc, TimeSpan.Zero));
        var to = PeriodCalculator.LocalDate(new DateTimeOffset(toUtc, TimeSpan.Zero));
        var postings = db.Set<CityPagePosting>().AsNoTracking().Where(p => p.SiteId == siteId && p.PostedOn >= from && p.PostedOn <= to);
        var rows = await postings.Join(db.ContentItems.Where(i => !i.IsDeleted), p => p.ContentItemId, i => i.Id, (p, i) => new
        {
            p.PostedOn, ItemId = i.Id, i.ContentType, i.UnitId,
        }).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        // By the posted items' ids: a handful of key seeks, not a scan of every item or tag of the database.
        var ids = rows.Select(r => r.ItemId).Distinct().ToList();
        var items = db.ContentItems.Where(i => ids.Contains(i.Id));
        // The tags the item carries now (published if it is public, else its latest).
        var tasks = (await db.ContentItemPlanTasks.Where(x => ids.Contains(x.ContentItemId))
            .Select(x => new { x.ContentItemId, x.PlanTaskId }).Distinct().ToListAsync(ct))
            .ToLookup(x => x.ContentItemId, x => ChannelTypes.Id(x.PlanTaskId));
        var topics = await ChannelTypes.PublishedTopicsAsync(db, items, ct);
        var channels = await ChannelTypes.LoadAsync(db, siteId, ct);
        var units = await ChannelTypes.UnitKeysAsync(db, siteId, ct);
        return [.. rows.Select(r => new CountingEvent
        {
            ContentItemId = ChannelTypes.Id(r.ItemId),
            // A date without a time: midday ICT keeps it on that local date.
            OccurredAt = new DateTimeOffset(r.PostedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(7)),
            Kind = CountingEventKind.PostedToCityPage,
            ContentType = r.ContentType,
            Channel = channels.GetValueOrDefault(r.ContentType),
            Topics = topics.TryGetValue(r.ItemId, out var t) ? t : [],
            UnitKey = r.UnitId is { } u ? units.GetValueOrDefault(u) : null,
            PlanTaskIds = tasks[r.ItemId].Distinct().ToList(),
        })];
    }
}

internal static class ChannelTypes
{
    public static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<Dictionary<string, string>> LoadAsync(WardDbContext db, int siteId, CancellationToken ct) =>
        (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct))
            .ToDictionary(t => t.Name, t => t.Settings.Channel, StringComparer.Ordinal);

    // Published (item, task) tags of every task of the site's plans, as item id → task ids.
    public static async Task<Dictionary<int, List<string>>> PublishedTaskTagsAsync(WardDbContext db, int siteId, CancellationToken ct)
    {
        var taskIds = await db.PlanTasks.Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.SiteId == siteId)).Select(t => t.Id).ToListAsync(ct);
        var rows = await db.ContentItemPlanTasks.Where(x => x.Published && taskIds.Contains(x.PlanTaskId))
            .Select(x => new { x.ContentItemId, x.PlanTaskId }).ToListAsync(ct);
        var names = taskIds.ToDictionary(id => id, Id);
        var result = new Dictionary<int, List<string>>();
        foreach (var r in rows)
        {
            if (!result.TryGetValue(r.ContentItemId, out var list))
                result[r.ContentItemId] = list = new List<string>(2);
            list.Add(names[r.PlanTaskId]);
        }
        return result;
    }

    public static Task<Dictionary<int, string>> UnitKeysAsync(WardDbContext db, int siteId, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.SiteId == siteId).ToDictionaryAsync(u => u.Id, u => u.Key, ct);

    // Published (item, term key) rows of the site's taxonomies: one index range per term, however many items.
    public static async Task<Dictionary<int, List<string>>> PublishedSiteTopicsAsync(WardDbContext db, int siteId, CancellationToken ct)
    {
        var terms = await db.Terms.Where(t => db.Taxonomies.Any(x => x.Id == t.TaxonomyId && x.SiteId == siteId))
            .Select(t => new { t.Id, t.Key }).ToDictionaryAsync(t => t.Id, t => t.Key, ct);
        if (terms.Count == 0)
            return [];
        var termIds = terms.Keys.ToList();
        var rows = await db.ContentItemTerms.Where(x => x.Published && termIds.Contains(x.TermId))
            .Select(x => new { x.ContentItemId, x.TermId }).ToListAsync(ct);
        var result = new Dictionary<int, List<string>>();
        foreach (var r in rows)
        {
            if (!result.TryGetValue(r.ContentItemId, out var list))
                result[r.ContentItemId] = list = [];
            list.Add(terms[r.TermId]);
        }
        return result;
    }

    // Flat (item, term key) rows joined in memory by id: one query, no per-item round trip.
    public static async Task<Dictionary<int, List<string>>> PublishedTopicsAsync(WardDbContext db, IQueryable<Content.ContentItem> items, CancellationToken ct)
    {
        var rows = await (from i in items
                          join x in db.ContentItemTerms on i.Id equals x.ContentItemId
                          join t in db.Terms on x.TermId equals t.Id
                          where x.Published
                          select new { x.ContentItemId, t.Key }).ToListAsync(ct);
        var result = new Dictionary<int, List<string>>();
        foreach (var r in rows)
        {
            if (!result.TryGetValue(r.ContentItemId, out var list))
                result[r.ContentItemId] = list = [];
            list.Add(r.Key);
        }
        return result;
    }
}
