using WardCms.Core.Sites;

namespace WardCms.Web.Setup;

/// <summary>
/// Resolves the request's site from its host name before anything reads site data, and confines the
/// request's queries to it (<see cref="SiteScope"/>, read by the database context's global query
/// filter): from here on another site's rows do not exist for this request, whatever a page asks for.
/// A host name that is no site's gets a plain 404 page (<see cref="SiteContext.Match"/>: a single-site
/// deployment, or the operator's <c>WardCms:DefaultSite</c>, answers every host instead). The site
/// list comes from the <see cref="PublicReadModel"/> (no query while nothing changed).
/// </summary>
public static class SiteOfRequest
{
    // The public theme's stylesheet, no inline style (the CSP forbids them); no site's name or links.
    private static string PlainPage(string heading, string text) => $$"""
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{heading}}</title>
        <link rel="stylesheet" href="/_content/WardCms.Theme.Public/css/site.css">
        </head>
        <body>
        <main class="container">
        <section class="article">
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        </section>
        </main>
        </body>
        </html>
        """;

    private static readonly string NoSitePage = PlainPage("Không có trang thông tin điện tử nào ở địa chỉ này",
        "Hãy kiểm tra lại địa chỉ đã gõ. Nếu địa chỉ đúng, xin báo cho đơn vị quản trị cổng thông tin.");
    private static readonly string SuspendedPage = PlainPage("Trang thông tin điện tử này đang tạm ngừng hoạt động",
        "Trang sẽ hoạt động trở lại khi đơn vị vận hành cổng thông tin của thành phố mở lại. Xin vui lòng quay lại sau.");
    private static readonly string ArchivedPage = PlainPage("Trang thông tin điện tử này đã ngừng hoạt động",
        "Nội dung của trang không còn được cung cấp ở địa chỉ này. Xin liên hệ đơn vị vận hành cổng thông tin của thành phố.");

    // Theme files (stylesheets, scripts, fonts) belong to no site: served to any host.
    private static bool IsThemeFile(HttpRequest request) => request.Path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase);

    private static readonly object ResolvedKey = new();

    /// <summary>
    /// The request's site by its host (null: no site answers this host, or there is no site yet),
    /// worked out once per request: the public content routes ask during routing, this middleware after.
    /// </summary>
    public static async ValueTask<(Site? Site, bool AnySite)> FindAsync(HttpContext ctx)
    {
        if (ctx.Items.TryGetValue(ResolvedKey, out var known))
        {
            return ((Site? Site, bool AnySite))known!;
        }
        var sites = ctx.RequestServices.GetRequiredService<SiteContext>();
        var readModel = ctx.RequestServices.GetRequiredService<PublicReadModel>();
        var all = await readModel.GetAsync("sites", sites, static (s, ct) => s.AllAsync(ct), ctx.RequestAborted);
        var defaultSite = ctx.RequestServices.GetRequiredService<DefaultSite>().Key;
        (Site?, bool) result = (all.Count == 0 ? null : SiteContext.Match(all, ctx.Request.Host.Host, defaultSite), all.Count > 0);
        ctx.Items[ResolvedKey] = result;
        return result;
    }

    /// <summary><c>WardCms:DefaultSite</c>, read once (the configuration's indexer locks on every read).</summary>
    public sealed class DefaultSite(IConfiguration config)
    {
        public string? Key { get; } = config["WardCms:DefaultSite"];
    }

    private static Task WriteAsync(HttpContext ctx, int status, string page)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        return ctx.Response.WriteAsync(page, ctx.RequestAborted);
    }

    public static IApplicationBuilder UseSiteOfRequest(this IApplicationBuilder app)
    {
        return app.Use(async (ctx, next) =>
        {
            var (site, anySite) = await FindAsync(ctx);
            // A new database before its first recipe has no site yet: nothing to confine to.
            if (anySite)
            {
                if (site is null)
                {
                    if (IsThemeFile(ctx.Request))
                    {
                        await next();
                        return;
                    }
                    await WriteAsync(ctx, StatusCodes.Status404NotFound, NoSitePage);
                    return;
                }
                // A suspended or archived site serves nobody, citizens or staff; its theme files still load for the page below.
                if (!site.IsServing && !IsThemeFile(ctx.Request))
                {
                    if (site.State == SiteStates.Suspended)
                    {
                        ctx.Response.Headers.RetryAfter = "3600";
                    }
                    await WriteAsync(ctx, site.State == SiteStates.Suspended ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status410Gone,
                        site.State == SiteStates.Suspended ? SuspendedPage : ArchivedPage);
                    return;
                }
                ctx.RequestServices.GetRequiredService<SiteContext>().Use(site);
            }
            await next();
        });
    }
}
