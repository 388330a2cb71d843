using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;

namespace WardCms.Core.Planning;

/// <summary>Items of "portal" channel types that are public now, counted on the day they first went live.</summary>
/// <remarks>
/// A ward-year is tens of thousands of rows: the items of the window, their published task tags
/// and their published topics, each read as one covering-index range (see CountingIndexes) by
/// BulkRowReader and joined here by id. Through EF the same reads took several times as long as
/// the database did (docs/performance.md, "Plan dashboard").
/// </remarks>
public sealed class PortalPublicationSource(WardDbContext db) : ICountingEventSource
{
    public async Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var types = await ChannelTypes.LoadAsync(db, siteId, ct);
        var portalTypes = types.Where(t => t.Value == "portal").Select(t => t.Key).ToList();
        if (portalTypes.Count == 0)
            return [];
        var taskIds = await db.PlanTasks.Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.SiteId == siteId)).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        if (taskIds.Count == 0)
            return [];
        var terms = await db.Terms.Where(t => db.Taxonomies.Any(x => x.Id == t.TaxonomyId && x.SiteId == siteId)).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Key }).ToListAsync(ct);
        var units = await ChannelTypes.UnitKeysAsync(db, siteId, ct);

        List<ItemRow> rows;
        List<long> taskPairs, termPairs;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            rows = await ItemRowsAsync(siteId, fromUtc, toUtc, portalTypes, ct);
            if (rows.Count == 0)
                return [];
            // Only the tags of the window's items can join: bounded by their ids, a month reads a month of
            // tags, not the site's every year (ids follow publication closely, so the range is tight).
            var (minId, maxId) = (int.MaxValue, int.MinValue);
            foreach (var r in rows)
                (minId, maxId) = (Math.Min(minId, r.Id), Math.Max(maxId, r.Id));
            taskPairs = await PublishedTagPairsAsync("ContentItemPlanTasks", "PlanTaskId", taskIds, minId, maxId, ct);
            termPairs = await PublishedTagPairsAsync("ContentItemTerms", "TermId", [.. terms.Select(t => t.Id)], minId, maxId, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        SortChronologically(rows);
        var tags = TagSets.Join(rows, taskPairs, [.. taskIds.Select(ChannelTypes.Id)]);
        var topics = TagSets.Join(rows, termPairs, [.. terms.Select(t => t.Key)]);
        return BuildEvents(rows, tags, topics, units);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<CountingEvent> BuildEvents(List<ItemRow> rows, string[]?[] tags, string[]?[] topics, Dictionary<int, string> units)
    {
        var events = new List<CountingEvent>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            // An item without a task tag can never count.
            if (tags[i] is not { } itemTasks)
                continue;
            events.Add(new CountingEvent
            {
                ContentItemId = ChannelTypes.Id(r.Id),
                OccurredAt = new DateTimeOffset(r.FirstPublishedUtc, TimeSpan.Zero),
                Kind = CountingEventKind.PublishedOnPortal,
                ContentType = r.ContentType,
                Channel = "portal",
                Topics = topics[i] ?? [],
                UnitKey = r.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                PlanTaskIds = itemTasks,
            });
        }
        return events;
    }

    // Chronological, then by id: a stable order for the counted-item lists whatever plan the database
    // picks. SQLite reads the counting index in date order already, with only items of the same
    // instant possibly out of id order, so that case is one pass and a few tiny insertion sorts.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortChronologically(List<ItemRow> rows)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        for (var i = 1; i < span.Length; i++)
        {
            if (span[i - 1].FirstPublishedUtc > span[i].FirstPublishedUtc)
            {
                span.Sort(static (a, b) => a.FirstPublishedUtc != b.FirstPublishedUtc ? a.FirstPublishedUtc.CompareTo(b.FirstPublishedUtc) : a.Id.CompareTo(b.Id));
                return;
            }
            // Same instant, lower id later: move it back among its equals.
            for (var j = i; j > 0 && span[j - 1].FirstPublishedUtc == span[j].FirstPublishedUtc && span[j - 1].Id > span[j].Id; j--)
                (span[j - 1], span[j]) = (span[j], span[j - 1]);
        }
    }

    // The same rows and filter as the item list's LINQ, with the type read as its index in the list.
    private async Task<List<ItemRow>> ItemRowsAsync(int siteId, DateTime fromUtc, DateTime toUtc, List<string> types, CancellationToken ct)
    {
        var typeParams = string.Join(", ", types.Select((_, n) => "@t" + n));
        var typeCase = string.Concat(types.Select((_, n) => $" WHEN @t{n} THEN {n}"));
        var sql = $"""
            SELECT "Id", CASE "ContentType"{typeCase} END, "FirstPublishedUtc", "UnitId"
            FROM "ContentItems"
            WHERE "SiteId" = @site AND NOT "IsDeleted" AND "PublishedVersionId" IS NOT NULL
              AND "FirstPublishedUtc" >= @from AND "FirstPublishedUtc" <= @to AND "ContentType" IN ({typeParams})
            """;
        List<(string, object)> parameters = [("@site", siteId), ("@from", fromUtc), ("@to", toUtc), .. types.Select((t, n) => ("@t" + n, (object)t))];
        var rows = new List<ItemRow>();
        await BulkRowReader.ForEachAsync(db.Database.GetDbConnection(), sql, parameters, r =>
            rows.Add(new ItemRow(r.Int32(0), types[r.Int32(1)], r.Utc(2), r.IsNull(3) ? null : r.Int32(3))), ct);
        return rows;
    }

    // Published (item, tag) rows of a tag table (plan tasks, taxonomy terms) for the given tag ids and
    // items minId..maxId, each packed as item id << 32 | the tag's index in tagIds: one index range per
    // tag (CountingIndexes).
    private async Task<List<long>> PublishedTagPairsAsync(string table, string tagColumn, List<int> tagIds, int minId, int maxId, CancellationToken ct)
    {
        var pairs = new List<long>();
        if (tagIds.Count == 0)
            return pairs;
        var index = new Dictionary<int, int>(tagIds.Count);
        for (var n = 0; n < tagIds.Count; n++)
            index[tagIds[n]] = n;
        var sql = $"""
            SELECT "ContentItemId", "{tagColumn}" FROM "{table}"
            WHERE "Published" AND "{tagColumn}" IN ({string.Join(", ", tagIds.Select((_, n) => "@k" + n))})
              AND "ContentItemId" >= @min AND "ContentItemId" <= @max
            """;
        await BulkRowReader.ForEachAsync(db.Database.GetDbConnection(), sql, [.. tagIds.Select((id, n) => ("@k" + n, (object)id)), ("@min", minId), ("@max", maxId)],
            r => pairs.Add(((long)r.Int32(0) << 32) | (uint)index[r.Int32(1)]), ct);
        return pairs;
    }

    private readonly record struct ItemRow(int Id, string ContentType, DateTime FirstPublishedUtc, int? UnitId) : IHasItemId;
}

