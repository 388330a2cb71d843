using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace WardCms.Core.Content;

/// <summary>
/// Declares that an entity's rows are read by public pages (an item's published text, a unit's name,
/// a site's header, a moderated comment), so saving one retires its site's public caches
/// (<see cref="PublicContentChangeInterceptor"/>). Each entity says so itself; nothing is inferred from
/// where its class lives, and an entity that does not implement it (an autosave, a settings history
/// row, a page-view count, plan data) never retires a cached page. <c>PublicRecordTests</c> lists
/// every entity of the model on one side or the other, so a new one must be placed.
/// </summary>
public interface IPublicRecord
{
    /// <summary>
    /// Whether this change (the entry is Added, Modified or Deleted) alters what a public page shows.
    /// Every change does unless the entity knows better: an item's draft is not public until published.
    /// </summary>
    bool IsPublicChange(EntityEntry entry) => true;
}

/// <summary>What the entities that are public only in some states share.</summary>
public static class PublicRecords
{
    /// <summary>
    /// Whether the row is public after this change or was before it, by <paramref name="property"/>'s
    /// value: an added row by its new value, a removed one by its old, a changed one by either.
    /// </summary>
    public static bool IsOrWas(EntityEntry entry, string property, Func<object?, bool> isPublic)
    {
        var value = entry.Property(property);
        return (entry.State != EntityState.Deleted && isPublic(value.CurrentValue))
            || (entry.State != EntityState.Added && isPublic(value.OriginalValue));
    }
}
