using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WardCms.Core.Engagement;
using WardCms.Web.Security;

namespace WardCms.Web.Setup;

/// <summary>Page views and citizens' feedback (plan section IV.1.g).</summary>
public static class EngagementSetup
{
    public const string FeedbackRateLimit = "feedback";

    public static IServiceCollection AddEngagement(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<PageViewCounter>();
        services.AddSingleton<PageViewFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<PageViewFlusher>());
        services.AddScoped<EngagementStats>();

        var permits = config.GetValue("WardCms:Feedback:PermitLimit", 5);
        var window = TimeSpan.FromMinutes(config.GetValue("WardCms:Feedback:WindowMinutes", 10.0));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(FeedbackRateLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            // "Quên mật khẩu": each request e-mails a link, so a client address gets a few an hour.
            o.AddPolicy(WardCms.Web.Pages.Account.ForgotModel.RateLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("forgot:" + ClientAddress.Key(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = config.GetValue("WardCms:AccountRecovery:PermitLimit", 5),
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                // The limiter knows when its window opens again (the feedback and the recovery windows differ).
                var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : window;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (WantsJson(http.Request))
                {
                    await Results.Problem(
                        title: "Gửi quá nhiều ý kiến",
                        detail: "Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau ít phút.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
                }
                // A form post gets the site's error page (status code pages re-execute /error?code=429).
            };
        });
        return services;
    }

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Counts a view of a public item page, once per reader per item per day. Not counted: machines (by
    /// User-Agent), prefetches, and signed-in staff checking their own work. Nothing about the reader is
    /// stored: the counter keeps only a salted hash of address and User-Agent, in memory, for the day.
    /// </summary>
    public static void Record(this PageViewCounter counter, HttpContext ctx, int siteId, int itemId)
    {
        var request = ctx.Request;
        // The page shown again after a feedback post (?phan-hoi=da-gui) was already counted.
        if (!HttpMethods.IsGet(request.Method) || ctx.User.Identity?.IsAuthenticated == true || request.Query.ContainsKey("phan-hoi"))
        {
            return;
        }
        if (request.Headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
            || request.Headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        counter.Record(siteId, itemId, ctx.Connection.RemoteIpAddress is { } ip ? WardCms.Web.Security.ClientAddress.Network(ip) : null, request.Headers.UserAgent.ToString());
    }
}
