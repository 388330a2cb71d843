using System.Runtime.CompilerServices;

namespace WardCms.Core.Planning;

public sealed record QuotaEngineOptions
{
    // A current period is AtRisk when what is still uncovered would need more than this many
    // times the rule's even pace over the days left. 2 means "twice as fast as planned".
    public decimal AtRiskPaceFactor { get; init; } = 2m;
}

// Pure evaluation of quota rules over counting events. No I/O: the caller queries the facts.
//
// Counting: an event counts for a rule when the item is tagged to the rule's task, its kind is
// the rule's event, it matches the filters, and its local (ICT) date is inside the period and the
// rule's active window. Count rules count distinct items per period (an item aired twice is one
// item); air-time rules sum the durations of every airing.
//
// Periods: every period overlapping [from, to] and the active window is listed whole; a period
// straddling a window edge (a week half in the window) is kept, counts only its days inside the
// window and keeps the full target, because "every week at least 15 minutes" still holds for the
// first, shortened week of a campaign.
//
// Status, with today = now in ICT and CountFrom..CountTo the clipped period:
//   Met        achieved >= target (any time, also for a target of 0);
//   Missed     the period is over and achieved < target;
//   NotStarted the period starts after today;
//   AtRisk     current period, and the part not covered by achieved + pipeline, spread over the
//              days left (today included), needs more than AtRiskPaceFactor times the even pace
//              target / days in period; this stays quiet early in a period and warns when the
//              rest can no longer be done at a normal rhythm (on the last day any gap is AtRisk);
//   OnTrack    otherwise.
// The pipeline only counts for the current period; an item scheduled past the period's end does not.
public sealed class QuotaEngine(QuotaEngineOptions? options = null)
{
    private readonly QuotaEngineOptions _options = options ?? new QuotaEngineOptions();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public QuotaEvaluation Evaluate(
        IEnumerable<TaskRules> tasks,
        IEnumerable<CountingEvent> events,
        DateOnly from,
        DateOnly to,
        DateTimeOffset now,
        IEnumerable<PipelineItem>? pipeline = null)
    {
        if (from > to)
            throw new ArgumentException($"Khoảng thời gian không hợp lệ: từ {from:dd/MM/yyyy} đến {to:dd/MM/yyyy}.", nameof(from));

        var taskList = tasks.ToList();
        var errors = taskList.SelectMany(t => t.Rules.SelectMany(r => r.Validate().Select(e => $"Nhiệm vụ {t.DisplayCode}: {e}"))).ToList();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(tasks));

        // The one timezone conversion per event; everything after works on local dates.
        var localDates = new PeriodCalculator.LocalDateCache();
        var eventList = events as IReadOnlyList<CountingEvent> ?? events.ToList();
        // Items with more than one event (aired twice) are the only ones a period must deduplicate.
        var occurrences = new Dictionary<string, int>(eventList.Count, StringComparer.Ordinal);
        foreach (var e in eventList)
            occurrences[e.ContentItemId] = occurrences.GetValueOrDefault(e.ContentItemId) + 1;
        var located = new Located<CountingEvent>[eventList.Count];
        for (var k = 0; k < located.Length; k++)
        {
            var e = eventList[k];
            located[k] = new Located<CountingEvent>(e, localDates.LocalDate(e.OccurredAt), occurrences[e.ContentItemId] > 1);
        }
        var eventsByTask = IndexByTask(located, e => e.PlanTaskIds);

        var pipelineLocated = (pipeline ?? []).Select(p => new Located<PipelineItem>(
            p, p.ScheduledFor is { } s ? localDates.LocalDate(s) : null)).ToArray();
        var pipelineByTask = IndexByTask(pipelineLocated, p => p.PlanTaskIds);

