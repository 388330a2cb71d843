using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Core.Planning;

/// <summary>How the city's view orders its wards: at-risk first (default), by "Thiếu", by name.</summary>
public enum CitySort
{
    Risk,
    Short,
    Name,
}

/// <summary>A task column of the city's view: the task number shared by the wards' plans, titled by the name most of them give it.</summary>
public sealed record CityTaskColumn(int Number, string Name, int Wards);

/// <summary>One quota of a ward's task in the city's view: the rule and its period containing the reference day.</summary>
public sealed record CityQuota(QuotaRuleSpec Rule, PeriodResult Period)
{
    /// <summary>Short of its target, in a period that has begun.</summary>
    public bool IsShort => Period.Shortfall > 0 && Period.Status != QuotaStatus.NotStarted;
}

/// <summary>A ward × task cell: the task's quotas for the month and, for a milestone task, its state.</summary>
public sealed record CityCell(IReadOnlyList<CityQuota> Quotas, MilestoneResult? Milestone)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Counted in "Thiếu": a quota short of its target this month, or a milestone overdue.</summary>
    public bool IsShort => Quotas.Any(q => q.IsShort) || Milestone?.Status == MilestoneStatus.Overdue;

    /// <summary>What ranks a ward first: a quota at risk or missed, or a milestone overdue.</summary>
    public bool IsAtRisk => Quotas.Any(q => q.Period.Status is QuotaStatus.AtRisk or QuotaStatus.Missed) || Milestone?.Status == MilestoneStatus.Overdue;

    /// <summary>Nothing to judge this month: a rule outside its window (task 4 before August) and no milestone.</summary>
    public bool IsEmpty => Quotas.Count == 0 && Milestone is null;

    /// <summary>The quotas' worst state (or the milestone's), the badge's colour.</summary>
    public QuotaStatus? Status => Quotas.Count == 0 ? null : Quotas.Select(q => q.Period.Status).MaxBy(Severity);

    /// <summary>"4/6" (several rules: "4/6; 10/15 phút").</summary>
    public string Figure => string.Join("; ", Quotas.Select(q =>
        $"{Number(q.Period.Achieved)}/{Number(q.Period.Target)}{(q.Rule.Metric == QuotaMetric.AirTimeMinutes ? " phút" : "")}"));

    /// <summary>"đạt", "có nguy cơ", "không đạt", "đang tiến triển", "chưa đến kỳ"; for a milestone "đã hoàn thành", "quá hạn", "đang thực hiện".</summary>
    public string Word => Status is { } s ? (s == QuotaStatus.NotStarted ? "chưa đến kỳ" : s.Vietnamese())
        : Milestone is { } m ? m.Status.Vietnamese() : "";

    /// <summary>"thiếu 2" (minutes: "thiếu 5 phút"), empty when nothing is short.</summary>
    public string ShortfallText
    {
        get
        {
            var shorts = Quotas.Where(q => q.IsShort).Select(q => Number(q.Period.Shortfall) + (q.Rule.Metric == QuotaMetric.AirTimeMinutes ? " phút" : "")).ToList();
            return shorts.Count == 0 ? "" : "thiếu " + string.Join("; ", shorts);
        }
    }

    /// <summary>The cell as one line, for the XLSX and screen readers: "4/6, có nguy cơ, thiếu 2"; "quá hạn (15/09/2026)".</summary>
    public string Text
    {
        get
        {
            if (Quotas.Count > 0)
                return string.Join(", ", new[] { Figure, Word, ShortfallText }.Where(x => x.Length > 0));
            if (Milestone is { } m)
                return m.Status == MilestoneStatus.Overdue && m.NextDue is { } due ? $"{Word} (hạn {due.ToString("dd/MM/yyyy", Vi)})" : Word;
            return "";
        }
    }

    private static int Severity(QuotaStatus s) => s switch
    {
        QuotaStatus.Missed => 4,
        QuotaStatus.AtRisk => 3,
        QuotaStatus.OnTrack => 2,
        QuotaStatus.NotStarted => 1,
        _ => 0,
    };

    private static string Number(decimal v) => v.ToString("0.#", Vi);
}

/// <summary>A ward's row: its cells by task number, or why it has none.</summary>
public sealed record CityWardRow(int SiteId, string Name, int? PlanId, string? PlanTitle, IReadOnlyDictionary<int, CityCell> Cells, string? Error = null)
{
    /// <summary>"Thiếu": how many tasks are short this month.</summary>
    public int Short => Cells.Values.Count(c => c.IsShort);

    public int AtRisk => Cells.Values.Count(c => c.IsAtRisk);

