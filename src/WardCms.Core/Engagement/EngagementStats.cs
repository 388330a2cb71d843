using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Engagement;

public sealed record EngagementTotals(int Views, int HelpfulYes, int HelpfulNo, int Comments)
{
    public int Answers => HelpfulYes + HelpfulNo;
}

public sealed record ItemEngagement(int ItemId, string Title, string ContentType, string? Url, EngagementTotals Totals);

/// <summary>An item carrying several topics counts in each of them.</summary>
public sealed record TopicEngagement(string TopicKey, string TopicName, int Items, EngagementTotals Totals);

public sealed record MonthEngagement(EngagementTotals Totals, IReadOnlyList<ItemEngagement> Items, IReadOnlyList<TopicEngagement> Topics);

/// <summary>
/// Page views and citizens' answers for a month (ICT), per item and per topic (plan section IV.1.g).
/// Hidden feedback (spam, abuse) is left out of every figure.
/// </summary>
public sealed class EngagementStats(WardDbContext db)
{
    public async Task<EngagementTotals> MonthTotalsAsync(int siteId, int year, int month, CancellationToken ct = default)
    {
        var (firstDay, nextDay, fromUtc, toUtc) = Month(year, month);
        var views = await db.Set<PageViewDaily>()
            .Where(v => v.SiteId == siteId && v.Day >= firstDay && v.Day < nextDay)
            .SumAsync(v => (int?)v.Views, ct) ?? 0;
        var feedback = Feedback(siteId, fromUtc, toUtc);
        var yes = await feedback.CountAsync(f => f.Helpful, ct);
        var no = await feedback.CountAsync(f => !f.Helpful, ct);
        var comments = await feedback.CountAsync(f => f.Comment != null, ct);
        return new EngagementTotals(views, yes, no, comments);
    }

    public async Task<MonthEngagement> MonthAsync(int siteId, int year, int month, CancellationToken ct = default)
    {
        var (firstDay, nextDay, fromUtc, toUtc) = Month(year, month);
        var views = await db.Set<PageViewDaily>()
            .Where(v => v.SiteId == siteId && v.Day >= firstDay && v.Day < nextDay)
            .GroupBy(v => v.ContentItemId)
            .Select(g => new { ItemId = g.Key, Views = g.Sum(v => v.Views) })
            .ToDictionaryAsync(x => x.ItemId, x => x.Views, ct);
        var answers = await Feedback(siteId, fromUtc, toUtc)
            .GroupBy(f => f.ContentItemId)
            .Select(g => new
            {
                ItemId = g.Key,
                Yes = g.Sum(f => f.Helpful ? 1 : 0),
                No = g.Sum(f => f.Helpful ? 0 : 1),
                Comments = g.Sum(f => f.Comment != null ? 1 : 0),
            })
            .ToDictionaryAsync(x => x.ItemId, ct);

        var ids = views.Keys.Union(answers.Keys).ToList();
        var items = await db.ContentItems.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Title, i.ContentType, i.PublishedSlug }).ToListAsync(ct);
        var types = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct))
            .ToDictionary(t => t.Name, t => t.Settings);

        var perItem = items.Select(i =>
            {
                var a = answers.GetValueOrDefault(i.Id);
                var totals = new EngagementTotals(views.GetValueOrDefault(i.Id), a?.Yes ?? 0, a?.No ?? 0, a?.Comments ?? 0);
                return new ItemEngagement(i.Id, i.Title, i.ContentType, types.GetValueOrDefault(i.ContentType)?.UrlFor(i.PublishedSlug), totals);
            })
            .OrderByDescending(x => x.Totals.Views).ThenByDescending(x => x.Totals.Answers).ThenBy(x => x.Title, StringComparer.Ordinal)
            .ToList();

        var terms = await db.ContentItemTerms.Where(x => x.Published && ids.Contains(x.ContentItemId))
            .Join(db.Terms, x => x.TermId, t => t.Id, (x, t) => new { x.ContentItemId, t.Key, t.Name, t.Order })
            .ToListAsync(ct);
        var byItem = perItem.ToDictionary(x => x.ItemId);
        var perTopic = terms.GroupBy(t => (t.Key, t.Name, t.Order))
            .Select(g =>
            {
                var members = g.Select(x => byItem[x.ContentItemId].Totals).ToList();
                return (g.Key.Order, Row: new TopicEngagement(g.Key.Key, g.Key.Name, members.Count, Sum(members)));
            })
            .OrderBy(x => x.Order).Select(x => x.Row)
            .ToList();

        return new MonthEngagement(Sum(perItem.Select(x => x.Totals)), perItem, perTopic);
    }

    private IQueryable<Feedback> Feedback(int siteId, DateTime fromUtc, DateTime toUtc) =>
        db.Set<Feedback>().Where(f => f.SiteId == siteId && f.Status != FeedbackStatus.Hidden && f.CreatedUtc >= fromUtc && f.CreatedUtc < toUtc);

    private static EngagementTotals Sum(IEnumerable<EngagementTotals> rows)
    {
        int views = 0, yes = 0, no = 0, comments = 0;
        foreach (var r in rows)
        {
            views += r.Views;
            yes += r.HelpfulYes;
            no += r.HelpfulNo;
            comments += r.Comments;
        }
        return new EngagementTotals(views, yes, no, comments);
    }

    /// <summary>The month's days and its UTC bounds: a view at 23:30 on the 31st (ICT) belongs to that month.</summary>
    public static (DateOnly FirstDay, DateOnly NextFirstDay, DateTime FromUtc, DateTime ToUtc) Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var next = first.AddMonths(1);
        DateTime Utc(DateOnly d) => TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), PublishedContent.Ict);
        return (first, next, Utc(first), Utc(next));
    }
}
