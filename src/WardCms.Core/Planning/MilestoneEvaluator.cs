using System.Text.Json.Serialization;

namespace WardCms.Core.Planning;

[JsonConverter(typeof(JsonStringEnumConverter<MilestoneStatus>))]
public enum MilestoneStatus
{
    Done,
    Pending,
    Overdue,
}

// NextDue is the first due date not yet covered by evidence; null when none is left.
public sealed record MilestoneResult(MilestoneStatus Status, DateOnly? NextDue, int DueDates, int DuePassed, int Evidence);

public static class MilestoneEvaluator
{
    // Evidence covers due dates in order: the k-th piece of evidence settles the k-th due date
    // (task 6 has four reports a year, each report is one piece of evidence).
    // A due date is overdue from the day after it, in ICT.
    public static MilestoneResult Evaluate(MilestoneFacts facts, DateOnly today)
    {
        var due = facts.DueDates.Order().ToArray();
        var evidence = facts.EvidenceDates.Count;
        var passed = due.Count(d => d < today);
        DateOnly? next = evidence < due.Length ? due[evidence] : null;

        if (facts.Done || (due.Length > 0 && evidence >= due.Length))
            return new(MilestoneStatus.Done, null, due.Length, passed, evidence);
        if (passed > evidence)
            return new(MilestoneStatus.Overdue, next, due.Length, passed, evidence);
        return new(MilestoneStatus.Pending, next, due.Length, passed, evidence);
    }
}
