using System.Collections.Concurrent;
using WardCms.Core.Content;

namespace WardCms.Web.Setup;

/// <summary>
/// What public pages read from the database (the sites, the content types, an article with its unit,
/// topics, cover, related items and approved comments), kept in memory between requests. An entry
/// belongs to the <see cref="PublicContentStamp"/> it was loaded under: any save of public data
/// changes the stamp, and the next request loads again, so a page never shows older data than the
/// database holds once the save has returned. The page itself is still rendered on every request
/// when the page cache is off; this only spares it the queries (7 for an article, ~5 ms of this
/// machine's CPU, most of a rendered page's cost). Entries also expire after ten minutes, and the
/// model never holds more than <see cref="MaxEntries"/> of them (it starts over when full).
/// Switched off with <c>WardCms:ReadModel=false</c> (every request then queries, as before).
/// </summary>
public sealed class PublicReadModel(PublicContentStamp stamp, bool enabled)
{
    public const int MaxEntries = 10_000;
    private const long LifetimeMs = 10 * 60 * 1000;

    private sealed record Entry(long Stamp, long Expires, object Value);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Marks a page that reads through the read model: it opens a database connection only on a miss.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PageAttribute : Attribute;

    public bool Enabled => enabled;

    public int Count => _entries.Count;

    /// <summary>
    /// The value stored under <paramref name="key"/> for the current stamp, else what
    /// <paramref name="load"/> returns (stored unless it is null: a missing page is not remembered, so
    /// made-up addresses cannot fill the memory). Loaded values are shared between requests and must
    /// not be changed.
    /// </summary>
    public async ValueTask<T> GetAsync<T, TState>(string key, TState state, Func<TState, CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class?
    {
        if (!enabled)
        {
            return await load(state, ct);
        }
        // Read before loading: a save during the load leaves the entry under the older stamp, so the
        // next request loads again instead of keeping what may predate the save.
        var current = stamp.Value;
        if (_entries.TryGetValue(key, out var entry) && entry.Stamp == current && entry.Expires > CoarseClock.Now)
        {
            return (T)entry.Value;
        }
        var value = await load(state, ct);
        if (value is not null)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
            _entries[key] = new Entry(current, CoarseClock.Now + LifetimeMs, value);
        }
        return value;
    }
}
