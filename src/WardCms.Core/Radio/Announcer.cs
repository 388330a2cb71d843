using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WardCms.Core.Radio;

/// <summary>A reader of the ward radio with their own pace, used for read-time estimates and speech drafts.</summary>
public sealed class Announcer : Content.IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Name { get; set; } = "";
    public int SyllablesPerMinute { get; set; } = ReadTimeEstimator.DefaultSyllablesPerMinute;
    // The staff account that reads as this announcer; at most one announcer per account.
    public string? UserId { get; set; }

    // Deactivated rather than deleted: as-run records and old bulletins still name them.
    public bool IsActive { get; set; } = true;
}

/// <summary>A ward's own abbreviation, merged over ReadingTextNormalizer.DefaultAbbreviations.</summary>
public sealed class RadioAbbreviation : Content.IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Abbreviation { get; set; } = "";
    public string Expansion { get; set; } = "";
}

public sealed class AnnouncerConfiguration : IEntityTypeConfiguration<Announcer>
{
    public void Configure(EntityTypeBuilder<Announcer> b)
    {
        b.ToTable("RadioAnnouncers");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.SiteId, x.Name });
        // NULLs never collide in SQLite or PostgreSQL unique indexes, so unlinked announcers are fine.
        b.HasIndex(x => new { x.SiteId, x.UserId }).IsUnique();
    }
}

public sealed class RadioAbbreviationConfiguration : IEntityTypeConfiguration<RadioAbbreviation>
{
    public void Configure(EntityTypeBuilder<RadioAbbreviation> b)
    {
        b.ToTable("RadioAbbreviations");
        b.Property(x => x.Abbreviation).HasMaxLength(40);
        b.Property(x => x.Expansion).HasMaxLength(300);
        b.HasIndex(x => new { x.SiteId, x.Abbreviation }).IsUnique();
    }
}
