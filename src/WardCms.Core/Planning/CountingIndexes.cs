using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;

namespace WardCms.Core.Planning;

// Covering indexes for the counting sources: a ward-year of publications is read as one index
// range (site, first-published date) without touching the wide item rows, and the plan-task
// tags of a plan as one index range per task. Without them the dashboard spent most of its
// time on one random row fetch per item (see docs/performance.md, "Plan dashboard").
public sealed class ContentItemCountingIndex : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> e)
    {
        e.HasIndex(x => new { x.SiteId, x.FirstPublishedUtc, x.ContentType, x.IsDeleted, x.PublishedVersionId, x.UnitId })
            .HasDatabaseName("IX_ContentItems_Counting");
        // The pipeline (items waiting for review, approved, scheduled) is a handful of rows among thousands.
        e.HasIndex(x => new { x.SiteId, x.Status, x.IsDeleted }).HasDatabaseName("IX_ContentItems_Pipeline");
    }
}

public sealed class ContentItemPlanTaskCountingIndex : IEntityTypeConfiguration<ContentItemPlanTask>
{
    public void Configure(EntityTypeBuilder<ContentItemPlanTask> e) =>
        e.HasIndex(x => new { x.PlanTaskId, x.Published, x.ContentItemId })
            .HasDatabaseName("IX_ContentItemPlanTasks_Counting");
}

public sealed class ContentItemTermCountingIndex : IEntityTypeConfiguration<ContentItemTerm>
{
    public void Configure(EntityTypeBuilder<ContentItemTerm> e) =>
        e.HasIndex(x => new { x.TermId, x.Published, x.ContentItemId })
            .HasDatabaseName("IX_ContentItemTerms_Counting");
}
