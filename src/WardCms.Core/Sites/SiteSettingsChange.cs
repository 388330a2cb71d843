using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WardCms.Core.Sites;

/// <summary>
/// One change an administrator made to the site's own settings from the admin (its names, contact,
/// two-step requirement…): who, when, and each field's old and new value in words.
/// </summary>
public sealed class SiteSettingsChange
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTime AtUtc { get; set; }
    /// <summary>"Thông tin trang": the screen the change was made on.</summary>
    public string Area { get; set; } = "";
    /// <summary>One line per changed field: "Tên trang: “A” → “B”".</summary>
    public string Summary { get; set; } = "";
}

public sealed class SiteSettingsChangeConfiguration : IEntityTypeConfiguration<SiteSettingsChange>
{
    public void Configure(EntityTypeBuilder<SiteSettingsChange> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasIndex(x => new { x.SiteId, x.AtUtc });
        e.Property(x => x.UserName).HasMaxLength(200);
        e.Property(x => x.Area).HasMaxLength(100);
        e.Property(x => x.Summary).HasMaxLength(8000);
    }
}

/// <summary>
/// The limits of a site's own settings, one place for the recipe's site step and the admin's
/// "Thông tin trang" screen, so both refuse the same values with the same words.
/// </summary>
public static class SiteLimits
{
    public const int NameLength = 200, IssuingLength = 200, PlaceLength = 200, TaglineLength = 500, ContactLength = 4000;
    public const int LevelLength = 100, RadioNameLength = 200, RecipientLineLength = 300, MaxRecipientLines = 15, DocumentCodeLength = 20;
    public const int MinReadingRate = 60, MaxReadingRate = 600, MinReviewMonths = 1, MaxReviewMonths = 60;
}
