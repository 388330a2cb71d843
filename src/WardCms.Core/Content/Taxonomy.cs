namespace WardCms.Core.Content;

public sealed class Taxonomy : IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public List<Term> Terms { get; set; } = [];
}

public sealed class Term : IPublicRecord
{
    public int Id { get; set; }
    public int TaxonomyId { get; set; }
    public Taxonomy? Taxonomy { get; set; }
    /// <summary>Stable key from the recipe, e.g. "e" for the plan's topic e).</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>
/// Which terms an item carries, derived from the topics part: the latest version's terms drive
/// the admin filters, the published version's terms drive the public topic pages.
/// </summary>
public sealed class ContentItemTerm : IPublicRecord
{
    public int ContentItemId { get; set; }
    public int TermId { get; set; }
    public bool Published { get; set; }

    /// <summary>A draft's topics are the admin's; the published item's are listed under its topics.</summary>
    bool IPublicRecord.IsPublicChange(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        PublicRecords.IsOrWas(entry, nameof(Published), v => v is true);
}

/// <summary>Which plan tasks an item is tagged to (latest and published), derived from the plan tasks part.</summary>
public sealed class ContentItemPlanTask
{
    public int ContentItemId { get; set; }
    public int PlanTaskId { get; set; }
    public bool Published { get; set; }
}

/// <summary>The limits of a topic, one place for the recipe's taxonomies step and the admin's "Chủ đề" screen.</summary>
public static class TopicLimits
{
    public const int KeyLength = 64, NameLength = 200, SlugLength = 200, DescriptionLength = 2000, MaxOrder = 10_000;
}
