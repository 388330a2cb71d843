using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Sites;

namespace WardCms.Core.Notifications;

/// <summary>
/// Something one staff member is told: a draft waiting for their review, their article sent back
/// with the reviewer's comment, approved, published (by hand or on schedule) or not published on
/// schedule, a citizen's comment waiting for moderation. Shown under the bell in the admin; also
/// e-mailed when the site has SMTP, the person has an address and has not turned that kind off.
/// </summary>
public sealed class Notification
{
    public const int TitleLength = 300;
    public const int TextLength = 2000;
    public const int LinkLength = 500;

    public long Id { get; set; }
    public int SiteId { get; set; }
    public required string UserId { get; set; }
    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>What happened in a sentence or two, with the reviewer's comment when there is one.</summary>
    public string Text { get; set; } = "";
    /// <summary>Where to act, a path in the admin ("/admin/content/edit/12").</summary>
    public string Link { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
    /// <summary>One of <see cref="NotificationMail"/>.</summary>
    public string Mail { get; set; } = NotificationMail.None;
    public int MailAttempts { get; set; }
    public DateTime? MailedUtc { get; set; }
}

/// <summary>Where a notification's e-mail stands.</summary>
public static class NotificationMail
{
    /// <summary>No e-mail: no SMTP, no address, or the person turned the kind off.</summary>
    public const string None = "none";
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Given up after <see cref="MaxAttempts"/> tries; the notification is still under the bell.</summary>
    public const string Failed = "failed";
    public const int MaxAttempts = 5;
}

/// <summary>The kinds of notification; each person chooses which come by e-mail.</summary>
public static class NotificationKinds
{
    public const string Review = "review";
    public const string SentBack = "sentBack";
    public const string Approved = "approved";
    public const string Published = "published";
    public const string PublishFailed = "publishFailed";
    public const string Feedback = "feedback";
    public const string CityPage = "cityPage";
    public const string HandbookOverdue = "handbookOverdue";
    public const string WeeklyDigest = "weeklyDigest";

    public static readonly IReadOnlyList<(string Kind, string Name)> All =
    [
        (Review, "Mục chờ tôi duyệt"),
        (SentBack, "Bài của tôi bị trả lại"),
        (Approved, "Bài của tôi được duyệt"),
        (Published, "Bài của tôi được xuất bản"),
        (PublishFailed, "Xuất bản theo lịch hẹn không thành công"),
        (Feedback, "Ý kiến người dân chờ kiểm duyệt"),
        (CityPage, "Trang CCHC Thành phố nhận đăng hoặc trả lại bài"),
        (HandbookOverdue, "Mục cẩm nang quá hạn rà soát"),
        (WeeklyDigest, "Tóm tắt hằng tuần: chỉ tiêu còn thiếu, có nguy cơ"),
    ];

    public static bool IsKnown(string kind) => All.Any(k => k.Kind == kind);
}

/// <summary>A kind of notification a person does not want by e-mail (the bell still shows it).</summary>
public sealed class NotificationMailOptOut
{
    public required string UserId { get; set; }
    public required string Kind { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<Security.StaffUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.ReadUtc });
        e.HasIndex(x => new { x.UserId, x.CreatedUtc });
        e.HasIndex(x => x.Mail).HasFilter("\"Mail\" = 'pending'");
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(Notification.TitleLength);
        e.Property(x => x.Text).HasMaxLength(Notification.TextLength);
        e.Property(x => x.Link).HasMaxLength(Notification.LinkLength);
        e.Property(x => x.Mail).HasMaxLength(16);
    }
}

public sealed class NotificationMailOptOutConfiguration : IEntityTypeConfiguration<NotificationMailOptOut>
{
    public void Configure(EntityTypeBuilder<NotificationMailOptOut> e)
    {
        e.HasKey(x => new { x.UserId, x.Kind });
        e.HasOne<Security.StaffUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Kind).HasMaxLength(32);
    }
}