/// <summary>
/// Joins (item, tag) pairs to item rows by id and hands out one shared array per distinct
/// combination of tags: a ward-year has tens of thousands of items but only dozens of
/// combinations, so this allocates next to nothing per item.
/// </summary>
internal static class TagSets
{
    /// <param name="pairs">item id &lt;&lt; 32 | tag index, in any order.</param>
    /// <returns>For each row, in row order, the keys of its tags in tag order, or null for none.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string[]?[] Join<TRow>(List<TRow> rows, List<long> pairs, string[] keys)
        where TRow : IHasItemId
    {
        var result = new string[]?[rows.Count];
        if (pairs.Count == 0)
            return result;
        var rowOf = new RowIndex<TRow>(rows);
        // Per row, up to three tags packed in one long (count in the top bits, 20 bits a tag);
        // a row with more tags, or tags past 2^20, keeps a list instead.
        var packed = new long[rows.Count];
        Dictionary<int, List<int>>? overflow = null;
        foreach (var pair in pairs)
        {
            var row = rowOf.Find((int)(pair >> 32));
            if (row < 0)
                continue;
            var tag = (int)(uint)pair;
            if (overflow?.TryGetValue(row, out var list) == true)
            {
                if (!list.Contains(tag))
                    list.Add(tag);
                continue;
            }
            var count = (int)(packed[row] >>> 60);
            var present = false;
            for (var n = 0; n < count; n++)
                present |= (int)((packed[row] >> (20 * n)) & 0xFFFFF) == tag;
            if (present)
                continue;
            if (count < 3 && tag < (1 << 20))
            {
                packed[row] = ((long)(count + 1) << 60) | (packed[row] & ((1L << 60) - 1)) | ((long)tag << (20 * count));
                continue;
            }
            var tags = new List<int>(count + 1);
            for (var n = 0; n < count; n++)
                tags.Add((int)((packed[row] >> (20 * n)) & 0xFFFFF));
            tags.Add(tag);
            (overflow ??= [])[row] = tags;
        }

        var interned = new Dictionary<long, string[]>();
        Span<int> found = stackalloc int[3];
        for (var row = 0; row < rows.Count; row++)
        {
            if (overflow?.TryGetValue(row, out var list) == true)
            {
                list.Sort();
                result[row] = [.. list.Select(t => keys[t])];
                continue;
            }
            var key = packed[row];
            if (key == 0)
                continue;
            if (!interned.TryGetValue(key, out var set))
            {
                var count = (int)(key >>> 60);
                for (var n = 0; n < count; n++)
                    found[n] = (int)((key >> (20 * n)) & 0xFFFFF);
                found[..count].Sort();
                set = new string[count];
                for (var n = 0; n < count; n++)
                    set[n] = keys[found[n]];
                interned[key] = set;
            }
            result[row] = set;
        }
        return result;
    }

