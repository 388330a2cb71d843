using System.Text.Json.Serialization;

namespace WardCms.Core.Planning;

// One task of a plan as the engine sees it. Code is what people call it ("5" in "nhiệm vụ 5").
// A task without rules is a milestone, judged from its due dates and evidence.
public sealed record TaskRules
{
    public required string TaskId { get; init; }
    public string? Code { get; init; }
    public string Name { get; init; } = "";
    public IReadOnlyList<QuotaRuleSpec> Rules { get; init; } = [];
    public MilestoneFacts? Milestone { get; init; }

    [JsonIgnore]
    public string DisplayCode => string.IsNullOrWhiteSpace(Code) ? TaskId : Code;
}

// Due dates are local dates ("Tháng 10/2025" is stored as 2025-10-31).
// EvidenceDates are when a piece of proof was recorded (a report, minutes, photos).
public sealed record MilestoneFacts
{
    public IReadOnlyList<DateOnly> DueDates { get; init; } = [];
    public bool Done { get; init; }
    public IReadOnlyList<DateOnly> EvidenceDates { get; init; } = [];

    /// <summary>
    /// The facts as they stood at the end of <paramref name="day"/>: evidence dated later is left out,
    /// and a task marked done later was not done then (a task marked done without a date stays done).
    /// </summary>
    public MilestoneFacts AsOf(DateOnly day)
    {
        var evidence = EvidenceDates.Where(d => d <= day).ToList();
        return this with { EvidenceDates = evidence, Done = Done && (EvidenceDates.Count == 0 || evidence.Count > 0) };
    }
}
