using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Planning;

namespace WardCms.Web.Pages.Admin.Sites;

/// <summary>
/// /admin/sites/progress.xlsx: the city's view as a workbook, same month and order as the page. A page
/// in the Sites folder, so the folder's permission covers it like the page it belongs to.
/// </summary>
public sealed class ProgressXlsxModel(CityProgress city) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "thang")] string? month, [FromQuery(Name = "sap-xep")] string? sort, CancellationToken ct)
    {
        if (!ProgressModel.TryMonth(month, city, out var first, out var error))
            return BadRequest(error);
        var view = await city.MonthAsync(first, ct);
        var book = CityProgressWorkbook.Build(view, ProgressModel.SortOf(sort));
        // Figures of every ward: not kept by shared caches.
        Response.Headers.CacheControl = "private, no-store";
        return File(book.ToBytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"tien-do-ke-hoach-cac-don-vi-{first:yyyy-MM}.xlsx");
    }
}
