using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Core.Content.Parts;

/// <summary>
/// The places of an item page where parts render, in page order. A part lists the zones it fills
/// (<see cref="ContentPartDefinition.DisplayZones"/>); within a zone parts follow the type's order.
/// </summary>
public static class ItemZone
{
    /// <summary>Above the title (the handbook's chapter).</summary>
    public const string Kicker = "Kicker";
    /// <summary>Under the title and the date line (review dates).</summary>
    public const string Header = "Header";
    /// <summary>Before the body (the summary, the cover image).</summary>
    public const string Lead = "Lead";
    public const string Body = "Body";
    /// <summary>After the body (topic tags, a register's fields).</summary>
    public const string Footer = "Footer";
    /// <summary>After the print and share buttons (previous and next entry).</summary>
    public const string Navigation = "Navigation";
    /// <summary>After the feedback form (related items).</summary>
    public const string Aside = "Aside";

    public static readonly IReadOnlyList<string> All = [Kicker, Header, Lead, Body, Footer, Navigation, Aside];
}

/// <summary>The places of a section or topic page where parts render.</summary>
public static class SectionZone
{
    /// <summary>Under the heading (topic links).</summary>
    public const string Nav = "Nav";
    /// <summary>Instead of the default list of cards (the handbook's table of contents).</summary>
    public const string Main = "Main";
    /// <summary>After the list, on the first page of a section (a block per topic).</summary>
    public const string End = "End";
}

/// <summary>What the item page knows of the item, for the parts' display views.</summary>
public sealed record ItemPageData(Site Site, PublishedPage Page, string BodyHtml, int ReadingMinutes, string SectionPath, string SectionTitle);

/// <summary>What a part's display view (<see cref="ContentPartDefinition.DisplayView"/>) is given, once per zone it fills.</summary>
public sealed record PartDisplayModel(ContentPartDefinition Part, ContentTypePart TypePart, object Data, object? Loaded, string Zone, ItemPageData Item)
{
    public T DataAs<T>() where T : class, new() => Data as T ?? new T();

    /// <summary>What the part's <see cref="ContentPartDefinition.LoadDisplayAsync"/> loaded for this item (kept by the read model).</summary>
    public T? LoadedAs<T>() where T : class => Loaded as T;
}

/// <summary>What a part may look at to load its part of an item page.</summary>
public sealed record PartDisplayContext(Site Site, ContentTypeDefinition Type, ContentTypePart TypePart, PublishedPage Page, object Data, WardDbContext Db, IServiceProvider Services);

/// <summary>What the section or topic page knows, for the parts' section views.</summary>
public sealed record SectionPageData(Site Site, ContentTypeDefinition Type, string SectionPath, string SectionTitle, Term? Topic, int Page);

/// <summary>What a part's section view (<see cref="ContentPartDefinition.SectionView"/>) is given, once per zone it fills.</summary>
public sealed record PartSectionModel(ContentPartDefinition Part, ContentTypePart TypePart, object? Loaded, string Zone, SectionPageData Section)
{
    public T? LoadedAs<T>() where T : class => Loaded as T;
}

/// <summary>What a part may look at to load its part of a section or topic page.</summary>
public sealed record PartSectionContext(Site Site, ContentTypeDefinition Type, ContentTypePart TypePart, Term? Topic, int Page, WardDbContext Db, IServiceProvider Services);

/// <summary>
/// What a part adds to an item's card in lists: an image, short facts ("Số ký hiệu: 12/2025/QĐ-UBND").
/// The theme renders every card of a list in one partial (a partial per card cost a fifth of an
/// article page, docs/performance.md), so a part gives data for the card rather than a view.
/// </summary>
public sealed record PartCard(CoverImage? Image, IReadOnlyList<CardFact> Facts);

public sealed record CardFact(string Label, string Value);

/// <summary>An image a part offers for link previews (og:image): the 1200×630 crop when the library made one.</summary>
public interface IShareImage
{
    string ShareUrl { get; }
    string ShareAlt { get; }
    bool IsOpenGraphCrop { get; }
}

/// <summary>Loaded display data that knows roughly how much memory it holds (the read model's budget).</summary>
public interface IApproximateSize
{
    long ApproximateBytes { get; }
}