    // Item id → row: a flat array when the ids are dense enough (one ward's items usually are),
    // else a dictionary.
    private readonly struct RowIndex<TRow>
        where TRow : IHasItemId
    {
        private readonly int _min;
        private readonly int[]? _dense;
        private readonly Dictionary<int, int>? _sparse;

        public RowIndex(List<TRow> rows)
        {
            int min = int.MaxValue, max = int.MinValue;
            foreach (var r in rows)
                (min, max) = (Math.Min(min, r.Id), Math.Max(max, r.Id));
            _min = min;
            if ((long)max - min < 4L * rows.Count + 1024)
            {
                _dense = new int[max - min + 1];
                Array.Fill(_dense, -1);
                for (var i = 0; i < rows.Count; i++)
                    _dense[rows[i].Id - min] = i;
            }
            else
            {
                _sparse = new Dictionary<int, int>(rows.Count);
                for (var i = 0; i < rows.Count; i++)
                    _sparse[rows[i].Id] = i;
            }
        }

        public int Find(int id) =>
            _dense is { } dense
                ? (uint)(id - _min) < (uint)dense.Length ? dense[id - _min] : -1
                : _sparse!.GetValueOrDefault(id, -1);
    }
}

internal interface IHasItemId
{
    int Id { get; }
}

/// <summary>
/// Items recorded as posted on the City CCHC page (by hand, or by the city page's acceptance), counted
/// on the posting date. A posting is itself what a City-page rule asks for, so it counts for every task
/// with a rule on <see cref="CountingEventKind.PostedToCityPage"/> whether or not the editor tagged the
/// item to that task (the rule's own filters still apply), besides the tasks the item is tagged to.
/// </summary>
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
        var cityPageTasks = (await db.PlanTasks.AsNoTracking().Where(t => t.Plan!.SiteId == siteId)
                .Select(t => new { t.Id, t.Number, t.RulesJson }).ToListAsync(ct))
            .Where(t => PlanRuleJson.Parse(t.RulesJson, t.Number).Any(r => r.Event == CountingEventKind.PostedToCityPage))
            .Select(t => ChannelTypes.Id(t.Id)).ToList();
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
            PlanTaskIds = tasks[r.ItemId].Concat(cityPageTasks).Distinct().ToList(),
        })];
    }
}

internal static class ChannelTypes
{
    public static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<Dictionary<string, string>> LoadAsync(WardDbContext db, int siteId, CancellationToken ct) =>
        (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct))
            .ToDictionary(t => t.Name, t => t.Settings.Channel, StringComparer.Ordinal);

    public static Task<Dictionary<int, string>> UnitKeysAsync(WardDbContext db, int siteId, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.SiteId == siteId).ToDictionaryAsync(u => u.Id, u => u.Key, ct);

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
