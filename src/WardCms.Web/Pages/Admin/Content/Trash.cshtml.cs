using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>Deleted items. The UI never hard-deletes: restoring brings an item back as it was, unpublished.</summary>
public sealed class TrashModel(SiteContext sites, WardDbContext db, ContentManager manager) : ContentPageModel
{
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var me = await ContentEditorUser.LoadAsync(db, User, ct);
        var types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == site.Id).ToDictionaryAsync(t => t.Name, t => t.DisplayName, ct);
        var items = await me.Visible(db.ContentItems.AsNoTracking().Where(i => i.SiteId == site.Id && i.IsDeleted))
            .OrderByDescending(i => i.DeletedUtc).Take(500)
            .Select(i => new { i.Id, i.Title, i.ContentType, i.DeletedById, i.DeletedUtc }).ToListAsync(ct);
        var ids = items.Where(i => i.DeletedById != null).Select(i => i.DeletedById!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        Rows = items.Select(i => new Row(i.Id, i.Title, types.GetValueOrDefault(i.ContentType, i.ContentType),
            i.DeletedById is { } by ? names.GetValueOrDefault(by, "") : "Hệ thống", i.DeletedUtc)).ToList();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.SiteId == site.Id, ct);
        if (item is null)
        {
            return NotFound();
        }
        var me = await ContentEditorUser.LoadAsync(db, User, ct);
        if (!me.CanEdit(item))
        {
            return Denied("Mục này thuộc phòng khác. Bạn chỉ khôi phục được các mục của phòng mình hoặc do bạn soạn.");
        }
        if (item.IsDeleted)
        {
            await manager.RestoreFromTrashAsync(id, me.Actor, ct);
        }
        TempData["Message"] = $"Đã khôi phục “{item.Title}”. Mục ở dạng nháp; xuất bản lại nếu cần.";
        return Redirect("/admin/content/trash");
    }

    public sealed record Row(int Id, string Title, string Type, string DeletedBy, DateTime? DeletedUtc);
}
