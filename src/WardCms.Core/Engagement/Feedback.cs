using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Core.Engagement;

/// <summary>
/// A citizen's answer to "Thông tin này có hữu ích không?", with an optional comment. Comments are
/// held as Pending until staff approve them; nothing identifies the sender.
/// </summary>
public sealed class Feedback
{
    public const int MaxCommentLength = 1000;

    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public bool Helpful { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedUtc { get; set; }
    public FeedbackStatus Status { get; set; } = FeedbackStatus.Pending;
    public string? ModeratedById { get; set; }
    public DateTime? ModeratedUtc { get; set; }
}

public enum FeedbackStatus
{
    Pending,
    Approved,
    Hidden,
}

public static class FeedbackStatusNames
{
    public static string DisplayName(this FeedbackStatus status) => status switch
    {
        FeedbackStatus.Pending => "Chờ duyệt",
        FeedbackStatus.Approved => "Đã duyệt",
        FeedbackStatus.Hidden => "Đã ẩn",
        _ => status.ToString(),
    };
}

public sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> e)
    {
        e.ToTable("Feedback");
        e.Property(x => x.Comment).HasMaxLength(Feedback.MaxCommentLength);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ModeratedById).HasMaxLength(450);
        e.HasIndex(x => new { x.SiteId, x.Status, x.CreatedUtc });
        e.HasIndex(x => new { x.ContentItemId, x.CreatedUtc });
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId);
    }
}

/// <summary>What the feedback widget needs to know about the page it sits on.</summary>
public sealed record FeedbackTarget(int ContentItemId, string Title);
