using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Planning;

namespace WardCms.Web.Pages.Admin.Sites;

/// <summary>
/// /admin/sites/progress/{siteId}: one ward's dashboard figures, read-only, for the city's operators. A
/// request on the city's host cannot open the ward's own dashboard (its cookie is no session there), so
/// the figures are read here through <see cref="CityProgress.WardAsync"/>: the same evaluation, no
/// forms, no links into the ward's admin.
/// </summary>
public sealed class ProgressWardModel(CityProgress city) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "thang")] public string? Month { get; set; }

    public CityWardDetail? Ward { get; private set; }
    public string MonthValue { get; private set; } = "";
    public string MonthName { get; private set; } = "";
    public string? MonthError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int siteId, CancellationToken ct)
    {
        if (!ProgressModel.TryMonth(Month, city, out var month, out var error))
        {
            MonthError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        MonthValue = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        MonthName = $"{month.Month}/{month.Year}";
        Ward = await city.WardAsync(siteId, month, ct);
        return Ward is null ? NotFound() : Page();
    }
}
