namespace WardCms.Core.Planning;

/// <summary>A yearly communication plan (kế hoạch) as declared in a recipe.</summary>
public sealed class Plan
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Key { get; set; }
    public string Number { get; set; } = "";
    public required string Title { get; set; }
    public string IssuingBody { get; set; } = "";
    public int Year { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public string Signatory { get; set; } = "";
    public string SignatoryTitle { get; set; } = "";
    /// <summary>Reporting windows when they differ from the default guidance (JSON).</summary>
    public string ReportingWindowsJson { get; set; } = "";
    public List<PlanTask> Tasks { get; set; } = [];
}

/// <summary>A task of the plan's appendix; its quota rules are data (JSON) read by the quota engine.</summary>
public sealed class PlanTask
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public string ShortName { get; set; } = "";
    public int? LeadUnitId { get; set; }
    public string CoordinatingUnits { get; set; } = "";
    public string Deadline { get; set; } = "";
    /// <summary>Quota rules (JSON array); empty for milestones.</summary>
    public string RulesJson { get; set; } = "[]";
    /// <summary>Due dates of a milestone task (JSON array of dates).</summary>
    public string DueDatesJson { get; set; } = "[]";
    public DateTime? DoneUtc { get; set; }
    public string EvidenceNote { get; set; } = "";
    public string EvidenceUrl { get; set; } = "";
}
