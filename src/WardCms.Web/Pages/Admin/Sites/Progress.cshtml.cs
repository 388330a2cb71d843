using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Planning;

namespace WardCms.Web.Pages.Admin.Sites;

/// <summary>
/// /admin/sites/progress, "Tiến độ kế hoạch các đơn vị": every unit site × every task of its plan for a
/// month (the city's operators, issue 16 item 5). At-risk wards first; "sap-xep=thieu" orders by the
/// number of tasks short, "sap-xep=ten" by name. The XLSX (ProgressXlsx) is the same table.
/// </summary>
public sealed class ProgressModel(CityProgress city) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "thang")] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "sap-xep")] public string? Sort { get; set; }

    public CityMonth? View { get; private set; }
    public IReadOnlyList<CityWardRow> Rows { get; private set; } = [];
    public CitySort Order { get; private set; }
    public string? MonthError { get; private set; }

    /// <summary>The query values of <see cref="CitySort"/>; the default (at-risk first) has none.</summary>
    public static readonly IReadOnlyList<(CitySort Sort, string? Value, string Name)> Sorts =
        [(CitySort.Risk, null, "Nguy cơ trước"), (CitySort.Short, "thieu", "Số nhiệm vụ thiếu"), (CitySort.Name, "ten", "Tên đơn vị")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TryMonth(Month, city, out var month, out var error))
        {
            MonthError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Order = SortOf(Sort);
        View = await city.MonthAsync(month, ct);
        Rows = View.Sorted(Order);
        return Page();
    }

    public string SortCaption => Order switch
    {
        CitySort.Name => "tên đơn vị",
        CitySort.Short => "số nhiệm vụ thiếu",
        _ => "mức nguy cơ",
    };

    public string MonthValue => View is { } v ? v.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Month ?? "";

    public string Link(CitySort sort) => Query("/admin/sites/progress", sort);

    public string XlsxLink => Query("/admin/sites/progress.xlsx", Order);

    public string WardLink(int siteId) => $"/admin/sites/progress/{siteId}?thang={MonthValue}";

    private string Query(string path, CitySort sort)
    {
        var value = Sorts.First(s => s.Sort == sort).Value;
        return $"{path}?thang={MonthValue}{(value is null ? "" : "&sap-xep=" + value)}";
    }

    public static CitySort SortOf(string? value) => Sorts.FirstOrDefault(s => s.Value is not null && s.Value == value?.Trim()).Sort;

    /// <summary>"2026-03" (the month input's value); empty is this month in Vietnam time.</summary>
    public static bool TryMonth(string? value, CityProgress city, out DateOnly month, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            month = city.ThisMonth();
            return true;
        }
        if (DateOnly.TryParseExact(value.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month.Year is >= 2000 and <= 2100)
            return true;
        error = $"Tháng “{value}” không hợp lệ; chọn tháng theo dạng năm-tháng, ví dụ 2026-03.";
        return false;
    }
}
