using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Core.Engagement;

/// <summary>
/// A citizen's answer to "Thông tin này có hữu ích không?", with an optional comment. Comments are
/// held as Pending until staff approve them; nothing identifies the sender.
/// </summary>
public sealed class Feedback : IPublicRecord
{
    /// <summary>A new comment waits for moderation; only a moderator's decision (or a removal) changes a page.</summary>
    bool IPublicRecord.IsPublicChange(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => entry.State != EntityState.Added;

    public const int MaxCommentLength = 1000;
    public const int MaxReplyLength = 2000;

    /// <summary>The text the public sees.</summary>
    public string? ShownComment => PublicComment ?? Comment;

    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public bool Helpful { get; set; }
    /// <summary>What the citizen wrote, kept as sent for the record; never shown publicly once a moderator edited it.</summary>
    public string? Comment { get; set; }
    /// <summary>The moderator's edited or redacted text, shown publicly instead of <see cref="Comment"/>; null when unedited.</summary>
    public string? PublicComment { get; set; }
    /// <summary>The ward's official answer, shown under the comment on the public page.</summary>
    public string? Reply { get; set; }
    public string? RepliedById { get; set; }
    public string? RepliedByName { get; set; }
    public DateTime? RepliedUtc { get; set; }
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
        e.Property(x => x.PublicComment).HasMaxLength(Feedback.MaxCommentLength);
        e.Property(x => x.Reply).HasMaxLength(Feedback.MaxReplyLength);
        e.Property(x => x.RepliedById).HasMaxLength(450);
        e.Property(x => x.RepliedByName).HasMaxLength(200);
        e.Ignore(x => x.ShownComment);
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
