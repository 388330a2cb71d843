using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Language;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Shared;

namespace WardCms.Web.Pages.Admin.Sites;

/// <summary>
/// /admin/sites, "Các trang của thành phố": every site of the deployment for the city's operators
/// (<see cref="WardCms.Core.Security.Permissions.OperateSites"/>), with its state, staff and published
/// items; found by name, key or host without diacritics, filtered by state, 50 to a page.
/// </summary>
public sealed class IndexModel(SiteOperations operations) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<(string Value, string Name)> States =
    [
        ("", "Mọi trạng thái"), (SiteStates.Active, SiteStates.DisplayName(SiteStates.Active)),
        (SiteStates.Suspended, SiteStates.DisplayName(SiteStates.Suspended)), (SiteStates.Archived, SiteStates.DisplayName(SiteStates.Archived)),
    ];

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "trang-thai")] public string? State { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OperatedSite> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int AllSites { get; private set; }
    public Dictionary<string, int> Counts { get; private set; } = [];
    public PagerModel Pager { get; private set; } = new(1, 1, "/admin/sites");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await operations.ListAsync(ct);
        AllSites = all.Count;
        Counts = all.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count());
        Query = TextInput.CleanLine(Query).Trim();
        var state = States.Any(s => s.Value == State) ? State! : "";
        State = state;
        var folded = Vietnamese.Fold(Query);
        var found = all.Where(s => (state.Length == 0 || s.State == state)
            && (folded.Length == 0 || Vietnamese.Fold($"{s.Name} {s.Key} {s.HostNames}").Contains(folded, StringComparison.Ordinal))).ToList();
        Total = found.Count;
        var pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        Rows = found.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var query = new List<string>();
        if (Query.Length > 0) query.Add("q=" + Uri.EscapeDataString(Query));
        if (state.Length > 0) query.Add("trang-thai=" + state);
        Pager = new PagerModel(PageNumber, pages, "/admin/sites", string.Join("&", query));
    }

    public static string KindName(OperatedSite s) => s.Kind == SiteKinds.CityPage ? "Trang CCHC Thành phố" : s.Level.Length > 0 ? char.ToUpperInvariant(s.Level[0]) + s.Level[1..] : "Đơn vị";

    public static string StateBadge(string state) => state switch
    {
        SiteStates.Active => "ok",
        SiteStates.Suspended => "warn",
        _ => "",
    };
}