    /// <summary>The items (or minutes) still missing, summed over the tasks: breaks ties between wards short of as many tasks.</summary>
    public decimal Shortfall => Cells.Values.SelectMany(c => c.Quotas).Where(q => q.IsShort).Sum(q => q.Period.Shortfall);
}

/// <summary>The city's view of one month.</summary>
public sealed record CityMonth(DateOnly Month, DateOnly ReferenceDay, DateOnly Today, IReadOnlyList<CityTaskColumn> Tasks, IReadOnlyList<CityWardRow> Wards, TimeSpan Elapsed)
{
    public string MonthName => $"tháng {Month.Month}/{Month.Year}";

    public IReadOnlyList<CityWardRow> Sorted(CitySort sort)
    {
        var vi = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), CompareOptions.IgnoreCase);
        return sort switch
        {
            CitySort.Name => [.. Wards.OrderBy(w => w.Name, vi).ThenBy(w => w.SiteId)],
            CitySort.Short => [.. Wards.OrderByDescending(w => w.Short).ThenByDescending(w => w.Shortfall).ThenBy(w => w.Name, vi).ThenBy(w => w.SiteId)],
            // A ward without a plan for the month (or whose plan could not be read) is a risk the city
            // cannot measure: after the wards at risk, before the ones merely short.
            _ => [.. Wards.OrderByDescending(w => w.AtRisk).ThenBy(w => w.PlanId is null || w.Error is not null ? 0 : 1)
                .ThenByDescending(w => w.Short).ThenByDescending(w => w.Shortfall).ThenBy(w => w.Name, vi).ThenBy(w => w.SiteId)],
        };
    }
}

/// <summary>One ward's plan figures for the read-only view the city's operators open from a row.</summary>
public sealed record CityWardDetail(Site Site, PlanProgress? Progress, int Year, IReadOnlyList<string> Summary);

