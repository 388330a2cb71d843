using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using WardCms.Core.Content;

namespace WardCms.Core.Engagement;

/// <summary>
/// Counts page views in memory (one dictionary increment per view, no database write on the
/// request path); <see cref="PageViewFlusher"/> adds the counts to PageViewDaily every few seconds.
/// A reader counts once per item per day (ICT), recognised without a cookie the way Plausible Analytics
/// does it: a keyed hash of a random salt of the day, the site, the item, the client address and the
/// User-Agent. The salt lives only in this process's memory and is replaced when the day changes, so
/// yesterday's hashes cannot be linked to today's or turned back into an address.
/// </summary>
public sealed class PageViewCounter(TimeProvider clock)
{
    /// <summary>Readers remembered per day (about 60 bytes each); past it, views are not counted until the next day.</summary>
    public const int MaxReadersPerDay = 500_000;

    private readonly ConcurrentDictionary<(int SiteId, int ItemId, DateOnly Day), int> _pending = new();
    private ReaderDay? _readers;

    /// <summary>
    /// Counts a view of an item today (ICT) unless this reader (address and User-Agent) was counted for
    /// it today. Machines are not readers and are not counted.
    /// </summary>
    public bool Record(int siteId, int itemId, string? clientAddress, string? userAgent)
    {
        if (UserAgents.IsMachine(userAgent))
        {
            return false;
        }
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), PublishedContent.Ict).DateTime);
        var readers = ReadersOf(day);
        if (readers.Seen.Count >= MaxReadersPerDay || !readers.Seen.TryAdd(readers.Key(siteId, itemId, clientAddress, userAgent!), 0))
        {
            return false;
        }
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

    // A new day starts a new salt and forgets every reader; the clock only moves the day forward.
    private ReaderDay ReadersOf(DateOnly day)
    {
        while (true)
        {
            var current = Volatile.Read(ref _readers);
            if (current is not null && current.Day >= day)
            {
                return current;
            }
            var next = new ReaderDay(day);
            if (Interlocked.CompareExchange(ref _readers, next, current) == current)
            {
                return next;
            }
        }
    }

    private sealed class ReaderDay(DateOnly day)
    {
        private readonly byte[] _salt = RandomNumberGenerator.GetBytes(32);

        public DateOnly Day { get; } = day;

        public ConcurrentDictionary<UInt128, byte> Seen { get; } = new();

        public UInt128 Key(int siteId, int itemId, string? clientAddress, string userAgent)
        {
            Span<byte> hash = stackalloc byte[32];
            HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes($"{siteId}\n{itemId}\n{clientAddress}\n{userAgent}"), hash);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
    }
}
