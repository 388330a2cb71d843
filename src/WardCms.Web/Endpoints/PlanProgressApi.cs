using System.Globalization;
using System.Text.Json;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;
using WardCms.Web.Security;

namespace WardCms.Web.Endpoints;

/// <summary>
/// GET /api/plans: the site's plans (which one a system wants figures of); GET /api/plans/{planId}/progress:
/// the dashboard's figures as JSON, from PlanProgressService.
/// </summary>
public static class PlanProgressApi
{
    public static IServiceCollection AddPlanProgressApi(this IServiceCollection services) => services.AddWardApiAuthentication();

    public static WebApplication MapPlanProgressApi(this WebApplication app)
    {
        app.MapGet("/api/plans", ListAsync).RequireAuthorization(ApiAuthorization.Policy(Permissions.ViewReports));
        app.MapGet("/api/plans/{planId:int}/progress", GetAsync).RequireAuthorization(ApiAuthorization.Policy(Permissions.ViewReports));
        return app;
    }

    /// <summary>The site's plans, newest span first, each with its state on the ward's today (Asia/Ho_Chi_Minh).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, SiteContext sites, WardCms.Core.Data.WardDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, WardCms.Core.Content.PublishedContent.Ict));
        var plans = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Plans.Where(p => p.SiteId == site.Id).OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id)
                .Select(p => new { p.Id, p.Key, p.Number, p.Title, p.IssuingBody, p.Year, p.IssuedOn, p.StartsOn, p.EndsOn }), ct);
        return Results.Json(new
        {
            today,
            plans = plans.Select(p =>
            {
                var (state, text) = today < p.StartsOn ? ("upcoming", "Sắp thực hiện") : today > p.EndsOn ? ("ended", "Đã kết thúc") : ("current", "Đang thực hiện");
                return new
                {
                    id = p.Id, key = p.Key, number = p.Number, title = p.Title, issuingBody = p.IssuingBody, year = p.Year,
                    issuedOn = p.IssuedOn, startsOn = p.StartsOn, endsOn = p.EndsOn, state, stateText = text,
                    progress = $"/api/plans/{p.Id}/progress",
                };
            }),
        }, Json);
    }

    private static async Task<IResult> GetAsync(int planId, string? from, string? to, HttpContext http, PlanProgressService progress, SiteContext sites, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var plan = await progress.FindPlanAsync(site.Id, planId, ct);
        if (plan is null)
            return Results.Problem(statusCode: 404, title: "Không tìm thấy kế hoạch", detail: $"Không có kế hoạch số {planId} trên trang này.");
        DateOnly fromDate = new(plan.Year, 1, 1), toDate = new(plan.Year, 12, 31);
        if (from is not null && !TryDate(from, out fromDate))
            return BadDate("from", from);
        if (to is not null && !TryDate(to, out toDate))
            return BadDate("to", to);
        if (fromDate > toDate)
            return Results.Problem(statusCode: 400, title: "Khoảng thời gian không hợp lệ",
                detail: $"Tham số 'from' ({fromDate:yyyy-MM-dd}) phải không sau tham số 'to' ({toDate:yyyy-MM-dd}).");
        if (toDate.DayNumber - fromDate.DayNumber > 366 * 3)
            return Results.Problem(statusCode: 400, title: "Khoảng thời gian quá dài",
                detail: "Khoảng từ 'from' đến 'to' tối đa 3 năm.");

        if (!PlanProgressService.Overlaps(plan, fromDate, toDate))
            return Results.Problem(statusCode: 400, title: "Ngoài thời gian của kế hoạch",
                detail: $"Kế hoạch áp dụng từ {plan.StartsOn:yyyy-MM-dd} đến {plan.EndsOn:yyyy-MM-dd}; khoảng {fromDate:yyyy-MM-dd} – {toDate:yyyy-MM-dd} nằm ngoài. Một kế hoạch chỉ được tính trong thời gian của nó.");
        var result = await progress.EvaluateAsync(plan, fromDate, toDate, null, ct);
        var e = result.Evaluation;
        return Results.Json(new
        {
            planId = plan.Id,
            planTitle = plan.Title,
            from = e.From,
            to = e.To,
            today = e.Today,
            tasks = e.Tasks.Select(t => new
            {
                taskId = int.Parse(t.Task.TaskId, CultureInfo.InvariantCulture),
                number = t.Task.Code,
                name = t.Task.Name,
                rules = t.Rules.Select(r => new
                {
                    key = r.Rule.Key,
                    label = r.Rule.Label,
                    metric = Camel(r.Rule.Metric),
                    period = Camel(r.Rule.Period),
                    @event = Camel(r.Rule.Event),
                    minimum = r.Rule.Minimum,
                    periods = r.Periods.Select(p => new
                    {
                        key = p.Period.Key,
                        name = p.Period.VietnameseName,
                        start = p.Period.Start,
                        end = p.Period.End,
                        target = p.Target,
                        achieved = p.Achieved,
                        status = Camel(p.Status),
                        statusText = p.Status.Vietnamese(),
                        inPipeline = p.InPipeline,
                        countedItemIds = p.CountedItemIds.Select(id => int.Parse(id, CultureInfo.InvariantCulture)),
                    }),
                }),
                milestone = t.Milestone is { } m ? new { status = Camel(m.Status), statusText = m.Status.Vietnamese(), nextDue = m.NextDue } : null,
            }),
        }, Json);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IResult BadDate(string name, string value) =>
        Results.Problem(statusCode: 400, title: "Ngày không hợp lệ",
            detail: $"Tham số '{name}' phải là một ngày dạng YYYY-MM-DD (ví dụ 2025-03-31), nhận được \"{value}\".",
            extensions: new Dictionary<string, object?> { ["parameter"] = name });
}
