using WardCms.Core.Planning;

namespace WardCms.Web.Pages.Admin.Dashboard;

/// <summary>
/// What <c>_QuotaGrids</c> shows: a plan's evaluation for a year. <paramref name="CellLink"/> makes each
/// cell open its counted items (the ward's own dashboard); null shows the figures only (the city's
/// read-only view of a ward, whose items live on another site).
/// </summary>
public sealed record QuotaGridsModel(PlanProgress Progress, int Year, string? SelectedCell, Func<string, string, string>? CellLink);
