namespace WardCms.Core.Search;

/// <summary>
/// What the index knows about one published content item. Body is plain text (the caller strips
/// Markdown); PublishedAt is UTC. The index normalises every string to NFC itself. Fields is what
/// the item's parts say is findable (<c>ContentPartDefinition.SearchText</c>), weighted below the body;
/// FilterValues what they say a search can filter the type's items by (<c>ContentPartDefinition.FilterValues</c>).
/// </summary>
public sealed record SearchDocument(
    int SiteId,
    long Id,
    string Title,
    string? Summary,
    string? Body,
    string ContentType,
    string Url,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string>? TopicKeys = null,
    double Weight = 1.0,
    string? Fields = null,
    IReadOnlyList<(string Filter, string Value)>? FilterValues = null)
{
    private static readonly TimeZoneInfo Ict = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    /// <summary>The year the ward sees: an item published at 23:30 on 31 December (ICT) belongs to that year.</summary>
    public int? Year => PublishedAt is { } at ? TimeZoneInfo.ConvertTime(at, Ict).Year : null;
}
