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
    private const string NoSitePage = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>Không có trang ở địa chỉ này</title>
        <link rel="stylesheet" href="/_content/WardCms.Theme.Public/css/site.css">
        </head>
        <body>
        <main class="container">
        <section class="article">
        <h1>Không có trang thông tin điện tử nào ở địa chỉ này</h1>
        <p>Hãy kiểm tra lại địa chỉ đã gõ. Nếu địa chỉ đúng, xin báo cho đơn vị quản trị cổng thông tin.</p>
        </section>
        </main>
        </body>
        </html>
        """;

    // Theme files (stylesheets, scripts, fonts) belong to no site: served to any host.
    private static bool IsThemeFile(HttpRequest request) => request.Path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseSiteOfRequest(this IApplicationBuilder app)
    {
        var defaultSite = app.ApplicationServices.GetRequiredService<IConfiguration>()["WardCms:DefaultSite"];
        return app.Use(async (ctx, next) =>
        {
            var sites = ctx.RequestServices.GetRequiredService<SiteContext>();
            var readModel = ctx.RequestServices.GetRequiredService<PublicReadModel>();
            var all = await readModel.GetAsync("sites", sites, static (s, ct) => s.AllAsync(ct), ctx.RequestAborted);
            // A new database before its first recipe has no site yet: nothing to confine to.
            if (all.Count > 0)
            {
                if (SiteContext.Match(all, ctx.Request.Host.Host, defaultSite) is not { } site)
                {
                    if (IsThemeFile(ctx.Request))
                    {
                        await next();
                        return;
                    }
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    ctx.Response.ContentType = "text/html; charset=utf-8";
                    await ctx.Response.WriteAsync(NoSitePage, ctx.RequestAborted);
                    return;
                }
                sites.Use(site);
            }
            await next();
        });
    }
}
