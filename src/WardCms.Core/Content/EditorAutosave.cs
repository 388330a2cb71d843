using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Core.Content;

/// <summary>
/// What an editor had typed in the open editor form, kept by the server every few seconds of change
/// and when the page is left: one per person and item (or per person and type for a new item). It is
/// not a version: nobody else sees it, it never counts or publishes; it is offered back when that
/// person opens the editor again (after a crash, a closed tab or an expired session) and removed when
/// they save or discard it.
/// </summary>
public sealed class EditorAutosave
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string UserId { get; set; }
    /// <summary>The item being edited; null on the "new item" form of <see cref="ContentType"/>.</summary>
    public int? ContentItemId { get; set; }
    public required string ContentType { get; set; }
    /// <summary>The version the form started from (null for a new item).</summary>
    public int? BaseVersionId { get; set; }
    /// <summary>The form's fields as posted: a JSON object of name → values.</summary>
    public string FormJson { get; set; } = "{}";
    public DateTime SavedUtc { get; set; }

    /// <summary>The fields an autosave keeps: everything the editor form posts except the token and the workflow's own fields.</summary>
    public static bool Keeps(string field) =>
        field is not ("__RequestVerificationToken" or "BaseVersionId" or "SaveOverVersionId");

    public static string Serialize(IEnumerable<KeyValuePair<string, string[]>> fields) =>
        JsonSerializer.Serialize(fields.Where(f => Keeps(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));

    public Dictionary<string, string[]> Fields() =>
        JsonSerializer.Deserialize<Dictionary<string, string[]>>(FormJson) ?? [];
}

public sealed class EditorAutosaveConfiguration : IEntityTypeConfiguration<EditorAutosave>
{
    /// <summary>A whole form can hold the longest body (CommonPart.MaxBody) and every part's fields; more is not a form.</summary>
    public const int MaxFormChars = 1_000_000;

    public void Configure(EntityTypeBuilder<EditorAutosave> e)
    {
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId);
        e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.ContentItemId, x.ContentType }).IsUnique();
        // Both databases count NULLs as distinct in a unique index: the new-item forms get their own.
        e.HasIndex(x => new { x.UserId, x.ContentType }).IsUnique().HasFilter("\"ContentItemId\" IS NULL");
        e.Property(x => x.ContentType).HasMaxLength(64);
    }
}

/// <summary>Keeps, finds and removes a person's autosave of one editor form.</summary>
public sealed class EditorAutosaves(WardDbContext db, TimeProvider clock)
{
    public Task<EditorAutosave?> FindAsync(string userId, int? itemId, string contentType, CancellationToken ct = default) =>
        db.Set<EditorAutosave>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.UserId == userId && a.ContentItemId == itemId && a.ContentType == contentType, ct);

    /// <returns>When it was kept, or null when the form is too large to be one (it is not kept).</returns>
    public async Task<DateTime?> KeepAsync(int siteId, string userId, int? itemId, string contentType, int? baseVersionId,
        IEnumerable<KeyValuePair<string, string[]>> fields, CancellationToken ct = default)
    {
        var json = EditorAutosave.Serialize(fields);
        if (json.Length > EditorAutosaveConfiguration.MaxFormChars)
            return null;
        var row = await db.Set<EditorAutosave>()
            .FirstOrDefaultAsync(a => a.UserId == userId && a.ContentItemId == itemId && a.ContentType == contentType, ct);
        if (row is null)
        {
            row = new EditorAutosave { SiteId = siteId, UserId = userId, ContentItemId = itemId, ContentType = contentType };
            db.Add(row);
        }
        row.BaseVersionId = baseVersionId;
        row.FormJson = json;
        row.SavedUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // Two tabs kept the first autosave at once and the other one's row is there now: this text goes over it.
            db.Entry(row).State = EntityState.Detached;
            var other = await db.Set<EditorAutosave>()
                .FirstAsync(a => a.UserId == userId && a.ContentItemId == itemId && a.ContentType == contentType, ct);
            (other.BaseVersionId, other.FormJson, other.SavedUtc) = (baseVersionId, json, row.SavedUtc);
            await db.SaveChangesAsync(ct);
        }
        return row.SavedUtc;
    }

    public Task DiscardAsync(string userId, int? itemId, string contentType, CancellationToken ct = default) =>
        db.Set<EditorAutosave>().Where(a => a.UserId == userId && a.ContentItemId == itemId && a.ContentType == contentType).ExecuteDeleteAsync(ct);
}
