using Microsoft.AspNetCore.Mvc;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Content;

public sealed class CreateModel(SiteContext sites, WardDbContext db, ContentPartRegistry registry, ContentManager manager, EditorAutosaves autosaves)
    : ContentEditorPageModel(db, registry)
{
    [FromQuery(Name = "type")]
    public string? TypeName { get; set; }

    public override bool IsNew => true;

    public override string FormUrl => $"/admin/content/create?type={Uri.EscapeDataString(Type.Name)}";

    /// <param name="restore">"&amp;tu-dong=1": the form shows this person's autosave of a new item of this type.</param>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "tu-dong")] string? restore, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Draft = ContentDraft.Empty(Type, Registry);
        Draft.Common.AuthorName = Me.Name;
        Draft.Common.UnitId = Me.UnitId;
        Autosave = await autosaves.FindAsync(Me.Id!, null, Type.Name, ct);
        if (restore == "1" && Autosave is { } kept)
        {
            await BindDraftAsync(Draft, FormOf(kept));
            ModelState.Clear();
            ShowsAutosave = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return new JsonResult(new { message = "Không lưu tự động được: không có loại nội dung này." }) { StatusCode = StatusCodes.Status404NotFound };
        }
        return await KeepAutosaveAsync(autosaves, null, null, ct);
    }

    public async Task<IActionResult> OnPostDiscardAutosaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await autosaves.DiscardAsync(Me.Id!, null, Type.Name, ct);
        TempData["Message"] = "Đã bỏ bản lưu tự động.";
        return Redirect(FormUrl);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Draft = ContentDraft.Empty(Type, Registry);
        await BindDraftAsync(Draft);
        CheckUnit(previousUnitId: null);
        var typedSlug = Draft.Route.Slug;
        if (!ModelState.IsValid)
        {
            // Show every problem at once, not only the ones the binder found.
            AddErrors(await manager.ValidateAsync(Site.Id, Type, Draft, null, ct));
            return Rejected(typedSlug);
        }
        var result = await manager.CreateAsync(Site.Id, Type, Draft, Me.Actor, ct);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Rejected(typedSlug);
        }
        TempData["Message"] = $"Đã lưu bản nháp “{result.Item!.Title}” (phiên bản 1). Bài chưa hiện trên trang cho tới khi được xuất bản.";
        await autosaves.DiscardAsync(Me.Id!, null, Type.Name, ct);
        return Redirect($"/admin/content/edit/{result.Item.Id}");
    }

    private IActionResult Rejected(string? typedSlug)
    {
        // Validation fills in a generated slug; the form shows what the person typed (or nothing).
        Draft.Route.Slug = typedSlug;
        CollectErrors();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Site = await sites.GetAsync(Request.Host.Host, ct);
        var type = string.IsNullOrEmpty(TypeName) ? null : await manager.FindTypeAsync(Site.Id, TypeName, ct);
        if (type is null)
        {
            return false;
        }
        Type = type;
        Me = await ContentEditorUser.LoadAsync(Db, User, ct);
        await LoadChoicesAsync(null, ct);
        return true;
    }
}
