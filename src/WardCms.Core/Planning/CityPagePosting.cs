using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Core.Planning;

/// <summary>An item sent to / posted on the City CCHC page (task 4 counts these), recorded by hand with its link.</summary>
public sealed class CityPagePosting
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public DateOnly PostedOn { get; set; }
    public string Url { get; set; } = "";
    public string? RecordedById { get; set; }
    public DateTime RecordedUtc { get; set; }
}

public sealed class CityPagePostingConfiguration : IEntityTypeConfiguration<CityPagePosting>
{
    public void Configure(EntityTypeBuilder<CityPagePosting> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId);
        e.HasIndex(x => new { x.SiteId, x.PostedOn });
        e.Property(x => x.Url).HasMaxLength(1000);
    }
}
