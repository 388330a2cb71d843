using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Sites;

namespace WardCms.Core.Security;

/// <summary>
/// One signed-in session of a staff account: the browser it was opened in, from where, when, and when
/// it was last used. Its id is in the sign-in cookie ("sid"); a session that was ended is refused on its
/// next request, so a person can sign out one lost phone without signing out everywhere.
/// </summary>
public sealed class StaffSession
{
    public const string Claim = "sid";
    /// <summary>How often "last used" is written: at most once a minute a session.</summary>
    public static readonly TimeSpan SeenInterval = TimeSpan.FromMinutes(1);

    public required string Id { get; set; }
    public int SiteId { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public string UserAgent { get; set; } = "";
    public string Address { get; set; } = "";
    public DateTime? EndedUtc { get; set; }
}

public sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.EndedUtc });
        e.Property(x => x.UserAgent).HasMaxLength(300);
        e.Property(x => x.Address).HasMaxLength(64);
    }
}
