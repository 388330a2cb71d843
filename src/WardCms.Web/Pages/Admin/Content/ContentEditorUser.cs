using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Security;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>
/// Who is editing and what they may touch. Editors without EditAllUnits work on their own unit's
/// items and on items they created; the same rule filters the lists and guards every handler.
/// </summary>
public sealed record ContentEditorUser(string? Id, string Name, int? UnitId, bool AllUnits, bool CanPublish)
{
    public Actor Actor => new(Id, Name);

    public bool CanEdit(ContentItem item) =>
        AllUnits || (UnitId is not null && item.UnitId == UnitId) || (Id is not null && item.OwnerId == Id);

    public IQueryable<ContentItem> Visible(IQueryable<ContentItem> items)
    {
        if (AllUnits)
        {
            return items;
        }
        var unitId = UnitId;
        var id = Id;
        return items.Where(i => (unitId != null && i.UnitId == unitId) || (id != null && i.OwnerId == id));
    }

    /// <summary>Whether the user may file an item under this unit (restricted editors: their own unit or none).</summary>
    public bool CanChooseUnit(int? unitId) => AllUnits || unitId is null || unitId == UnitId;

    public static async Task<ContentEditorUser> LoadAsync(WardDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.FullName, u.UserName, u.UnitId }).FirstOrDefaultAsync(ct);
        var name = user is null ? principal.Identity?.Name ?? "" : user.FullName.Length > 0 ? user.FullName : user.UserName ?? "";
        return new ContentEditorUser(id, name, user?.UnitId,
            principal.HasClaim(Permissions.ClaimType, Permissions.EditAllUnits),
            principal.HasClaim(Permissions.ClaimType, Permissions.PublishContent));
    }
}