/// <summary>
/// The city's view (issue 16, item 5): every unit site × every task of its plan for one month, for the
/// city's operators. Each ward's figures come from <see cref="PlanProgressService.EvaluateAsync"/>, the
/// code behind the ward's own dashboard, so the two cannot differ; it runs in scopes of its own that no
/// request confines to a site. Tasks are matched across wards by their number: the wards' plans are
/// copied from the city's template ("nhiệm vụ 5" is the same task in every ward).
/// </summary>
public sealed class CityProgress(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>
    /// The sites the city's view lists: the units' portals, not the City CCHC page. The one place that
    /// decides it: archived sites are left out (a suspended one still has a plan to answer for).
    /// </summary>
    public static readonly Expression<Func<Site, bool>> Listed = s => s.Kind == SiteKinds.Unit && s.State != SiteStates.Archived;

    /// <summary>
    /// Wards evaluated at once, each in its own scope (and connection): twice the cores, as an evaluation
    /// is some fifteen short queries and waits on the database about as long as it computes.
    /// </summary>
    public static int Parallelism { get; } = Math.Clamp(2 * Environment.ProcessorCount, 2, 8);

    /// <summary>The month containing today, in Vietnam time.</summary>
    public DateOnly ThisMonth()
    {
        var today = PeriodCalculator.LocalDate(clock.GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// <summary>
    /// Every listed ward's tasks for the month of <paramref name="month"/>. A task's cell is the period of
    /// each of its rules that contains the reference day (today within the current month, the month's
    /// last day for a past month, its first for a month to come): the month itself for the city's
    /// monthly quotas. Milestones are judged as the dashboard judges them for that range.
    /// </summary>
    public Task<CityMonth> MonthAsync(DateOnly month, CancellationToken ct = default) => MonthAsync(month, Parallelism, ct);

    /// <summary><see cref="MonthAsync(DateOnly, CancellationToken)"/> with so many wards evaluated at once (the benchmark compares them).</summary>
    public async Task<CityMonth> MonthAsync(DateOnly month, int parallelism, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var today = PeriodCalculator.LocalDate(clock.GetUtcNow());
        var reference = today < first ? first : today > last ? last : today;

        List<(int Id, string Name)> sites;
        Dictionary<int, Plan> plans;
        List<(int PlanId, int Number, string Name, string RulesJson)> tasks;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
            sites = [.. (await db.Sites.AsNoTracking().Where(Listed).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name))];
            var ids = sites.Select(s => s.Id).ToList();
            plans = PlansFor(await db.Plans.AsNoTracking().Where(p => ids.Contains(p.SiteId) && p.StartsOn <= last && p.EndsOn >= first).ToListAsync(ct), first);
            var planIds = plans.Values.Select(p => p.Id).ToList();
            tasks = [.. (await db.PlanTasks.AsNoTracking().Where(t => planIds.Contains(t.PlanId))
                    .Select(t => new { t.PlanId, t.Number, t.ShortName, t.Text, t.RulesJson }).ToListAsync(ct))
                .Select(t => (t.PlanId, t.Number, t.ShortName.Length > 0 ? t.ShortName : t.Text, t.RulesJson))];
        }

        var columns = tasks.GroupBy(t => t.Number).OrderBy(g => g.Key)
            .Select(g => new CityTaskColumn(g.Key, g.GroupBy(t => t.Name).OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key, g.Count()))
            .ToList();
        var tasksOfPlan = tasks.ToLookup(t => t.PlanId);

        var rows = new CityWardRow[sites.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sites.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (i, token) =>
        {
            var (siteId, name) = sites[i];
            if (!plans.TryGetValue(siteId, out var plan))
            {
                rows[i] = new CityWardRow(siteId, name, null, null, new Dictionary<int, CityCell>());
                return;
            }
            try
            {
                var (from, to) = Range(plan, tasksOfPlan[plan.Id].Select(t => PlanRuleJson.Parse(t.RulesJson, t.Number)), first, last, reference);
                await using var scope = scopes.CreateAsyncScope();
                var progress = await scope.ServiceProvider.GetRequiredService<PlanProgressService>().EvaluateAsync(plan, from, to, null, token);
                rows[i] = new CityWardRow(siteId, name, plan.Id, plan.Title, Cells(progress, reference));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
            {
                // A plan whose rules cannot be read (edited by hand) costs its own row, not the city's page.
                rows[i] = new CityWardRow(siteId, name, plan.Id, plan.Title, new Dictionary<int, CityCell>(), e.Message);
            }
        });
        return new CityMonth(first, reference, today, columns, rows, watch.Elapsed);
    }

    /// <summary>
    /// A listed ward's dashboard figures for the year of <paramref name="month"/> (the plan that covers
    /// that month), as its own dashboard shows them; null when the site is not listed.
    /// </summary>
    public async Task<CityWardDetail?> WardAsync(int siteId, DateOnly month, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var site = await db.Sites.AsNoTracking().Where(Listed).FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null)
            return null;
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var plan = PlansFor(await db.Plans.AsNoTracking().Where(p => p.SiteId == siteId && p.StartsOn <= last && p.EndsOn >= first).ToListAsync(ct), first)
            .GetValueOrDefault(siteId);
        if (plan is null)
            return new CityWardDetail(site, null, month.Year, []);
        // The dashboard's own range: the whole year, which EvaluateAsync clips to the plan's span.
        var progress = await scope.ServiceProvider.GetRequiredService<PlanProgressService>()
            .EvaluateAsync(plan, new DateOnly(month.Year, 1, 1), new DateOnly(month.Year, 12, 31), null, ct);
        var today = PeriodCalculator.LocalDate(clock.GetUtcNow());
        return new CityWardDetail(site, progress, month.Year, today.Year == month.Year ? QuotaSummary.CurrentMonth(progress.Evaluation) : []);
    }

    // Per site, the plan covering the month: that year's plan, else the latest (CurrentPlanAsync's order).
    private static Dictionary<int, Plan> PlansFor(IEnumerable<Plan> overlapping, DateOnly month) =>
        overlapping.GroupBy(p => p.SiteId).ToDictionary(g => g.Key,
            g => g.OrderBy(p => p.Year == month.Year ? 0 : 1).ThenByDescending(p => p.Year).ThenByDescending(p => p.Id).First());

    /// <summary>
    /// The days to evaluate: the month and, around the reference day, the whole period of every rule
    /// (a week that began last month, a quarter), within the plan's span. For monthly rules, the month.
    /// </summary>
    public static (DateOnly From, DateOnly To) Range(Plan plan, IEnumerable<IReadOnlyList<QuotaRuleSpec>> rules, DateOnly first, DateOnly last, DateOnly reference)
    {
        var (from, to) = (first, last);
        foreach (var kind in rules.SelectMany(r => r).Select(r => r.Period).Distinct())
        {
            var period = PeriodCalculator.Containing(kind, reference);
            from = period.Start < from ? period.Start : from;
            to = period.End > to ? period.End : to;
        }
        return (from < plan.StartsOn ? plan.StartsOn : from, to > plan.EndsOn ? plan.EndsOn : to);
    }

    private static Dictionary<int, CityCell> Cells(PlanProgress progress, DateOnly reference)
    {
        var cells = new Dictionary<int, CityCell>();
        foreach (var task in progress.Evaluation.Tasks)
        {
            var number = progress.Task(task).Number;
            var quotas = task.Rules.SelectMany(r => r.Periods.Where(p => p.Period.Contains(reference)).Select(p => new CityQuota(r.Rule, p))).ToList();
            cells[number] = new CityCell(quotas, task.Milestone);
        }
        return cells;
    }
}
