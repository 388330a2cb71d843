using System.Text.Json.Serialization;

namespace WardCms.Core.Planning;

[JsonConverter(typeof(JsonStringEnumConverter<QuotaStatus>))]
public enum QuotaStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    Met,
    Missed,
}

public sealed record PipelineRef(string ContentItemId, PipelineStage Stage, string? Title);

// CountFrom..CountTo is the period clipped to the rule's active window: only events on those
// local dates count, and the pace for AtRisk is measured over those days.
public sealed record PeriodResult(
    QuotaPeriod Period,
    DateOnly CountFrom,
    DateOnly CountTo,
    decimal Target,
    decimal Achieved,
    IReadOnlyList<string> CountedItemIds,
    decimal InPipeline,
    IReadOnlyList<PipelineRef> PipelineItems,
    int DaysRemaining,
    QuotaStatus Status)
{
    public decimal Shortfall => Achieved >= Target ? 0 : Target - Achieved;
    public bool IsPartial => CountFrom != Period.Start || CountTo != Period.End;
}

public sealed record RuleResult(QuotaRuleSpec Rule, IReadOnlyList<PeriodResult> Periods);

public sealed record TaskResult(TaskRules Task, IReadOnlyList<RuleResult> Rules, MilestoneResult? Milestone);

public sealed record QuotaEvaluation(DateOnly From, DateOnly To, DateOnly Today, IReadOnlyList<TaskResult> Tasks);

public static class QuotaStatusText
{
    public static string Vietnamese(this QuotaStatus status) => status switch
    {
        QuotaStatus.Met => "đạt",
        QuotaStatus.OnTrack => "đang tiến triển",
        QuotaStatus.AtRisk => "có nguy cơ",
        QuotaStatus.Missed => "không đạt",
        _ => "chưa bắt đầu",
    };

    public static string Vietnamese(this MilestoneStatus status) => status switch
    {
        MilestoneStatus.Done => "đã hoàn thành",
        MilestoneStatus.Overdue => "quá hạn",
        _ => "đang thực hiện",
    };
}
