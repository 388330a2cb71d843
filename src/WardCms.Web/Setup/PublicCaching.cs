using Microsoft.AspNetCore.OutputCaching;
using WardCms.Core.Content;

namespace WardCms.Web.Setup;

/// <summary>
/// Anonymous public pages come from the output cache; any content change evicts them all, so a
/// publish, unpublish or edit shows at once. Staff (with a cookie) always get a fresh page.
/// </summary>
public static class PublicCaching
{
    public const string Tag = "public-content";
    public const string Policy = "public";

    public static IServiceCollection AddPublicCaching(this IServiceCollection services, IConfiguration config)
    {
        var enabled = config.GetValue("WardCms:OutputCache", true);
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 256L * 1024 * 1024;
            o.AddPolicy(Policy, b => b
                .With(ctx => enabled && IsAnonymousPage(ctx.HttpContext))
                .Expire(TimeSpan.FromMinutes(10))
                .SetVaryByQuery("*")
                .SetVaryByHost(true)
                .Tag(Tag));
        });
        services.AddSingleton<ContentStamp>();
        services.AddScoped<IContentEventHandler, OutputCacheEvictor>();
        return services;
    }

    /// <summary>
    /// Weak ETags for anonymous pages: the stamp changes exactly when the cache is evicted, so a
    /// browser's copy is current as long as the stamp is; a match is answered with 304 at once.
    /// </summary>
    public static IApplicationBuilder UsePublicETags(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (!IsAnonymousPage(ctx) || ctx.Request.Path.StartsWithSegments("/_content"))
        {
            await next();
            return;
        }
        var stamp = ctx.RequestServices.GetRequiredService<ContentStamp>();
        var etag = $"W/\"{stamp.Value:x}\"";
        if (ctx.Request.Headers.IfNoneMatch.Contains(etag))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            ctx.Response.Headers.ETag = etag;
            return;
        }
        ctx.Response.OnStarting(() =>
        {
            if (ctx.Response.StatusCode == StatusCodes.Status200OK && ctx.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            {
                ctx.Response.Headers.ETag = etag;
                ctx.Response.Headers.CacheControl = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next();
    });

    public sealed class ContentStamp
    {
        private long _value = DateTime.UtcNow.Ticks;

        public long Value => Interlocked.Read(ref _value);

        public void Bump() => Interlocked.Increment(ref _value);
    }

    private static bool IsAnonymousPage(HttpContext ctx) =>
        HttpMethods.IsGet(ctx.Request.Method)
        && !ctx.Request.Cookies.ContainsKey("wardcms.auth")
        && !ctx.Request.Path.StartsWithSegments("/admin")
        && !ctx.Request.Path.StartsWithSegments("/account")
        && !ctx.Request.Path.StartsWithSegments("/api");

    /// <summary>Drops every cached public page and changes the ETag stamp: for changes that are not content edits (moderated comments).</summary>
    public static async Task EvictAsync(IServiceProvider services, CancellationToken ct)
    {
        services.GetRequiredService<ContentStamp>().Bump();
        await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, ct);
    }

    private sealed class OutputCacheEvictor(IServiceProvider services) : IContentEventHandler
    {
        public Task OnChangedAsync(ContentChange change, CancellationToken ct) => EvictAsync(services, ct);
    }
}
