namespace WardCms.Web.Security;

/// <summary>Headers on every response. No inline scripts or styles anywhere, so the CSP can forbid them.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        "media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Sets the headers directly (the page cache answers ahead of this middleware).</summary>
    public static void Apply(IHeaderDictionary h)
    {
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        // A page may ask for less (a draft's preview sends no Referer at all: its address is the key).
        if (!h.ContainsKey("Referrer-Policy"))
        {
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
        }
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            Apply(ctx.Response.Headers);
            return Task.CompletedTask;
        });
        await next();
    });
}
