using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Content;
using WardCms.Core.Sites;

namespace WardCms.Core.Engagement;

/// <summary>
/// How many times an item's public page was read on one day (ICT). A count and nothing else: no
/// visitor, address or cookie is ever recorded (plan section IV.1.g asks for views, not for people).
/// </summary>
public sealed class PageViewDaily
{
    public int SiteId { get; set; }
    public int ContentItemId { get; set; }
    public DateOnly Day { get; set; }
    public int Views { get; set; }
}

public sealed class PageViewDailyConfiguration : IEntityTypeConfiguration<PageViewDaily>
{
    public const string Table = "PageViewDaily";

    public void Configure(EntityTypeBuilder<PageViewDaily> e)
    {
        e.ToTable(Table);
        e.HasKey(x => new { x.SiteId, x.ContentItemId, x.Day });
        e.HasIndex(x => new { x.SiteId, x.Day });
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId);
    }
}
