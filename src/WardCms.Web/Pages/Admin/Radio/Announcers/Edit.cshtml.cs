using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Radio.Announcers;

/// <summary>Add or edit one announcer: name, reading pace, the staff account they read as, active.</summary>
public sealed class EditModel(SiteContext sites, WardDbContext db, AnnouncerRoster roster) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public int? Rate { get; set; }
    [BindProperty] public string? UserId { get; set; }
    [BindProperty] public bool IsActive { get; set; } = true;

    public int? Id { get; private set; }
    public List<(string Id, string Label)> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Id = id;
        if (id is null)
        {
            Rate = site.ReadingRate is >= AnnouncerRoster.MinRate and <= AnnouncerRoster.MaxRate ? site.ReadingRate : ReadTimeEstimator.DefaultSyllablesPerMinute;
        }
        else
        {
            var a = await db.Set<Announcer>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.SiteId == site.Id, ct);
            if (a is null)
            {
                return NotFound();
            }
            (Name, Rate, UserId, IsActive) = (a.Name, a.SyllablesPerMinute, a.UserId, a.IsActive);
        }
        await LoadUsersAsync(site.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Id = id;
        // A non-number in the rate box fails model binding; the roster then names the field in its own words.
        ModelState.Remove(nameof(Rate));
        var result = await roster.SaveAsync(site.Id, id, new AnnouncerInput(Name, Rate, UserId, IsActive), ct);
        if (result.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field switch
                {
                    nameof(AnnouncerInput.SyllablesPerMinute) => nameof(Rate),
                    _ => field,
                }, message);
            }
            await LoadUsersAsync(site.Id, ct);
            Response.StatusCode = 422;
            return Page();
        }
        TempData["Message"] = id is null ? $"Đã thêm phát thanh viên {result.Announcer!.Name}." : $"Đã lưu phát thanh viên {result.Announcer!.Name}.";
        return RedirectToPage("Index");
    }

    private async Task LoadUsersAsync(int siteId, CancellationToken ct)
    {
        // Active accounts, plus the linked one even if it has since been disabled, so saving keeps it visible.
        Users = (await db.Users.AsNoTracking().Where(u => u.SiteId == siteId && (u.IsActive || u.Id == UserId)).OrderBy(u => u.UserName)
                .Select(u => new { u.Id, u.UserName, u.FullName }).ToListAsync(ct))
            .Select(u => (u.Id, u.FullName.Length > 0 ? $"{u.FullName} ({u.UserName})" : u.UserName ?? u.Id)).ToList();
    }
}
