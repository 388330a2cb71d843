namespace WardCms.Core.Content;

/// <summary>An entry of the public menu: a section of a content type or a fixed page.</summary>
public sealed record MenuEntry(string Label, string Path, bool IsSection);

/// <summary>The public menu of a site, from its data: its sections in type order (see <see cref="PublicMenu"/>).</summary>
public interface IPublicMenu
{
    Task<IReadOnlyList<MenuEntry>> EntriesAsync(int siteId, CancellationToken ct = default);
}

public static class PublicMenu
{
    public static readonly MenuEntry Home = new("Trang chủ", "/", false);
    public static readonly MenuEntry Search = new("Tìm kiếm", "/tim-kiem", false);

    /// <summary>
    /// Home, then for each public type in order its section (unless the type says <c>inMenu: false</c>)
    /// and, where a type's items are aired, the fixed page of what aired; then search. A section a
    /// fixed page owns (data from before the recipe validator refused it) is left out rather than
    /// shown as a link that opens something else.
    /// </summary>
    public static IReadOnlyList<MenuEntry> Build(IEnumerable<ContentTypeDefinition> types, Func<ContentTypeDefinition, MenuEntry?> fixedPageOf)
    {
        var entries = new List<MenuEntry> { Home };
        foreach (var type in types.OrderBy(t => t.Order).ThenBy(t => t.Id))
        {
            if (type.Settings is { InMenu: true, SlugPattern: not null, EffectiveSectionPath: { Length: > 1 } path }
                && ReservedPaths.CollisionOf(path) is null && entries.All(e => e.Path != path))
            {
                entries.Add(new MenuEntry(type.Settings.MenuTitle ?? type.Settings.SectionTitle ?? type.DisplayName, path, true));
            }
            if (fixedPageOf(type) is { } page && entries.All(e => e.Path != page.Path))
            {
                entries.Add(page);
            }
        }
        entries.Add(Search);
        return entries;
    }
}
