namespace WardCms.Core.Content;

/// <summary>One saved state of an item. Never changed after it is written, except its published flags.</summary>
public sealed class ContentVersion : IPublicRecord
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public ContentItem? ContentItem { get; set; }
    /// <summary>1, 2, 3… per item.</summary>
    public int Number { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";

    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public int? UnitId { get; set; }
    public string? Slug { get; set; }
    /// <summary>Data of the other parts, keyed by part name.</summary>
    public string PartsJson { get; set; } = "{}";

    /// <summary>"Restored from version 3", "Published", …</summary>
    public string Note { get; set; } = "";
    public bool WasPublished { get; set; }
    public DateTime? PublishedUtc { get; set; }

    /// <summary>A draft's text is the admin's until it is published; a version that is or was live is the public's.</summary>
    bool IPublicRecord.IsPublicChange(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        PublicRecords.IsOrWas(entry, nameof(WasPublished), v => v is true);
}
