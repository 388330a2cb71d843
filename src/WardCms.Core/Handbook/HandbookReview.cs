using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WardCms.Core.Handbook;

/// <summary>A staff member confirmed that a handbook entry is still accurate, without changing it.</summary>
public sealed class HandbookReview : Content.IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public DateTime ReviewedUtc { get; set; }
    public string? ReviewedById { get; set; }
    public string Note { get; set; } = "";
}

public sealed class HandbookReviewConfiguration : IEntityTypeConfiguration<HandbookReview>
{
    public void Configure(EntityTypeBuilder<HandbookReview> b)
    {
        b.ToTable("HandbookReviews");
        b.Property(x => x.ReviewedById).HasMaxLength(450);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.SiteId, x.ContentItemId, x.ReviewedUtc });
        b.HasOne<Content.ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
