using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Settings;

/// <summary>
/// /admin/settings/units, "Đơn vị": the site's units (phòng, ban) without a recipe: add, rename,
/// reorder, and remove one that nothing refers to. A unit that staff, items or plan tasks belong to is
/// not removed: the refusal says what still refers to it. The limits are the recipe's (<see cref="UnitLimits"/>);
/// each change is recorded with the site's settings changes.
/// </summary>
public sealed class UnitsModel(WardDbContext db, SiteContext sites, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public const string Area = "Đơn vị";

    public sealed record Row(Unit Unit, int Staff, int Items, int Tasks)
    {
        public bool InUse => Staff + Items + Tasks > 0;
    }

    public List<Row> Rows { get; private set; } = [];

    // Text, not int: "một" gets a message naming the field.
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ShortName { get; set; }
    [BindProperty] public string? Order { get; set; }
    /// <summary>The unit a save or removal is for; null for a new one.</summary>
    [BindProperty] public int? UnitId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        await LoadAsync(ct);
        Name = TextInput.CleanLine(Name).Trim();
        ShortName = TextInput.CleanLine(ShortName).Trim();
        Key = (Key ?? "").Trim();
        var unit = UnitId is { } id ? await db.Units.FirstOrDefaultAsync(u => u.Id == id && u.SiteId == site.Id, ct) : null;
        if (UnitId is not null && unit is null)
        {
            return NotFound();
        }
        if (Name.Length == 0)
            ModelState.AddModelError(nameof(Name), "Nhập tên đơn vị.");
        else if (Name.Length > UnitLimits.NameLength)
            ModelState.AddModelError(nameof(Name), $"Tên đơn vị dài {Name.Length:N0} ký tự; tối đa {UnitLimits.NameLength:N0} ký tự.");
        if (ShortName.Length > UnitLimits.ShortNameLength)
            ModelState.AddModelError(nameof(ShortName), $"Tên viết tắt dài {ShortName.Length:N0} ký tự; tối đa {UnitLimits.ShortNameLength:N0} ký tự.");
        if (SettingsInput.Order(Order, UnitLimits.MaxOrder, out var order) is { } orderError)
            ModelState.AddModelError(nameof(Order), orderError);
        if (unit is null)
        {
            // A new unit's key: what recipes and plans name it by; made from the name when left empty.
            if (Key.Length == 0)
                Key = Vietnamese.Slugify(Name, UnitLimits.KeyLength);
            if (!SettingsInput.IsKey(Key, UnitLimits.KeyLength))
                ModelState.AddModelError(nameof(Key), $"Mã “{Key}” chỉ được gồm chữ thường không dấu, chữ số, - hoặc _ (tối đa {UnitLimits.KeyLength} ký tự).");
            else if (Rows.FirstOrDefault(r => r.Unit.Key == Key) is { } taken)
                ModelState.AddModelError(nameof(Key), $"Mã “{Key}” đã là của “{taken.Unit.Name}”; chọn mã khác.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        string summary;
        if (unit is null)
        {
            db.Units.Add(new Unit { SiteId = site.Id, Key = Key, Name = Name, ShortName = ShortName, Order = order ?? Rows.Select(r => r.Unit.Order).DefaultIfEmpty(0).Max() + 1 });
            summary = $"Thêm đơn vị “{Name}” (mã {Key})";
        }
        else
        {
            var changes = new List<string>();
            if (unit.Name != Name) changes.Add($"tên “{unit.Name}” → “{Name}”");
            if (unit.ShortName != ShortName) changes.Add($"tên viết tắt “{unit.ShortName}” → “{ShortName}”");
            if (order is { } newOrder && unit.Order != newOrder) changes.Add($"thứ tự {unit.Order} → {newOrder}");
            if (changes.Count == 0)
            {
                TempData["Message"] = "Không có thay đổi nào.";
                return Redirect("/admin/settings/units");
            }
            summary = $"Đơn vị “{unit.Name}”: {string.Join(", ", changes)}";
            (unit.Name, unit.ShortName) = (Name, ShortName);
            unit.Order = order ?? unit.Order;
        }
        await RecordAsync(site.Id, summary, ct);
        TempData["Message"] = $"Đã lưu. {summary}.";
        return Redirect("/admin/settings/units");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        await LoadAsync(ct);
        if (Rows.FirstOrDefault(r => r.Unit.Id == UnitId) is not { } row)
        {
            return NotFound();
        }
        if (row.InUse)
        {
            var uses = new List<string>();
            if (row.Staff > 0) uses.Add($"{row.Staff} cán bộ");
            if (row.Items > 0) uses.Add($"{row.Items} mục nội dung");
            if (row.Tasks > 0) uses.Add($"{row.Tasks} nhiệm vụ kế hoạch");
            ModelState.AddModelError("", $"Chưa xoá được “{row.Unit.Name}”: đơn vị này còn {string.Join(", ", uses)}. Hãy chuyển họ sang đơn vị khác trước.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        db.Units.Remove(await db.Units.FirstAsync(u => u.Id == row.Unit.Id, ct));
        await RecordAsync(site.Id, $"Xoá đơn vị “{row.Unit.Name}” (mã {row.Unit.Key})", ct);
        TempData["Message"] = $"Đã xoá đơn vị “{row.Unit.Name}”.";
        return Redirect("/admin/settings/units");
    }

    private async Task RecordAsync(int siteId, string summary, CancellationToken ct)
    {
        await SettingsHistory.AddAsync(db, users, User, clock, siteId, Area, summary);
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var units = await db.Units.AsNoTracking().Where(u => u.SiteId == site.Id).OrderBy(u => u.Order).ThenBy(u => u.Name).ToListAsync(ct);
        var staff = await db.Users.Where(u => u.SiteId == site.Id && u.UnitId != null).GroupBy(u => u.UnitId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Items filed under the unit now or in any of their versions (a version keeps the unit it was saved under).
        var filed = await db.ContentItems.Where(i => i.SiteId == site.Id && i.UnitId != null).Select(i => new { UnitId = i.UnitId!.Value, ItemId = i.Id })
            .Concat(db.ContentVersions.Where(v => v.ContentItem!.SiteId == site.Id && v.UnitId != null).Select(v => new { UnitId = v.UnitId!.Value, ItemId = v.ContentItemId }))
            .Distinct().ToListAsync(ct);
        var items = filed.GroupBy(x => x.UnitId).ToDictionary(g => g.Key, g => g.Count());
        var tasks = await db.PlanTasks.Where(t => t.Plan!.SiteId == site.Id && t.LeadUnitId != null).GroupBy(t => t.LeadUnitId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Rows = units.Select(u => new Row(u, staff.GetValueOrDefault(u.Id), items.GetValueOrDefault(u.Id), tasks.GetValueOrDefault(u.Id))).ToList();
    }
}