        var today = PeriodCalculator.LocalDate(now);
        var results = new List<TaskResult>(taskList.Count);
        foreach (var task in taskList)
        {
            var taskEvents = eventsByTask.GetValueOrDefault(task.TaskId) ?? [];
            var taskPipeline = pipelineByTask.GetValueOrDefault(task.TaskId) ?? [];
            var rules = task.Rules.Select(r => EvaluateRule(r, taskEvents, taskPipeline, from, to, today)).ToList();
            // A range that ended before today (a Q1 report made in May) judges milestones as they stood
            // at its end: a task due in October is not overdue in it, and evidence dated later does not count.
            var milestone = task.Milestone is not { } m ? null
                : to < today ? MilestoneEvaluator.Evaluate(m.AsOf(to), to.AddDays(1))
                : MilestoneEvaluator.Evaluate(m, today);
            results.Add(new TaskResult(task, rules, milestone));
        }
        return new QuotaEvaluation(from, to, today, results);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RuleResult EvaluateRule(
        QuotaRuleSpec rule,
        List<Located<CountingEvent>> events,
        List<Located<PipelineItem>> pipeline,
        DateOnly from,
        DateOnly to,
        DateOnly today)
    {
        var periods = PeriodCalculator.Overlapping(rule.Period, from, to, rule.ActiveWindow);
        if (periods.Count == 0)
            return new RuleResult(rule, []);

        // Day → period index over the periods' whole span, -1 outside the active window: one array
        // read per event instead of a period computation and a dictionary lookup.
        var window = rule.ActiveWindow;
        var firstDay = periods[0].Start.DayNumber;
        var periodOfDay = new int[periods[^1].End.DayNumber - firstDay + 1];
        for (var i = 0; i < periods.Count; i++)
        {
            for (var day = periods[i].Start.DayNumber; day <= periods[i].End.DayNumber; day++)
                periodOfDay[day - firstDay] = window is null || window.Contains(DateOnly.FromDayNumber(day)) ? i : -1;
        }

        var filter = new CompiledFilter(rule.Filters ?? QuotaFilters.Any);
        var achieved = new decimal[periods.Count];
        var counted = new List<string>?[periods.Count];
        var seen = new HashSet<string>?[periods.Count];
        var airTime = rule.Metric == QuotaMetric.AirTimeMinutes;

        // First the period of every event that counts (or -1) and how many each period gets, so the
        // lists below are allocated once at their final size.
        var periodOfEvent = new int[events.Count];
        var perPeriod = new int[periods.Count];
        for (var k = 0; k < events.Count; k++)
        {
            periodOfEvent[k] = -1;
            var (e, date, _) = events[k];
            if (e.Kind != rule.Event || date is not { } d)
                continue;
            var offset = d.DayNumber - firstDay;
            if ((uint)offset >= (uint)periodOfDay.Length)
                continue;
            var i = periodOfDay[offset];
            if (i < 0 || !filter.Matches(e.ContentType, e.Channel, e.Topics, e.UnitKey))
                continue;
            periodOfEvent[k] = i;
            perPeriod[i]++;
        }
        for (var k = 0; k < events.Count; k++)
        {
            var i = periodOfEvent[k];
            if (i < 0)
                continue;
            var (e, _, repeats) = events[k];
            // An item with a single event can only be new; only repeated items need the set.
            var isNew = !repeats || (seen[i] ??= new HashSet<string>(StringComparer.Ordinal)).Add(e.ContentItemId);
            if (isNew)
                (counted[i] ??= new List<string>(perPeriod[i])).Add(e.ContentItemId);
            if (airTime)
                achieved[i] += Minutes(e.Duration);
            else if (isNew)
                achieved[i] += 1;
        }

        var results = new PeriodResult[periods.Count];
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            var countFrom = window is not null && window.From > period.Start ? window.From : period.Start;
            var countTo = window is not null && window.To < period.End ? window.To : period.End;
            var isCurrent = today >= countFrom && today <= countTo;

            decimal inPipeline = 0;
            var pipelineRefs = new List<PipelineRef>();
            if (isCurrent && pipeline.Count > 0)
            {
                var countedHere = counted[i] is { } c ? new HashSet<string>(c, StringComparer.Ordinal) : null;
                foreach (var (p, scheduled, _) in pipeline)
                {
                    // Already counted in this period (e.g. published, still queued for another channel).
                    if (countedHere?.Contains(p.ContentItemId) == true)
                        continue;
                    if (scheduled is { } s && s > countTo)
                        continue;
                    if (p.ExpectedEvents is { Count: > 0 } expected && !expected.Contains(rule.Event))
                        continue;
                    if (!filter.Matches(p.ContentType, p.Channel, p.Topics, p.UnitKey))
                        continue;
                    inPipeline += rule.Metric == QuotaMetric.AirTimeMinutes ? Minutes(p.Duration) : 1;
                    pipelineRefs.Add(new PipelineRef(p.ContentItemId, p.Stage, p.Title));
                }
            }

            var days = countTo.DayNumber - countFrom.DayNumber + 1;
            var daysRemaining = today < countFrom ? days : today > countTo ? 0 : countTo.DayNumber - today.DayNumber + 1;
            var status = Status(rule.Minimum, achieved[i], inPipeline, countFrom, countTo, today, days, daysRemaining);
            results[i] = new PeriodResult(
                period, countFrom, countTo, rule.Minimum, achieved[i], counted[i] ?? [], inPipeline, pipelineRefs, daysRemaining, status);
        }
        return new RuleResult(rule, results);
    }

    private QuotaStatus Status(
        decimal target, decimal achieved, decimal inPipeline, DateOnly countFrom, DateOnly countTo, DateOnly today, int days, int daysRemaining)
    {
        if (achieved >= target)
            return QuotaStatus.Met;
        if (today > countTo)
            return QuotaStatus.Missed;
        if (today < countFrom)
            return QuotaStatus.NotStarted;

        var uncovered = target - achieved - inPipeline;
        if (uncovered <= 0)
            return QuotaStatus.OnTrack;
        var evenPace = target / days;
        var neededPace = uncovered / daysRemaining;
        return neededPace > _options.AtRiskPaceFactor * evenPace ? QuotaStatus.AtRisk : QuotaStatus.OnTrack;
    }

    // Exact minutes from ticks, so three 5-minute airings make 15, not 14.999….
    private static decimal Minutes(TimeSpan? duration) =>
        duration is { } d && d > TimeSpan.Zero ? (decimal)d.Ticks / TimeSpan.TicksPerMinute : 0m;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, List<Located<T>>> IndexByTask<T>(Located<T>[] items, Func<T, IReadOnlyList<string>> taskIds)
        where T : class
    {
        // Sources share one task list among the items tagged alike, so each distinct list is resolved
        // once to task slots (a task listed twice on one item appears once); then the items are
        // counted per slot, and every task's list is allocated once at its final size.
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotsOf = new Dictionary<IReadOnlyList<string>, int[]>(ReferenceEqualityComparer.Instance);
        var itemSlots = new int[items.Length][];
        var sizes = new List<int>();
        for (var k = 0; k < items.Length; k++)
        {
            var tasks = taskIds(items[k].Item);
            if (!slotsOf.TryGetValue(tasks, out var slots))
            {
                slots = [.. tasks.Select(t =>
                {
                    if (!slotOf.TryGetValue(t, out var slot))
                    {
                        slotOf[t] = slot = slotOf.Count;
                        sizes.Add(0);
                    }
                    return slot;
                }).Distinct()];
                slotsOf[tasks] = slots;
            }
            itemSlots[k] = slots;
            foreach (var slot in slots)
                sizes[slot]++;
        }
        var lists = sizes.Select(n => new List<Located<T>>(n)).ToArray();
        for (var k = 0; k < items.Length; k++)
        {
            foreach (var slot in itemSlots[k])
                lists[slot].Add(items[k]);
        }
        return slotOf.ToDictionary(x => x.Key, x => lists[x.Value], StringComparer.Ordinal);
    }

    // Repeats: the item has more than one event, so a period must not count it twice.
    private readonly record struct Located<T>(T Item, DateOnly? LocalDate, bool Repeats = false);

    private sealed class CompiledFilter(QuotaFilters filters)
    {
        private readonly HashSet<string>? _contentTypes = Set(filters.ContentTypes);
        private readonly HashSet<string>? _channels = Set(filters.Channels);
        private readonly HashSet<string>? _topics = Set(filters.Topics);
        private readonly HashSet<string>? _units = Set(filters.Units);

        public bool Matches(string contentType, string? channel, IReadOnlyList<string> topics, string? unit) =>
            (_contentTypes is null || _contentTypes.Contains(contentType))
            && (_channels is null || (channel is not null && _channels.Contains(channel)))
            && (_units is null || (unit is not null && _units.Contains(unit)))
            && (_topics is null || topics.Any(_topics.Contains));

        // Keys are slugs, but compare without case so "Land" in a recipe still matches "land".
        // A null list can arrive from hand-written JSON; it means "any", like an empty one.
        private static HashSet<string>? Set(IReadOnlyList<string>? values) =>
            values is null || values.Count == 0 ? null : new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
    }
}
