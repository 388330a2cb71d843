using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WardCms.Core.Radio;

/// <summary>One broadcast (bản tin / chương trình phát thanh): an ordered list of approved scripts.</summary>
public sealed class Bulletin : Content.IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly AirDateLocal { get; set; }
    public TimeOnly AirTime { get; set; }
    public int TargetSeconds { get; set; }
    public string OpeningLine { get; set; } = "";
    public string ClosingLine { get; set; } = "";
    public int? AnnouncerId { get; set; }
    public string Status { get; set; } = BulletinStatus.Draft;
    /// <summary>
    /// The file citizens hear once the bulletin has aired (a name under the data folder's radio-audio/), or null.
    /// Set only by an explicit act: uploading the recorded reading, or choosing to publish the synthetic one.
    /// </summary>
    public string? PublicAudioFile { get; set; }
    /// <summary>True when <see cref="PublicAudioFile"/> is machine speech (espeak-ng); the public page says so.</summary>
    public bool PublicAudioIsSynthetic { get; set; }
    /// <summary>Changes on every save of the details; the form carries it back, so two editors cannot overwrite each other unseen.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public DateTime CreatedUtc { get; set; }
    public string? CreatedById { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<BulletinItem> Items { get; set; } = [];
}

public sealed class BulletinItem : Content.IPublicRecord
{
    public int Id { get; set; }
    public int BulletinId { get; set; }
    public int ContentItemId { get; set; }
    public int Order { get; set; }
}

public static class BulletinStatus
{
    public const string Draft = "Draft";
    public const string Aired = "Aired";

    public static string DisplayName(string status) => status switch
    {
        Draft => "Đang soạn",
        Aired => "Đã phát",
        _ => status,
    };
}

public sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>
{
    public void Configure(EntityTypeBuilder<Bulletin> b)
    {
        b.ToTable("RadioBulletins");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.OpeningLine).HasMaxLength(2000);
        b.Property(x => x.ClosingLine).HasMaxLength(2000);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.PublicAudioFile).HasMaxLength(100);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(x => new { x.SiteId, x.AirDateLocal });
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.BulletinId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BulletinItemConfiguration : IEntityTypeConfiguration<BulletinItem>
{
    public void Configure(EntityTypeBuilder<BulletinItem> b)
    {
        b.ToTable("RadioBulletinItems");
        b.HasIndex(x => new { x.BulletinId, x.Order });
        b.HasIndex(x => x.ContentItemId);
    }
}
