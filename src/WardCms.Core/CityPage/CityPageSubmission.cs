using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Sites;

namespace WardCms.Core.CityPage;

/// <summary>
/// An article a unit sent to the City CCHC page of the same deployment. It carries a copy of the text
/// as the unit's leader approved it, so the city page never reads the unit's own records; it belongs
/// to the city page (<see cref="SiteId"/>) and to the sender (<see cref="FromSiteId"/>), and only
/// those two see it (WardDbContext's filter).
/// </summary>
public sealed class CityPageSubmission
{
    public int Id { get; set; }
    /// <summary>The City CCHC page site that receives it.</summary>
    public int SiteId { get; set; }
    public int FromSiteId { get; set; }
    public int FromItemId { get; set; }
    public int FromVersionId { get; set; }
    /// <summary>The sender's name as the credit line writes it: "Trang thông tin điện tử phường Hai Bà Trưng".</summary>
    public string FromSiteName { get; set; } = "";
    public string FromUnitName { get; set; } = "";
    /// <summary>The article's public address on the sender's portal, or the portal's home page while it is not published there.</summary>
    public string SourceUrl { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The sender's topic names, joined by "; " (the city filters by them).</summary>
    public string Topics { get; set; } = "";
    public string? SentById { get; set; }
    public string SentByName { get; set; } = "";
    public DateTime SentUtc { get; set; }
    public string Status { get; set; } = CitySubmissionStatus.Waiting;
    public string? DecidedById { get; set; }
    public string DecidedByName { get; set; } = "";
    public DateTime? DecidedUtc { get; set; }
    /// <summary>Why it was returned (required then), or the city editor's note on accepting.</summary>
    public string Comment { get; set; } = "";
    /// <summary>The item published on the city page when accepted, and its public address.</summary>
    public int? CityItemId { get; set; }
    public string CityUrl { get; set; } = "";
    public DateOnly? PostedOn { get; set; }
}

public static class CitySubmissionStatus
{
    public const string Waiting = "waiting";
    public const string Accepted = "accepted";
    public const string Returned = "returned";

    public static string Vietnamese(string status) => status switch
    {
        Waiting => "Chờ Thành phố xem",
        Accepted => "Đã nhận đăng",
        Returned => "Bị trả lại",
        _ => status,
    };
}

public sealed class CityPageSubmissionConfiguration : IEntityTypeConfiguration<CityPageSubmission>
{
    public const int TitleLength = 500, SummaryLength = 2000, CommentLength = 2000;

    public void Configure(EntityTypeBuilder<CityPageSubmission> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.FromSiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SiteId, x.Status, x.SentUtc });
        // One open sending of an item at a time (waiting or accepted): a double-click sends once.
        e.HasIndex(x => new { x.FromSiteId, x.FromItemId }).IsUnique().HasFilter("\"Status\" <> 'returned'");
        // Two decisions at once: the second one's save finds the state changed and is refused.
        e.Property(x => x.Status).IsConcurrencyToken();
        e.Property(x => x.FromSiteName).HasMaxLength(200);
        e.Property(x => x.FromUnitName).HasMaxLength(200);
        e.Property(x => x.SourceUrl).HasMaxLength(1000);
        e.Property(x => x.CityUrl).HasMaxLength(1000);
        e.Property(x => x.Title).HasMaxLength(TitleLength);
        e.Property(x => x.Summary).HasMaxLength(SummaryLength);
        e.Property(x => x.Topics).HasMaxLength(1000);
        e.Property(x => x.SentByName).HasMaxLength(200);
        e.Property(x => x.DecidedByName).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Comment).HasMaxLength(CommentLength);
    }
}
