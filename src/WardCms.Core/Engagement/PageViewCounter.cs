using System.Collections.Concurrent;
using WardCms.Core.Content;

namespace WardCms.Core.Engagement;

/// <summary>
/// Counts page views in memory (one dictionary increment per view, no database write on the
/// request path); <see cref="PageViewFlusher"/> adds the counts to PageViewDaily every few seconds.
/// </summary>
public sealed class PageViewCounter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(int SiteId, int ItemId, DateOnly Day), int> _pending = new();

    /// <summary>Counts one view of an item today (ICT). Machines are not readers and are not counted.</summary>
    public bool Record(int siteId, int itemId, string? userAgent)
    {
        if (UserAgents.IsMachine(userAgent))
        {
            return false;
        }
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), PublishedContent.Ict).DateTime);
        _pending.AddOrUpdate((siteId, itemId, day), 1, (_, n) => n + 1);
        return true;
    }

    public int PendingViews => _pending.Values.Sum();

    /// <summary>Takes the counts out; a view recorded meanwhile starts a new entry and is taken next time.</summary>
    internal List<PageViewDaily> Drain()
    {
        var taken = new List<PageViewDaily>();
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var views) && views > 0)
            {
                taken.Add(new PageViewDaily { SiteId = key.SiteId, ContentItemId = key.ItemId, Day = key.Day, Views = views });
            }
        }
        return taken;
    }

    /// <summary>Puts counts back after a failed write, so a database hiccup loses no views.</summary>
    internal void Return(IEnumerable<PageViewDaily> rows)
    {
        foreach (var r in rows)
        {
            _pending.AddOrUpdate((r.SiteId, r.ContentItemId, r.Day), r.Views, (_, n) => n + r.Views);
        }
    }
}
