using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WardCms.Core.Radio;

/// <summary>
/// One line of the as-run log: this script went on air at this instant for this long.
/// A correction writes a new record and points the old one at it, so the log keeps its history.
/// </summary>
public sealed class AirRecord : Content.IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public int? BulletinId { get; set; }
    public DateTime AiredUtc { get; set; }
    public int DurationSeconds { get; set; }
    public string AnnouncerName { get; set; } = "";
    public string Note { get; set; } = "";
    public string? RecordedById { get; set; }
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedUtc { get; set; }
    public int? SupersededById { get; set; }
}

public sealed class AirRecordConfiguration : IEntityTypeConfiguration<AirRecord>
{
    public void Configure(EntityTypeBuilder<AirRecord> b)
    {
        b.ToTable("RadioAirRecords");
        b.Property(x => x.AnnouncerName).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
        b.HasIndex(x => new { x.SiteId, x.AiredUtc });
        b.HasIndex(x => x.ContentItemId);
        b.HasIndex(x => x.BulletinId);
    }
}
