using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content.Markdown;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Language;

namespace WardCms.Core.Content;

/// <summary>
/// Every change to content goes through here: each save writes a new version, publishing moves
/// the published pointer, deleting moves to the trash. Nothing an editor saved is ever lost.
/// </summary>
public sealed class ContentManager(
    WardDbContext db,
    ContentPartRegistry parts,
    TimeProvider clock,
    IEnumerable<IContentEventHandler> handlers)
{
    public Task<ContentTypeDefinition?> FindTypeAsync(int siteId, string name, CancellationToken ct = default) =>
        db.ContentTypes.AsNoTracking().FirstOrDefaultAsync(t => t.SiteId == siteId && t.Name == name, ct);

    public async Task<ContentDraft> LoadLatestAsync(ContentItem item, ContentTypeDefinition type, CancellationToken ct = default)
    {
        var v = await db.ContentVersions.AsNoTracking().FirstAsync(x => x.Id == item.LatestVersionId, ct);
        return ContentDraft.FromVersion(v, type, parts);
    }

    public async Task<ContentSaveResult> CreateAsync(int siteId, ContentTypeDefinition type, ContentDraft draft, Actor actor, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(siteId, type, draft, null, ct);
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        var now = Now;
        var item = new ContentItem
        {
            SiteId = siteId,
            ContentType = type.Name,
            CreatedUtc = now,
            CreatedById = actor.UserId,
            OwnerId = actor.UserId,
        };
        db.ContentItems.Add(item);
        var version = NewVersion(item, 1, draft, type, actor, now, "Tạo mới");
        ApplyLatest(item, version, draft, actor, now);
        await using var tx = await BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        item.LatestVersionId = version.Id;
        await WriteLinksAsync(item, type, draft, published: false, ct);
        await db.SaveChangesAsync(ct);
        await CommitAsync(tx, ct);
        await RaiseAsync(item, ContentChangeKind.Saved, ct);
        return ContentSaveResult.Saved(item, version);
    }

    /// <summary>
    /// Saves a new version. <paramref name="baseVersionId"/> is the version the editor started from:
    /// when someone else saved in between, nothing is written and the conflict names them.
    /// </summary>
    public async Task<ContentSaveResult> SaveAsync(int itemId, ContentDraft draft, int baseVersionId, Actor actor, string note = "", CancellationToken ct = default)
    {
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct)
            ?? throw new ContentNotFoundException(itemId);
        var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == item.SiteId && t.Name == item.ContentType, ct);
        if (item.LatestVersionId != baseVersionId)
        {
            return ContentSaveResult.Conflicted(await ConflictAsync(item, ct));
        }
        var errors = await ValidateAsync(item.SiteId, type, draft, item.Id, ct);
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        var number = await db.ContentVersions.Where(v => v.ContentItemId == item.Id).MaxAsync(v => v.Number, ct) + 1;
        var now = Now;
        var version = NewVersion(item, number, draft, type, actor, now, note);
        ApplyLatest(item, version, draft, actor, now);
        item.ConcurrencyStamp = Guid.NewGuid();
        // New text is not what was reviewed: back to the start of the workflow, any schedule cancelled.
        var before = item.Status;
        var hadSchedule = item.ScheduledPublishUtc is not null;
        if (WorkflowRules.StatusAfterNewVersion(item.Status, item.PublishedVersionId is not null) is { } reset)
        {
            item.Status = reset;
            item.ScheduledPublishUtc = null;
        }
        await using var tx = await BeginAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: same answer as the version check.
            if (tx is null)
            {
                throw; // the caller's transaction: its owner rolls back
            }
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var fresh = await db.ContentItems.AsNoTracking().FirstAsync(i => i.Id == itemId, ct);
            return ContentSaveResult.Conflicted(await ConflictAsync(fresh, ct));
        }
        item.LatestVersionId = version.Id;
        await WriteLinksAsync(item, type, draft, published: false, ct);
        await db.SaveChangesAsync(ct);
        await CommitAsync(tx, ct);
        await RaiseAsync(item, ContentChangeKind.Saved, ct, before);
        return ContentSaveResult.Saved(item, version) with
        {
            ReturnedFrom = before != item.Status ? before : null,
            ScheduleCancelled = hadSchedule && item.ScheduledPublishUtc is null,
        };
    }

    /// <summary>
    /// Makes a version the public one: <paramref name="versionId"/> (the approved one) or else the latest.
    /// <paramref name="at"/> back-dates imports (recipes); default now.
    /// </summary>
    public async Task<ContentItem> PublishAsync(int itemId, Actor actor, CancellationToken ct = default, DateTime? at = null, int? versionId = null)
    {
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        if (item.IsDeleted)
        {
            throw new ContentRuleException("Mục này đang ở thùng rác; khôi phục trước khi xuất bản.");
        }
        var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == item.SiteId && t.Name == item.ContentType, ct);
        var publishId = versionId ?? item.LatestVersionId;
        var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.Id == publishId && v.ContentItemId == item.Id, ct)
            ?? throw new ContentRuleException("Không tìm thấy phiên bản cần xuất bản của mục này.");
        var now = at ?? Now;
        await using var tx = await BeginAsync(ct);
        version.WasPublished = true;
        version.PublishedUtc = now;
        item.PublishedVersionId = version.Id;
        item.ApprovedVersionId = version.Id; // whoever may publish it has approved this text
        item.PublishedSlug = version.Slug;
        item.PublishedUtc = now;
        item.FirstPublishedUtc ??= now;
        item.ScheduledPublishUtc = null;
        item.Status = ContentStatus.Published;
        item.UpdatedUtc = now;
        item.UpdatedById = actor.UserId;
        item.ConcurrencyStamp = Guid.NewGuid();
        await WriteLinksAsync(item, type, ContentDraft.FromVersion(version, type, parts), published: true, ct);
        await db.SaveChangesAsync(ct);
        await CommitAsync(tx, ct);
        await RaiseAsync(item, ContentChangeKind.Published, ct);
        return item;
    }

    /// <summary>Takes the item off the public site; its versions stay.</summary>
    public async Task<ContentItem> UnpublishAsync(int itemId, Actor actor, CancellationToken ct = default)
    {
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        await TakeDownAsync(item, actor, ct);
        await db.SaveChangesAsync(ct);
        await RaiseAsync(item, ContentChangeKind.Unpublished, ct);
        return item;
    }

    /// <summary>
    /// Moves an item to the trash: off the public site, out of review and any schedule, its approval
    /// withdrawn. Who may do it, and whether a reason is needed, is WorkflowRules.Trash's call.
    /// </summary>
    public async Task<ContentItem> TrashAsync(int itemId, Actor actor, CancellationToken ct = default, string reason = "")
    {
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        var wasPublished = item.PublishedVersionId is not null;
        var before = item.Status;
        await TakeDownAsync(item, actor, ct);
        item.Status = ContentStatus.Draft;
        item.ScheduledPublishUtc = null;
        item.ApprovedVersionId = null;
        item.ConcurrencyStamp = Guid.NewGuid();
        item.IsDeleted = true;
        item.DeletedUtc = Now;
        item.DeletedById = actor.UserId;
        await db.SaveChangesAsync(ct);
        if (wasPublished)
        {
            await RaiseAsync(item, ContentChangeKind.Unpublished, ct);
        }
        await RaiseAsync(item, ContentChangeKind.Trashed, ct, before, reason);
        return item;
    }

    public async Task<ContentItem> RestoreFromTrashAsync(int itemId, Actor actor, CancellationToken ct = default)
    {
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        // Back as a draft with no schedule, whatever it was before (items trashed before this rule too).
        var before = item.Status;
        item.Status = ContentStatus.Draft;
        item.ScheduledPublishUtc = null;
        item.ApprovedVersionId = null;
        item.IsDeleted = false;
        item.DeletedUtc = null;
        item.DeletedById = null;
        item.UpdatedUtc = Now;
        item.UpdatedById = actor.UserId;
        item.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await RaiseAsync(item, ContentChangeKind.Restored, ct, before);
        return item;
    }

    /// <summary>Copies an old version into a new latest version (a draft); history is never rewritten.</summary>
    public async Task<ContentSaveResult> RestoreVersionAsync(int itemId, int versionId, Actor actor, CancellationToken ct = default)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        var old = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId && v.ContentItemId == itemId, ct)
            ?? throw new ContentNotFoundException(itemId);
        var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == item.SiteId && t.Name == item.ContentType, ct);
        var draft = ContentDraft.FromVersion(old, type, parts);
        var context = await ContextAsync(item.SiteId, type, ct) with { ItemId = item.Id, Draft = draft };
        foreach (var (part, typePart) in parts.Of(type))
        {
            await part.PrepareRestoreAsync(part.DataIn(draft), context with { Settings = typePart.Settings }, ct);
        }
        return await SaveAsync(itemId, draft, item.LatestVersionId!.Value, actor, $"Khôi phục từ phiên bản {old.Number}", ct);
    }

    public async Task<IReadOnlyList<FieldChange>> DiffAsync(int itemId, int fromVersionId, int toVersionId, CancellationToken ct = default)
    {
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => v.ContentItemId == itemId && (v.Id == fromVersionId || v.Id == toVersionId)).ToListAsync(ct);
        var from = versions.FirstOrDefault(v => v.Id == fromVersionId) ?? throw new ContentNotFoundException(itemId);
        var to = versions.FirstOrDefault(v => v.Id == toVersionId) ?? throw new ContentNotFoundException(itemId);
        var item = await db.ContentItems.AsNoTracking().FirstAsync(i => i.Id == itemId, ct);
        var type = await db.ContentTypes.AsNoTracking().FirstAsync(t => t.SiteId == item.SiteId && t.Name == item.ContentType, ct);
        var context = await ContextAsync(item.SiteId, type, ct) with
        {
            UnitNames = await db.Units.Where(u => u.SiteId == item.SiteId).ToDictionaryAsync(u => u.Id, u => u.Name, ct),
        };
        return VersionDiff.Compare(Describe(from), Describe(to));

        IEnumerable<(string, string)> Describe(ContentVersion v)
        {
            var d = ContentDraft.FromVersion(v, type, parts);
            foreach (var (part, typePart) in parts.Of(type))
            {
                foreach (var pair in part.Describe(part.DataIn(d), context with { Settings = typePart.Settings }))
                {
                    yield return pair;
                }
            }
        }
    }

    /// <summary>
    /// Validates and normalises a draft in place, part by part in the type's order (the route part
    /// also makes the slug when none is given). What the draft holds for parts the type lacks is dropped.
    /// </summary>
    public async Task<IReadOnlyList<ContentError>> ValidateAsync(int siteId, ContentTypeDefinition type, ContentDraft draft, int? itemId, CancellationToken ct)
    {
        foreach (var part in parts.All.Where(p => !p.IsIn(type)))
        {
            part.ClearIn(draft);
        }
        var typeParts = parts.Of(type).ToList();
        // Every part is normalised before any validates: a part may read another's data (the slug is made from the title).
        foreach (var (part, _) in typeParts)
        {
            part.Normalize(part.DataIn(draft));
        }
        var errors = new List<ContentError>();
        var ctx = await ContextAsync(siteId, type, ct) with { ItemId = itemId, Draft = draft };
        foreach (var (part, typePart) in typeParts)
        {
            errors.AddRange(await part.ValidateAsync(part.DataIn(draft), ctx with { Settings = typePart.Settings }, ct));
        }
        return errors;
    }

    private async Task<PartContext> ContextAsync(int siteId, ContentTypeDefinition type, CancellationToken ct)
    {
        var terms = await db.Terms.Where(t => t.Taxonomy!.SiteId == siteId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var tasks = await db.PlanTasks.Where(t => t.Plan!.SiteId == siteId)
            .Select(t => new { t.Id, t.Number, t.ShortName, t.Text }).ToListAsync(ct);
        return new PartContext(siteId, type, null, db, terms,
            tasks.ToDictionary(t => t.Id, t => $"Nhiệm vụ {t.Number}: {(t.ShortName.Length > 0 ? t.ShortName : t.Text)}"));
    }

    private async Task<ContentConflict> ConflictAsync(ContentItem item, CancellationToken ct)
    {
        var latest = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == item.LatestVersionId, ct);
        return new ContentConflict(latest.Id, latest.Number, latest.CreatedByName, latest.CreatedUtc);
    }

    private async Task TakeDownAsync(ContentItem item, Actor actor, CancellationToken ct)
    {
        if (item.PublishedVersionId is null)
        {
            return;
        }
        item.PublishedVersionId = null;
        item.ApprovedVersionId = null; // taken down: what was approved no longer stands
        item.PublishedSlug = null;
        item.PublishedUtc = null;
        item.Status = ContentStatus.Draft;
        item.UpdatedUtc = Now;
        item.UpdatedById = actor.UserId;
        item.ConcurrencyStamp = Guid.NewGuid();
        foreach (var part in parts.All)
        {
            await part.WriteLinksAsync(new PartLinkContext(db, item.Id, Published: true), null, ct);
        }
    }

    private ContentVersion NewVersion(ContentItem item, int number, ContentDraft draft, ContentTypeDefinition type, Actor actor, DateTime now, string note)
    {
        var v = new ContentVersion
        {
            ContentItem = item,
            Number = number,
            CreatedUtc = now,
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            Title = draft.Common.Title,
            Summary = draft.Common.Summary,
            Body = draft.Common.Body,
            AuthorName = draft.Common.AuthorName,
            UnitId = draft.Common.UnitId,
            Slug = draft.Route.Slug,
            PartsJson = draft.SerializeParts(type, parts),
            Note = note,
        };
        db.ContentVersions.Add(v);
        return v;
    }

    private static void ApplyLatest(ContentItem item, ContentVersion version, ContentDraft draft, Actor actor, DateTime now)
    {
        item.Title = version.Title;
        item.Slug = version.Slug;
        item.UnitId = version.UnitId;
        item.SearchText = Vietnamese.Fold($"{version.Title} {version.Summary} {version.AuthorName}");
        item.UpdatedUtc = now;
        item.UpdatedById = actor.UserId;
    }

    /// <summary>Each part rewrites its link rows for the version; parts the type lacks remove theirs.</summary>
    private async Task WriteLinksAsync(ContentItem item, ContentTypeDefinition type, ContentDraft draft, bool published, CancellationToken ct)
    {
        var context = new PartLinkContext(db, item.Id, published);
        foreach (var part in parts.All)
        {
            await part.WriteLinksAsync(context, part.IsIn(type) ? part.DataIn(draft) : null, ct);
        }
    }

    private async Task RaiseAsync(ContentItem item, ContentChangeKind kind, CancellationToken ct, string? fromStatus = null, string comment = "")
    {
        var change = new ContentChange(item.SiteId, item.Id, item.ContentType, kind, fromStatus, comment);
        foreach (var h in handlers)
        {
            await h.OnChangedAsync(change, ct);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // A caller that runs several changes as one unit (a recipe) owns the transaction; EF cannot nest them.
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginAsync(CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    private static async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? tx, CancellationToken ct)
    {
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
    }
}

public sealed record ContentConflict(int LatestVersionId, int LatestNumber, string SavedBy, DateTime SavedUtc);

public sealed record ContentSaveResult(bool Succeeded, ContentItem? Item, ContentVersion? Version, IReadOnlyList<ContentError> Errors, ContentConflict? Conflict)
{
    /// <summary>The workflow state the item left because of the new text (it must be reviewed again), if any.</summary>
    public string? ReturnedFrom { get; init; }
    public bool ScheduleCancelled { get; init; }

    public static ContentSaveResult Saved(ContentItem item, ContentVersion version) => new(true, item, version, [], null);
    public static ContentSaveResult Invalid(IReadOnlyList<ContentError> errors) => new(false, null, null, errors, null);
    public static ContentSaveResult Conflicted(ContentConflict conflict) => new(false, null, null, [], conflict);
}

public enum ContentChangeKind
{
    Saved,
    Published,
    Unpublished,
    Trashed,
    Restored,
}

/// <summary>A change; <paramref name="FromStatus"/> is the workflow state before it when the change moved it, <paramref name="Comment"/> the reason given.</summary>
public sealed record ContentChange(int SiteId, int ItemId, string ContentType, ContentChangeKind Kind, string? FromStatus = null, string Comment = "");

/// <summary>Told of every change: the search index and the output cache listen.</summary>
public interface IContentEventHandler
{
    Task OnChangedAsync(ContentChange change, CancellationToken ct);
}

public sealed class ContentNotFoundException(int id) : Exception($"Content item {id} was not found.");

/// <summary>A rule refused the action; the message is for the user (Vietnamese).</summary>
public sealed class ContentRuleException(string message) : Exception(message);
