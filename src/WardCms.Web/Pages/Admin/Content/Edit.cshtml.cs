using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Editorial;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>
/// Edits the latest version. The form carries the version it started from; when someone saved in
/// between, nothing is written, the person keeps their text and chooses to compare or save over.
/// </summary>
public sealed class EditModel(SiteContext sites, WardDbContext db, ContentPartRegistry registry, ContentManager manager, EditorialService editorial, EditorAutosaves autosaves)
    : ContentEditorPageModel(db, registry)
{
    public ContentItem Item { get; private set; } = null!;
    public int BaseVersionId { get; private set; }
    public VersionInfo Latest { get; private set; } = null!;
    public VersionInfo? Published { get; private set; }

    /// <summary>Why a publish or take-down from this page was refused, shown above the form.</summary>
    public string? WorkflowError { get; private set; }
    public int VersionCount { get; private set; }
    public ContentConflict? Conflict { get; private set; }
    public string? PublicUrl => Item.PublishedVersionId is null ? null : Type.Settings.UrlFor(Item.PublishedSlug);

    /// <summary>Whether this user may trash the item and must give a reason (WorkflowRules.Trash).</summary>
    public TrashRule Trash { get; private set; } = new(false, false, null);

    /// <summary>Saving new text now sends the item back to the start of review (and cancels its schedule).</summary>
    public bool SaveResetsReview => WorkflowRules.StatusAfterNewVersion(Item.Status, Item.PublishedVersionId is not null) is not null;

    public override bool IsNew => false;

    public override string FormUrl => $"/admin/content/edit/{Item.Id}";

    public override bool CanSave => !Item.IsDeleted;

    /// <param name="restore">"?tu-dong=1": show this person's autosave in the form instead of the latest version.</param>
    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "tu-dong")] string? restore, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        await LoadChoicesAsync(Item.UnitId, ct);
        Autosave = await autosaves.FindAsync(Me.Id!, Item.Id, Type.Name, ct);
        if (restore == "1" && Autosave is { } kept && !Item.IsDeleted)
        {
            // The text as it was typed, on the version it was typed over: saving it over a newer
            // version is the usual conflict, which names who saved in between.
            var baseVersion = await Db.ContentVersions.AsNoTracking()
                .FirstOrDefaultAsync(v => v.Id == (kept.BaseVersionId ?? Item.LatestVersionId) && v.ContentItemId == id, ct);
            if (baseVersion is not null)
            {
                Draft = ContentDraft.FromVersion(baseVersion, Type, Registry);
                await BindDraftAsync(Draft, FormOf(kept));
                ModelState.Clear();
                BaseVersionId = baseVersion.Id;
                ShowsAutosave = true;
                return Page();
            }
        }
        // Offered whatever was saved since: this person's own save removes it, another person's does not
        // make it less theirs (restoring it over a newer version is the usual conflict).
        Draft = await manager.LoadLatestAsync(Item, Type, ct);
        BaseVersionId = Item.LatestVersionId!.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAutosaveAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            // Not this person's to edit (any more): nothing is kept, and the script says why.
            return new JsonResult(new { message = "Không lưu tự động được: bạn không còn quyền sửa mục này." }) { StatusCode = refused is NotFoundResult ? 404 : 403 };
        }
        if (Item.IsDeleted)
        {
            return new JsonResult(new { message = "Mục này đang ở thùng rác; không lưu tự động." }) { StatusCode = StatusCodes.Status409Conflict };
        }
        int? baseId = int.TryParse(Request.Form["BaseVersionId"], out var b) ? b : null;
        if (baseId is { } typedOver && await Db.ContentVersions.AnyAsync(v => v.ContentItemId == id && v.Id > typedOver && v.CreatedById == Me.Id, ct))
        {
            // Late: this person has saved a newer version since this text was typed (it arrived after the save).
            return new JsonResult(new { message = "", stale = true }) { StatusCode = StatusCodes.Status409Conflict };
        }
        return await KeepAutosaveAsync(autosaves, Item.Id, baseId, ct);
    }

    public async Task<IActionResult> OnPostDiscardAutosaveAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        await autosaves.DiscardAsync(Me.Id!, Item.Id, Type.Name, ct);
        TempData["Message"] = "Đã bỏ bản lưu tự động.";
        return Redirect($"/admin/content/edit/{id}");
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        await LoadChoicesAsync(Item.UnitId, ct);
        if (!int.TryParse(Request.Form["BaseVersionId"], out var baseId))
        {
            return BadRequest();
        }
        // "Keep my text and save over": the person chose, knowingly, the newer version as their base.
        var saveOver = int.TryParse(Request.Form["SaveOverVersionId"], out var overId);
        var startFrom = saveOver ? overId : baseId;
        var baseVersion = await Db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == startFrom && v.ContentItemId == id, ct);
        if (baseVersion is null)
        {
            return BadRequest();
        }
        BaseVersionId = baseId;
        Draft = ContentDraft.FromVersion(baseVersion, Type, Registry);
        await BindDraftAsync(Draft);
        CheckUnit(Item.UnitId);
        var typedSlug = Draft.Route.Slug;
        if (Item.IsDeleted)
        {
            ModelState.AddModelError("", "Mục này đang ở thùng rác; hãy khôi phục trước khi sửa.");
            CollectErrors();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            AddErrors(await manager.ValidateAsync(Site.Id, Type, Draft, Item.Id, ct));
            return Rejected(typedSlug);
        }
        var result = await manager.SaveAsync(Item.Id, Draft, startFrom, Me.Actor, Note, ct);
        if (result.Conflict is { } conflict)
        {
            Conflict = conflict;
            Draft.Route.Slug = typedSlug;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Rejected(typedSlug);
        }
        var message = Item.PublishedVersionId is null
            ? $"Đã lưu phiên bản {result.Version!.Number}."
            : $"Đã lưu phiên bản {result.Version!.Number} dưới dạng bản nháp. Trang công khai vẫn hiện phiên bản đang xuất bản cho tới khi bản sửa được duyệt và xuất bản.";
        TempData["Message"] = message + ReviewResetNote(result);
        // What was kept while typing is now a version.
        await autosaves.DiscardAsync(Me.Id!, Item.Id, Type.Name, ct);
        return Redirect($"/admin/content/edit/{Item.Id}");
    }

    // "Xuất bản" and "Gỡ khỏi trang" are workflow moves like any other: WorkflowRules decides who may
    // make them for this type and state (review steps included), and the move is audited.
    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        return await MoveAsync(id, ContentStatus.Published, null, WorkflowAction.Published,
            "Tài khoản của bạn không có quyền xuất bản mục này ở trạng thái hiện tại. Bài cần được duyệt theo quy trình.", ct);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int id, [FromForm] string? comment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (Item.PublishedVersionId is null)
        {
            TempData["Message"] = "Bài chưa được xuất bản.";
            return Redirect($"/admin/content/edit/{id}");
        }
        return await MoveAsync(id, ContentStatus.Draft, comment, WorkflowAction.Unpublished, "Tài khoản của bạn không có quyền gỡ bài khỏi trang.", ct);
    }

    private async Task<IActionResult> MoveAsync(int id, string to, string? comment, string action, string forbidden, CancellationToken ct)
    {
        var user = await editorial.UserAsync(User, ct);
        var options = await editorial.TransitionsAsync(id, user, ct);
        if (options?.Transitions.Any(t => t.To == to && t.Action == action) != true)
        {
            return Denied(forbidden);
        }
        int? seen = int.TryParse(Request.Form["VersionId"], out var v) ? v : null;
        var result = await editorial.TransitionAsync(id, to, user, comment, null, seen, ct);
        if (!result.Succeeded)
        {
            // Refused for a reason the person can fix (a take-down without its reason): the page again, with it.
            WorkflowError = result.Error;
            await OnGetAsync(id, null, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var item = result.Item!;
        if (action == WorkflowAction.Unpublished)
        {
            TempData["Message"] = "Đã gỡ bài khỏi trang công khai. Nội dung và các phiên bản vẫn được giữ nguyên.";
        }
        else
        {
            var number = await Db.ContentVersions.Where(v => v.Id == item.PublishedVersionId).Select(v => v.Number).FirstAsync(ct);
            var url = Type.Settings.UrlFor(item.PublishedSlug);
            TempData["Message"] = url is null ? $"Đã xuất bản phiên bản {number}." : $"Đã xuất bản phiên bản {number}. Bài đang hiện tại {url}.";
        }
        return Redirect($"/admin/content/edit/{id}");
    }

    public async Task<IActionResult> OnPostTrashAsync(int id, [FromForm] string? comment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (!Trash.Allowed)
        {
            return Denied(Trash.Refusal ?? "Bạn không có quyền chuyển mục này vào thùng rác.");
        }
        var result = await editorial.TrashAsync(id, await editorial.UserAsync(User, ct), comment, ct);
        if (!result.Succeeded)
        {
            // A missing reason: the page again, with the message beside the trash form.
            WorkflowError = result.Error;
            await OnGetAsync(id, null, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["Message"] = $"Đã chuyển “{Item.Title}” vào thùng rác. Có thể khôi phục trong mục Thùng rác.";
        return Redirect($"/admin/content?type={Uri.EscapeDataString(Item.ContentType)}");
    }

    private IActionResult Rejected(string? typedSlug)
    {
        Draft.Route.Slug = typedSlug;
        CollectErrors();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Loads the item and its context; returns the refusal when there is one.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await Db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.SiteId == Site.Id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Item = item;
        Type = (await manager.FindTypeAsync(Site.Id, item.ContentType, ct))!;
        Me = await ContentEditorUser.LoadAsync(Db, User, ct);
        if (!Me.CanEdit(item))
        {
            return Denied("Mục này thuộc phòng khác. Bạn chỉ sửa được các mục của phòng mình hoặc do bạn soạn.");
        }
        var versions = await Db.ContentVersions.AsNoTracking().Where(v => v.ContentItemId == id && (v.Id == item.LatestVersionId || v.Id == item.PublishedVersionId))
            .Select(v => new VersionInfo(v.Id, v.Number, v.CreatedByName, v.CreatedUtc)).ToListAsync(ct);
        Latest = versions.First(v => v.Id == item.LatestVersionId);
        Published = versions.FirstOrDefault(v => v.Id == item.PublishedVersionId);
        VersionCount = await Db.ContentVersions.CountAsync(v => v.ContentItemId == id, ct);
        Trash = editorial.TrashRule(item, Type.Settings, await editorial.UserAsync(User, ct));
        return null;
    }

    public sealed record VersionInfo(int Id, int Number, string By, DateTime Utc);
}
