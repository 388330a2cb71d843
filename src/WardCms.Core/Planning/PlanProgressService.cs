using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Core.Planning;

public sealed record PlanTaskInfo(int Id, int Number, string Text, string ShortName, string? LeadUnit, string Deadline, DateTime? DoneUtc, string EvidenceNote, string EvidenceUrl)
{
    public string Name => ShortName.Length > 0 ? ShortName : Text;

    /// <summary>Evidence files of a milestone task, oldest first.</summary>
    public IReadOnlyList<EvidenceFileInfo> EvidenceFiles { get; init; } = [];
}

public sealed record PlanProgress(Plan Plan, IReadOnlyList<PlanTaskInfo> Tasks, QuotaEvaluation Evaluation, string? UnitKey)
{
    public PlanTaskInfo Task(TaskResult t) => Tasks.First(x => x.Id.ToString() == t.Task.TaskId);
}

public sealed record CountedItem(int Id, string Title, string ContentType, string TypeName, string Channel, string? Unit, DateTime? FirstPublishedUtc, string? Url);

/// <summary>
/// The one path from stored facts to quota figures: plan, tasks, rules, milestones, counting events
/// from every registered source and the pipeline, evaluated by the QuotaEngine. The dashboard, the
/// API and the reports all call this, so their numbers cannot differ.
/// </summary>
public sealed class PlanProgressService(WardDbContext db, IEnumerable<ICountingEventSource> sources, TimeProvider clock, QuotaEngine engine)
{
    public Task<Plan?> FindPlanAsync(int siteId, int planId, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.SiteId == siteId && p.Id == planId, ct);

