using System.Globalization;
using WardCms.Core.Engagement;

namespace WardCms.Web.Setup;

/// <summary>
/// Counts views of public item pages whether they come from the page or from the output cache: the
/// page marks its response with the item, the mark is cached with it, and this middleware (outside
/// the cache) reads and strips it before anything is sent.
/// </summary>
public static class PageViewCounting
{
    public const string Header = "X-WardCms-Item";
    private const string ItemKey = "wardcms.viewed-item";

    public static IApplicationBuilder UsePageViewCounting(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            if (ctx.Response.Headers.TryGetValue(Header, out var mark))
            {
                ctx.Items[ItemKey] = mark.ToString();
                ctx.Response.Headers.Remove(Header);
            }
            return Task.CompletedTask;
        });
        await next();
        if (ctx.Response.StatusCode == StatusCodes.Status200OK && TryParseMark(ctx.Items[ItemKey] as string, out var siteId, out var itemId))
        {
            ctx.RequestServices.GetRequiredService<PageViewCounter>().Record(ctx, siteId, itemId);
        }
    });

    /// <summary>Reads the "site:item" mark a page puts in <see cref="Header"/>.</summary>
    internal static bool TryParseMark(string? mark, out int siteId, out int itemId)
    {
        siteId = itemId = 0;
        return mark?.Split(':') is [var site, var item]
            && int.TryParse(site, NumberStyles.None, CultureInfo.InvariantCulture, out siteId)
            && int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out itemId);
    }
}
