using System.Collections.Concurrent;
using WardCms.Core.Content;

namespace WardCms.Web.Setup;

/// <summary>
/// What public pages read from the database (the sites, the content types, an article with its unit,
/// topics, cover, related items and approved comments), kept in memory between requests. An entry
/// belongs to the <see cref="PublicContentStamp"/> it was loaded under: a save of a site's public
/// data by this process changes that site's stamp (again at its transaction's commit), and the next
/// request for that site loads again; entries of other sites stay. Writes from outside the process (<c>./wardcms recipe apply</c>, raw SQL) show when entries
/// expire. The page itself is still rendered on every request
/// when the page cache is off; this only spares it the queries (7 for an article, ~5 ms of this
/// machine's CPU, most of a rendered page's cost). Entries also expire after ten minutes, and the
/// model never holds more than <see cref="MaxEntries"/> of them or about <see cref="MaxBytes"/> of
/// text (it starts over when full: a crawler walking every page cannot fill the memory).
/// Switched off with <c>WardCms:ReadModel=false</c> (every request then queries, as before).
/// </summary>
public sealed class PublicReadModel(PublicContentStamp stamp, bool enabled)
{
    public const int MaxEntries = 10_000;
    public const long MaxBytes = 64L * 1024 * 1024;
    private const long LifetimeMs = 10 * 60 * 1000;
    private const long UnsizedBytes = 1024;

    /// <summary>A value that knows roughly how much memory it holds (its strings, mostly).</summary>
    public interface ISized
    {
        long ApproximateBytes { get; }
    }

    private sealed record Entry(long Stamp, long Expires, object Value, long Bytes);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Marks a page that reads through the read model: it opens a database connection only on a miss.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PageAttribute : Attribute;

    public bool Enabled => enabled;

    public int Count => _entries.Count;

    /// <summary>Roughly how much the entries hold (approximate under concurrent writes; exact again after a reset).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// The value stored under <paramref name="key"/> for the current stamp, else what
    /// <paramref name="load"/> returns (stored unless it is null: a missing page is not remembered, so
    /// made-up addresses cannot fill the memory). Loaded values are shared between requests and must
    /// not be changed.
    /// </summary>
    public async ValueTask<T> GetAsync<T, TState>(string key, TState state, Func<TState, CancellationToken, Task<T>> load, CancellationToken ct, int? siteId = null)
        where T : class?
    {
        if (!enabled)
        {
            return await load(state, ct);
        }
        // Read before loading: a save during the load leaves the entry under the older stamp, so the
        // next request loads again instead of keeping what may predate the save.
        // A site's data follows its own stamp (another site's changes leave it); the rest, any change.
        var current = siteId is { } site ? stamp.ValueFor(site) : stamp.Value;
        if (_entries.TryGetValue(key, out var entry) && entry.Stamp == current && entry.Expires > CoarseClock.Now)
        {
            return (T)entry.Value;
        }
        var value = await load(state, ct);
        if (value is not null)
        {
            var bytes = value is ISized sized ? sized.ApproximateBytes : UnsizedBytes;
            if (_entries.Count >= MaxEntries || Interlocked.Read(ref _bytes) + bytes > MaxBytes)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _bytes, 0);
            }
            var fresh = new Entry(current, CoarseClock.Now + LifetimeMs, value, bytes);
            Interlocked.Add(ref _bytes, bytes);
            _entries.AddOrUpdate(key, fresh, (_, old) =>
            {
                Interlocked.Add(ref _bytes, -old.Bytes);
                return fresh;
            });
        }
        return value;
    }
}
