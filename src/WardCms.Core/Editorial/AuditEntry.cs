using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Core.Editorial;

/// <summary>One line of an item's history: a save or a workflow move, by whom, when, with what comment.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public int? VersionNumber { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public required string Action { get; set; }
    public string FromState { get; set; } = "";
    public string ToState { get; set; } = "";
    public string Comment { get; set; } = "";
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId);
        e.HasIndex(x => new { x.ContentItemId, x.AtUtc });
        e.HasIndex(x => new { x.SiteId, x.AtUtc });
        e.Property(x => x.Action).HasMaxLength(32);
        e.Property(x => x.FromState).HasMaxLength(32);
        e.Property(x => x.ToState).HasMaxLength(32);
        e.Property(x => x.UserName).HasMaxLength(200);
        e.Property(x => x.Comment).HasMaxLength(2000);
    }
}