    /// <summary>The plan of the current year, else the latest one.</summary>
    public async Task<Plan?> CurrentPlanAsync(int siteId, CancellationToken ct = default)
    {
        var year = PeriodCalculator.LocalDate(clock.GetUtcNow()).Year;
        return await db.Plans.AsNoTracking().Where(p => p.SiteId == siteId).OrderBy(p => p.Year == year ? 0 : 1).ThenByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether any day from <paramref name="from"/> to <paramref name="to"/> is within the plan's own span.</summary>
    public static bool Overlaps(Plan plan, DateOnly from, DateOnly to) => from <= plan.EndsOn && to >= plan.StartsOn;

    /// <summary>
    /// The plan's progress from <paramref name="from"/> to <paramref name="to"/>, within the plan's own
    /// span only: days before it starts or after it ends are not its periods, so the 2025 plan is never
    /// judged "không đạt" for the months of 2026. The range must overlap the span (<see cref="Overlaps"/>).
    /// </summary>
    public async Task<PlanProgress> EvaluateAsync(Plan plan, DateOnly from, DateOnly to, string? unitKey = null, CancellationToken ct = default)
    {
        if (!Overlaps(plan, from, to))
        {
            throw new ArgumentException($"Kế hoạch áp dụng từ {plan.StartsOn:dd/MM/yyyy} đến {plan.EndsOn:dd/MM/yyyy}; khoảng {from:dd/MM/yyyy}–{to:dd/MM/yyyy} nằm ngoài.", nameof(from));
        }
        (from, to) = (from < plan.StartsOn ? plan.StartsOn : from, to > plan.EndsOn ? plan.EndsOn : to);
        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Number)
            .Select(t => new
            {
                t.Id, t.Number, t.Text, t.ShortName, t.Deadline, t.RulesJson, t.DueDatesJson, t.DoneUtc, t.EvidenceNote, t.EvidenceUrl,
                LeadUnit = db.Units.Where(u => u.Id == t.LeadUnitId).Select(u => u.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var taskRules = tasks.Select(t =>
        {
            var rules = PlanRuleJson.Parse(t.RulesJson, t.Number);
            return new TaskRules
            {
                TaskId = t.Id.ToString(),
                Code = t.Number.ToString(),
                Name = t.ShortName.Length > 0 ? t.ShortName : t.Text,
                Rules = rules,
                Milestone = rules.Count > 0 ? null : new MilestoneFacts
                {
                    DueDates = PlanRuleJson.DueDates(t.DueDatesJson),
                    Done = t.DoneUtc is not null,
                    EvidenceDates = t.DoneUtc is { } d ? [PeriodCalculator.LocalDate(new DateTimeOffset(d, TimeSpan.Zero))] : [],
                },
            };
        }).ToList();

        var (fromUtc, toUtc) = UtcRange(from, to);
        var events = new List<CountingEvent>();
        foreach (var source in sources)
            events.AddRange(await source.LoadAsync(plan.SiteId, fromUtc, toUtc, ct));
        var pipeline = await PipelineAsync(plan, ct);
        if (unitKey is not null)
        {
            events.RemoveAll(e => e.UnitKey != unitKey);
            pipeline.RemoveAll(p => p.UnitKey != unitKey);
        }
        var evaluation = engine.Evaluate(taskRules, events, from, to, clock.GetUtcNow(), pipeline);
        var files = (await db.Set<MilestoneEvidenceFile>().AsNoTracking()
            .Where(f => f.RemovedUtc == null && db.PlanTasks.Any(t => t.Id == f.PlanTaskId && t.PlanId == plan.Id))
            .OrderBy(f => f.UploadedUtc).ThenBy(f => f.Id)
            .Select(f => new { f.PlanTaskId, Info = new EvidenceFileInfo(f.Id, f.FileName, f.Length, f.UploadedUtc, f.UploadedByName) })
            .ToListAsync(ct)).ToLookup(x => x.PlanTaskId, x => x.Info);
        var infos = tasks.Select(t => new PlanTaskInfo(t.Id, t.Number, t.Text, t.ShortName, t.LeadUnit, t.Deadline, t.DoneUtc, t.EvidenceNote, t.EvidenceUrl)
        {
            EvidenceFiles = [.. files[t.Id]],
        }).ToList();
        return new PlanProgress(plan, infos, evaluation, unitKey);
    }

    // Items on their way (chờ duyệt, đã duyệt, hẹn giờ) tagged to this plan's tasks.
    private async Task<List<PipelineItem>> PipelineAsync(Plan plan, CancellationToken ct)
    {
        string[] states = [ContentStatus.Submitted, ContentStatus.Forwarded, ContentStatus.Approved, ContentStatus.Scheduled];
        var items = db.ContentItems.Where(i => i.SiteId == plan.SiteId && !i.IsDeleted && states.Contains(i.Status)
            && db.ContentItemPlanTasks.Any(x => x.ContentItemId == i.Id && !x.Published && x.PlanTaskId != 0 && db.PlanTasks.Any(t => t.Id == x.PlanTaskId && t.PlanId == plan.Id)));
        var rows = await items.Select(i => new
        {
            i.Id, i.Status, i.ContentType, i.Title, i.ScheduledPublishUtc,
            UnitKey = db.Units.Where(u => u.Id == i.UnitId).Select(u => u.Key).FirstOrDefault(),
        }).ToListAsync(ct);
        // Nothing waiting (most wards most of the time): no tag, topic or type to read for it.
        if (rows.Count == 0)
            return [];
        // Driven from the few pipeline items (one key seek each), not from every tag row of the database.
        var tasks = (await (from i in items
                            join x in db.ContentItemPlanTasks on i.Id equals x.ContentItemId
                            where !x.Published
                            select new { x.ContentItemId, x.PlanTaskId }).ToListAsync(ct)).ToLookup(x => x.ContentItemId, x => x.PlanTaskId.ToString());
        var topics = (await (from i in items
                             join x in db.ContentItemTerms on i.Id equals x.ContentItemId
                             join t in db.Terms on x.TermId equals t.Id
                             where !x.Published
                             select new { x.ContentItemId, t.Key }).ToListAsync(ct)).ToLookup(x => x.ContentItemId, x => x.Key);
        var channels = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == plan.SiteId).ToListAsync(ct))
            .ToDictionary(t => t.Name, t => t.Settings.Channel);
        return [.. rows.Select(r =>
        {
            var channel = channels.GetValueOrDefault(r.ContentType);
            return new PipelineItem
            {
                ContentItemId = r.Id.ToString(),
                Stage = r.Status switch
                {
                    ContentStatus.Approved => PipelineStage.Approved,
                    ContentStatus.Scheduled => PipelineStage.Scheduled,
                    _ => PipelineStage.Submitted,
                },
                ExpectedEvents = channel switch
                {
                    "portal" => [CountingEventKind.PublishedOnPortal],
                    "radio" => [CountingEventKind.AiredOnRadio],
                    _ => [],
                },
                ContentType = r.ContentType,
                Channel = channel,
                Topics = topics[r.Id].ToList(),
                UnitKey = r.UnitKey,
                PlanTaskIds = tasks[r.Id].ToList(),
                ScheduledFor = r.ScheduledPublishUtc is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null,
                Title = r.Title,
            };
        })];
    }

    /// <summary>Titles, types, units and public links of counted items, for the dashboard's lists and the XLSX annex.</summary>
    public async Task<IReadOnlyDictionary<string, CountedItem>> ItemsAsync(int siteId, IEnumerable<string> ids, CancellationToken ct = default)
    {
        var numbers = ids.Select(x => int.TryParse(x, out var n) ? n : 0).Where(n => n > 0).Distinct().ToList();
        var types = (await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == siteId).ToListAsync(ct)).ToDictionary(t => t.Name);
        var result = new Dictionary<string, CountedItem>();
        foreach (var chunk in numbers.Chunk(500))
        {
            var rows = await db.ContentItems.AsNoTracking().Where(i => i.SiteId == siteId && chunk.Contains(i.Id)).Select(i => new
            {
                i.Id, i.Title, i.ContentType, i.FirstPublishedUtc, i.PublishedSlug,
                Unit = db.Units.Where(u => u.Id == i.UnitId).Select(u => u.Name).FirstOrDefault(),
            }).ToListAsync(ct);
            foreach (var r in rows)
            {
                var type = types.GetValueOrDefault(r.ContentType);
                var settings = type?.Settings;
                result[r.Id.ToString()] = new CountedItem(r.Id, r.Title, r.ContentType, type?.DisplayName ?? r.ContentType,
                    settings?.Channel ?? "", r.Unit, r.FirstPublishedUtc, settings?.UrlFor(r.PublishedSlug));
            }
        }
        return result;
    }

    // Local (ICT) dates from..to as the UTC instants the sources query.
    public static (DateTime FromUtc, DateTime ToUtc) UtcRange(DateOnly from, DateOnly to)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), PeriodCalculator.Zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), PeriodCalculator.Zone).AddTicks(-1);
        return (DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc));
    }
}
