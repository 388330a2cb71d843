using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using WardCms.Core.Content;
using WardCms.Core.Engagement;

namespace WardCms.Web.Setup;

/// <summary>
/// Anonymous public pages come from an in-memory page cache that sits right behind routing, ahead of
/// localisation, authentication and the page itself: a hit is a dictionary lookup and one write of
/// bytes stored already compressed. A change of what a site's citizens see (publish, unpublish, a
/// moderated comment, a unit renamed: <see cref="PublicContentChangeInterceptor"/>) changes that site's
/// <see cref="PublicContentStamp"/>, which retires the site's entries at
/// once, so a change shows on the next request; other sites' entries stay. Staff (with a cookie) always get a fresh page.
/// ASP.NET's output cache did the same job at 38 % of a bare Kestrel app's requests a second
/// (docs/performance.md): it ran after authentication and compressed every response again.
/// </summary>
public static class PublicCaching
{
    /// <summary>Response header saying whether the page came from the cache (HIT) or was rendered (MISS).</summary>
    public const string CacheHeader = "X-Cache";

    public static IServiceCollection AddPublicCaching(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new PublicPageCache(config.GetValue("WardCms:OutputCache", true)));
        services.AddSingleton(sp => new PublicReadModel(sp.GetRequiredService<PublicContentStamp>(), config.GetValue("WardCms:ReadModel", true)));
        services.AddSingleton<WardCms.Web.Pages.Content.PublicUrls.Configured>();
        return services;
    }

    /// <summary>Marks endpoints whose anonymous GET responses may be cached (the public Razor pages).</summary>
    public static TBuilder CachePublicPages<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PublicPageCache.Cacheable.Instance);

    /// <summary>
    /// Answers cache hits first thing, before routing and every other middleware: an entry exists only
    /// for an address whose endpoint was cacheable when it was stored (see <see cref="UsePublicPageCache"/>).
    /// </summary>
    public static IApplicationBuilder UsePublicPageCacheHits(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<PublicPageCache>();
        var stamp = app.ApplicationServices.GetRequiredService<PublicContentStamp>();
        var counter = app.ApplicationServices.GetRequiredService<PageViewCounter>();
        return app.Use(next => async ctx =>
        {
            if (!cache.Enabled || !IsAnonymousPage(ctx) || !await cache.TryServeHitAsync(ctx, stamp, counter))
            {
                await next(ctx);
            }
        });
    }

    /// <summary>The page cache's filling side; must come right after UseRouting (it needs the endpoint, nothing more).</summary>
    public static IApplicationBuilder UsePublicPageCache(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<PublicPageCache>();
        var stamp = app.ApplicationServices.GetRequiredService<PublicContentStamp>();
        var counter = app.ApplicationServices.GetRequiredService<PageViewCounter>();
        return app.Use(next => ctx => cache.Enabled && IsAnonymousPage(ctx) && ctx.GetEndpoint()?.Metadata.GetMetadata<PublicPageCache.Cacheable>() is not null
            ? cache.ServeAsync(ctx, next, stamp, counter)
            : next(ctx));
    }

    /// <summary>
    /// A public page makes several small queries; opened once for the request, the connection is taken
    /// from the pool once instead of once per query (the pool's lock showed in profiles under load).
    /// EF closes it when the request's DbContext is disposed. Pages whose data comes from the
    /// <see cref="PublicReadModel"/> open it themselves, only when they have to load.
    /// </summary>
    public static IApplicationBuilder UseOneConnectionPerPage(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.GetEndpoint()?.Metadata is { } metadata && metadata.GetMetadata<PublicPageCache.Cacheable>() is not null
            && metadata.GetMetadata<PublicReadModel.PageAttribute>() is null && HttpMethods.IsGet(ctx.Request.Method))
        {
            await ctx.RequestServices.GetRequiredService<WardCms.Core.Data.WardDbContext>().Database.OpenConnectionAsync(ctx.RequestAborted);
        }
        await next();
    });

    /// <summary>
    /// Weak ETags for anonymous pages the cache did not serve (the cache sets its own): the stamp changes
    /// exactly when the cache is retired, so a browser's copy is current as long as the stamp is; a
    /// match is answered with 304 at once.
    /// </summary>
    public static IApplicationBuilder UsePublicETags(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (!IsAnonymousPage(ctx) || ctx.Request.Path.StartsWithSegments("/_content"))
        {
            await next();
            return;
        }
        var stamp = ctx.RequestServices.GetRequiredService<PublicContentStamp>();
        var etag = ctx.RequestServices.GetRequiredService<WardCms.Core.Sites.SiteScope>().SiteId is { } site ? stamp.ETagFor(site) : stamp.ETag;
        if (ctx.Request.Headers.IfNoneMatch.Contains(etag))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            ctx.Response.Headers.ETag = etag;
            return;
        }
        ctx.Response.OnStarting(() =>
        {
            // A page that must not be kept (a draft's preview: no-store) gets no validator either.
            if (ctx.Response.StatusCode == StatusCodes.Status200OK && ctx.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true
                && !ctx.Response.Headers.CacheControl.Any(v => v?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true))
            {
                ctx.Response.Headers.ETag = etag;
                ctx.Response.Headers.CacheControl = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next();
    });

    internal static bool IsAnonymousPage(HttpContext ctx) =>
        (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
        && !ctx.Request.Cookies.ContainsKey("wardcms.auth")
        && !ctx.Request.Headers.ContainsKey(HeaderNames.Authorization)
        && !ctx.Request.Path.StartsWithSegments("/admin")
        && !ctx.Request.Path.StartsWithSegments("/account")
        && !ctx.Request.Path.StartsWithSegments("/api");
}

/// <summary>
/// Rendered public pages by host, path and query, each stored once as sent and once per compression a
/// client asked for. An entry belongs to its site's content stamp as it was when rendered and to ten
/// minutes; after either changes it is rendered again (another site's changes leave it).
/// </summary>
public sealed class PublicPageCache(bool enabled)
{
    public sealed class Cacheable
    {
        public static readonly Cacheable Instance = new();
    }

    // A visitor can ask for any query string; the cache must not become the way to fill the memory.
    private const long MaxBytes = 128L * 1024 * 1024;
    private const int MaxEntries = 20_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static long Now => CoarseClock.Now;

    // Headers the cache writes itself, or that belong to one response only.
    private static readonly HashSet<string> Unstored = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.ETag,
        HeaderNames.CacheControl, HeaderNames.ContentEncoding, HeaderNames.Vary, PageViewCounting.Header,
        PublicCaching.CacheHeader,
    };

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public bool Enabled => enabled;

    public int Count => _entries.Count;

    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }

    internal async Task<bool> TryServeHitAsync(HttpContext ctx, PublicContentStamp stamp, PageViewCounter counter)
    {
        if (!TryGetFresh(Key(ctx.Request), stamp, out var entry))
        {
            return false;
        }
        await WriteAsync(ctx, entry, ETagOf(stamp, entry.SiteId), hit: true, counter);
        return true;
    }

    // An entry follows the stamp of the site it was rendered for: another site's changes leave it.
    private static long StampOf(PublicContentStamp stamp, int? siteId) => siteId is { } site ? stamp.ValueFor(site) : stamp.Value;

    private static string ETagOf(PublicContentStamp stamp, int? siteId) => siteId is { } site ? stamp.ETagFor(site) : stamp.ETag;

    private bool TryGetFresh(string key, PublicContentStamp stamp, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry) =>
        _entries.TryGetValue(key, out entry) && entry.Stamp == StampOf(stamp, entry.SiteId) && entry.Expires > Now;

    private static string Key(HttpRequest request) =>
        string.Concat(request.Host.Value?.ToLowerInvariant(), request.Path.Value, request.QueryString.Value);

    internal async Task ServeAsync(HttpContext ctx, RequestDelegate next, PublicContentStamp stamp, PageViewCounter counter)
    {
        var request = ctx.Request;
        var key = Key(request);
        // The request's site (SiteOfRequest ran before this): its stamp, read before rendering.
        var siteId = ctx.RequestServices.GetRequiredService<WardCms.Core.Sites.SiteScope>().SiteId;
        var stampNow = StampOf(stamp, siteId);
        // Another request may have stored it since the hit check ahead of routing.
        if (TryGetFresh(key, stamp, out var entry))
        {
            await WriteAsync(ctx, entry, ETagOf(stamp, entry.SiteId), hit: true, counter);
            return;
        }

        // Render once, uncompressed (the stored copy is compressed here, once), into memory.
        var acceptEncoding = request.Headers.AcceptEncoding;
        request.Headers.Remove(HeaderNames.AcceptEncoding);
        var realBody = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = realBody;
            request.Headers.AcceptEncoding = acceptEncoding;
        }

        var response = ctx.Response;
        var cacheable = response.StatusCode == StatusCodes.Status200OK
            && !response.HasStarted
            && !response.Headers.ContainsKey(HeaderNames.SetCookie)
            && !response.Headers.CacheControl.Any(v => v is not null && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase) || v.Contains("private", StringComparison.OrdinalIgnoreCase)));
        if (!cacheable)
        {
            if (!response.HasStarted && buffer.Length > 0)
            {
                response.ContentLength = buffer.Length;
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(realBody, ctx.RequestAborted);
            return;
        }

        var headers = new List<KeyValuePair<string, StringValues>>();
        foreach (var header in response.Headers)
        {
            if (!Unstored.Contains(header.Key))
            {
                headers.Add(header);
            }
        }
        var mark = response.Headers[PageViewCounting.Header].ToString();
        response.Headers.Remove(PageViewCounting.Header);
        entry = new Entry(siteId, stampNow, Now + (long)Lifetime.TotalMilliseconds, headers, buffer.ToArray(), PageViewCounting.TryParseMark(mark, out var markSite, out var markItem) ? (markSite, markItem) : null);
        Store(key, entry);
        response.Headers.Clear();
        await WriteAsync(ctx, entry, ETagOf(stamp, siteId), hit: false, counter);
    }

    private void Store(string key, Entry entry)
    {
        if (Interlocked.Add(ref _bytes, entry.Size) > MaxBytes || _entries.Count >= MaxEntries)
        {
            // Simple and bounded: start again. Popular pages are back within a request each.
            Clear();
            Interlocked.Add(ref _bytes, entry.Size);
        }
        _entries.AddOrUpdate(key, entry, (_, old) =>
        {
            Interlocked.Add(ref _bytes, -old.Size);
            return entry;
        });
    }

    private static async Task WriteAsync(HttpContext ctx, Entry entry, string etag, bool hit, PageViewCounter counter)
    {
        var request = ctx.Request;
        var response = ctx.Response;
        if (entry.Item is var (siteId, itemId) && siteId > 0)
        {
            counter.Record(ctx, siteId, itemId);
        }
        if (request.Headers.IfNoneMatch.Contains(etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ETag = etag;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        Security.SecurityHeaders.Apply(headers);
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }
        headers.ETag = etag;
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        headers[PublicCaching.CacheHeader] = hit ? "HIT" : "MISS";
        var (body, encoding) = entry.BodyFor(request.Headers.AcceptEncoding);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, ctx.RequestAborted);
        }
    }

    private sealed class Entry(int? siteId, long stamp, long expires, List<KeyValuePair<string, StringValues>> headers, byte[] body, (int, int)? item)
    {
        private byte[]? _brotli;
        private byte[]? _gzip;

        public int? SiteId => siteId;

        public long Stamp => stamp;

        public long Expires => expires;

        public List<KeyValuePair<string, StringValues>> Headers => headers;

        public (int, int)? Item => item;

        public long Size => body.Length * 2L + 512;

        public (byte[] Body, string? Encoding) BodyFor(StringValues acceptEncoding)
        {
            // Small bodies gain nothing from compression; images and fonts are not served from here.
            if (body.Length < 1024 || StringValues.IsNullOrEmpty(acceptEncoding))
            {
                return (body, null);
            }
            if (Accepts(acceptEncoding, "br"))
            {
                return (_brotli ??= Compress(body, s => new BrotliStream(s, CompressionLevel.Optimal)), "br");
            }
            if (Accepts(acceptEncoding, "gzip"))
            {
                return (_gzip ??= Compress(body, s => new GZipStream(s, CompressionLevel.Optimal)), "gzip");
            }
            return (body, null);
        }

        private static bool Accepts(StringValues acceptEncoding, string coding)
        {
            foreach (var value in acceptEncoding)
            {
                foreach (var part in (value ?? string.Empty).Split(','))
                {
                    var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                    if (pieces[0].Equals(coding, StringComparison.OrdinalIgnoreCase)
                        && !pieces.Skip(1).Any(p => p.Replace(" ", string.Empty) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static byte[] Compress(byte[] data, Func<Stream, Stream> wrap)
        {
            using var output = new MemoryStream();
            using (var compressor = wrap(output))
            {
                compressor.Write(data);
            }
            return output.ToArray();
        }
    }
}

/// <summary>
/// Milliseconds since boot, refreshed by a timer every 250 ms: exact enough for entries that live for
/// minutes, and free to read (reading the clock itself, Environment.TickCount64, was 14 % of a page
/// cache hit in a profile on this VM: a clock read is a system call there).
/// </summary>
internal static class CoarseClock
{
    private static long s_now = Environment.TickCount64;
    private static readonly Timer s_clock = new(_ => Volatile.Write(ref s_now, Environment.TickCount64), null, 250, 250);

    public static long Now => Volatile.Read(ref s_now);
}
