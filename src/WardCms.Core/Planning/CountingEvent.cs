using System.Text.Json.Serialization;

namespace WardCms.Core.Planning;

// A fact that makes an item count: it was published, aired or posted at this instant.
// The caller passes only current facts, so an unpublished item is simply absent.
public sealed record CountingEvent
{
    public required string ContentItemId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required CountingEventKind Kind { get; init; }
    public string ContentType { get; init; } = "";
    public string? Channel { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public string? UnitKey { get; init; }
    public IReadOnlyList<string> PlanTaskIds { get; init; } = [];

    // Air time of this airing; only AirTimeMinutes rules read it.
    public TimeSpan? Duration { get; init; }
    public string? Title { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<PipelineStage>))]
public enum PipelineStage
{
    Submitted,
    Approved,
    Scheduled,
}

// An item on its way to counting (chờ duyệt, đã duyệt, đã hẹn giờ), tagged to tasks already.
// ExpectedEvents says how it will count (a radio script will air, an article will be published);
// empty means "not known yet", and the item then covers any rule of its tasks that its filters match.
public sealed record PipelineItem
{
    public required string ContentItemId { get; init; }
    public required PipelineStage Stage { get; init; }
    public IReadOnlyList<CountingEventKind> ExpectedEvents { get; init; } = [];
    public string ContentType { get; init; } = "";
    public string? Channel { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public string? UnitKey { get; init; }
    public IReadOnlyList<string> PlanTaskIds { get; init; } = [];
    public DateTimeOffset? ScheduledFor { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? Title { get; init; }
}
