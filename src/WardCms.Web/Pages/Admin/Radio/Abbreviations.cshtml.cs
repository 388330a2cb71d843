using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Radio;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Radio;

/// <summary>The ward's own abbreviations, read out in full by the print view and speech (merged over the defaults).</summary>
public sealed class AbbreviationsModel(SiteContext sites, WardDbContext db) : PageModel
{
    public List<RadioAbbreviation> Own { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Defaults => ReadingTextNormalizer.DefaultAbbreviations;

    [BindProperty] public string Abbreviation { get; set; } = "";
    [BindProperty] public string Expansion { get; set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Abbreviation = Vietnamese.Nfc(Abbreviation).Trim();
        Expansion = Vietnamese.Nfc(Expansion).Trim();
        if (Abbreviation.Length is 0 or > 40 || Abbreviation.Any(char.IsWhiteSpace))
        {
            ModelState.AddModelError(nameof(Abbreviation), "Chữ viết tắt cần từ 1 đến 40 ký tự, không có dấu cách (ví dụ: TDP).");
        }
        if (Expansion.Length is 0 or > 300)
        {
            ModelState.AddModelError(nameof(Expansion), "Hãy nhập cách đọc đầy đủ (tối đa 300 ký tự), ví dụ: tổ dân phố.");
        }
        if (ModelState.IsValid && await db.Set<RadioAbbreviation>().AnyAsync(a => a.SiteId == site.Id && a.Abbreviation == Abbreviation, ct))
        {
            ModelState.AddModelError(nameof(Abbreviation), $"“{Abbreviation}” đã có trong danh sách riêng; xóa dòng cũ trước khi thêm lại.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            Response.StatusCode = 422;
            return Page();
        }
        db.Add(new RadioAbbreviation { SiteId = site.Id, Abbreviation = Abbreviation, Expansion = Expansion });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Đã thêm “{Abbreviation}” → “{Expansion}”.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        await db.Set<RadioAbbreviation>().Where(a => a.Id == id && a.SiteId == site.Id).ExecuteDeleteAsync(ct);
        TempData["Message"] = "Đã xóa chữ viết tắt.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Own = await db.Set<RadioAbbreviation>().AsNoTracking().Where(a => a.SiteId == site.Id).OrderBy(a => a.Abbreviation).ToListAsync(ct);
    }
}
