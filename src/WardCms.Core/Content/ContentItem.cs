namespace WardCms.Core.Content;

/// <summary>
/// The identity of a piece of content. Its text lives in versions: at most one published version
/// and one latest version (which is the draft when it differs from the published one).
/// </summary>
public sealed class ContentItem : IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string ContentType { get; set; }
    public int? UnitId { get; set; }
    public string? OwnerId { get; set; }
    public string Status { get; set; } = ContentStatus.Draft;

    public int? LatestVersionId { get; set; }
    public int? PublishedVersionId { get; set; }
    /// <summary>
    /// The last version a leader approved (or a publisher published). An approval is of a version:
    /// publishing, the scheduler and the radio desk read this one, never a newer unreviewed text.
    /// </summary>
    public int? ApprovedVersionId { get; set; }

    /// <summary>Denormalised from the latest version for lists and filters.</summary>
    public string Title { get; set; } = "";
    /// <summary>Folded (no diacritics, đ→d, lower case) title and summary for the admin text filter.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>The slug the latest version reserves.</summary>
    public string? Slug { get; set; }
    /// <summary>The slug the public page answers at.</summary>
    public string? PublishedSlug { get; set; }

    public DateTime CreatedUtc { get; set; }
    public string? CreatedById { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedById { get; set; }
    /// <summary>When the current published version went live.</summary>
    public DateTime? PublishedUtc { get; set; }
    /// <summary>When the item first went live: the date citizens see.</summary>
    public DateTime? FirstPublishedUtc { get; set; }
    public DateTime? ScheduledPublishUtc { get; set; }

    public bool IsDeleted { get; set; }
    public DateTime? DeletedUtc { get; set; }
    public string? DeletedById { get; set; }

    /// <summary>Optimistic concurrency: changes on every save.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<ContentVersion> Versions { get; set; } = [];

    /// <summary>
    /// What public pages (and the search index) read of the item itself: which version is live, its
    /// address and dates, whether it is deleted, and the type and site it is listed under. The latest
    /// title, its folded search text, the draft's slug and unit, the workflow status and the approval
    /// belong to the admin.
    /// </summary>
    public static readonly IReadOnlySet<string> PublicProperties = new HashSet<string>(
    [
        nameof(PublishedVersionId), nameof(PublishedSlug), nameof(PublishedUtc), nameof(FirstPublishedUtc),
        nameof(IsDeleted), nameof(ContentType), nameof(SiteId),
    ]);

    /// <summary>
    /// Public only while it is (or was, before this change) published: saving, submitting, approving or
    /// scheduling a draft changes nothing a citizen sees, and publishing, unpublishing, moving or
    /// deleting a live item does.
    /// </summary>
    bool IPublicRecord.IsPublicChange(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
        => PublicRecords.IsOrWas(entry, nameof(PublishedVersionId), v => v is not null)
            && (entry.State != Microsoft.EntityFrameworkCore.EntityState.Modified
                || entry.Properties.Any(p => p.IsModified && PublicProperties.Contains(p.Metadata.Name)));
}

public static class ContentStatus
{
    public const string Draft = "Draft";
    public const string Submitted = "Submitted";
    public const string Forwarded = "Forwarded";
    public const string Approved = "Approved";
    public const string Scheduled = "Scheduled";
    public const string Published = "Published";
    // Still public: a take-down waits for the leader like a publication does (Decree 42 practice).
    public const string TakedownRequested = "TakedownRequested";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Forwarded, Approved, Scheduled, Published, TakedownRequested];

    public static string DisplayName(string status) => status switch
    {
        Draft => "Nháp",
        Submitted => "Chờ trưởng phòng duyệt",
        Forwarded => "Chờ lãnh đạo duyệt",
        Approved => "Đã duyệt",
        Scheduled => "Đã hẹn giờ xuất bản",
        Published => "Đã xuất bản",
        TakedownRequested => "Chờ duyệt gỡ bài",
        _ => status,
    };
}
