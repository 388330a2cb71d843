using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Dashboard;

/// <summary>The plan officer's first screen: the year grid, this month's gaps, milestones, a chart.</summary>
public sealed class IndexModel(PlanProgressService progress, SiteContext sites, WardDbContext db, TimeProvider clock, MilestoneEvidenceFiles evidenceFiles,
    WardCms.Core.Engagement.EngagementStats engagement, WardCms.Core.Handbook.HandbookReviewService handbook) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Plan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>The plan asked for, when the year asked for is outside its span (nothing is judged).</summary>
    public Plan? OutsidePlan { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    /// <summary>"{rule key}|{period key}": the cell whose counted items are listed.</summary>
    [BindProperty(SupportsGet = true)] public string? Cell { get; set; }

    public PlanProgress? Progress { get; private set; }
    public IReadOnlyList<string> Summary { get; private set; } = [];
    public List<(string Key, string Name)> Units { get; private set; } = [];
    public CellDetail? Detail { get; private set; }

    /// <summary>Readers this month (ICT): views, answers and comments (plan section IV.1.g).</summary>
    public WardCms.Core.Engagement.EngagementTotals? Readers { get; private set; }

    public int PendingComments { get; private set; }

    public int HandbookOverdue { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>A refused evidence upload: which task, and why (shown next to that task's file field).</summary>
    public (int TaskId, string Message)? EvidenceFileError { get; private set; }

    public bool CanManagePlans => User.HasClaim(Permissions.ClaimType, Permissions.ManagePlans);

    public sealed record CellDetail(TaskResult Task, RuleResult Rule, PeriodResult Period, IReadOnlyList<CountedItem> Items);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Today = PeriodCalculator.LocalDate(clock.GetUtcNow());
        Readers = await engagement.MonthTotalsAsync(site.Id, Today.Year, Today.Month, ct);
        PendingComments = await db.Set<WardCms.Core.Engagement.Feedback>()
            .CountAsync(f => f.SiteId == site.Id && f.Status == WardCms.Core.Engagement.FeedbackStatus.Pending && f.Comment != null, ct);
        HandbookOverdue = await handbook.OverdueCountAsync(site.Id, clock.GetUtcNow().UtcDateTime, ct);
        var plan = Plan is { } id ? await progress.FindPlanAsync(site.Id, id, ct) : await progress.CurrentPlanAsync(site.Id, ct);
        if (plan is null)
            return Page();
        Units = (await db.Units.Where(u => u.SiteId == site.Id).OrderBy(u => u.Order).Select(u => new { u.Key, u.Name }).ToListAsync(ct))
            .Select(u => (u.Key, u.Name)).ToList();
        if (Unit is not null && Units.All(u => u.Key != Unit))
            Unit = null;
        var year = Year is >= 2000 and <= 2100 ? Year.Value : plan.Year;
        Year = year;
        if (!PlanProgressService.Overlaps(plan, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)))
        {
            // A plan is judged within its own span only: another year shows no grid of "không đạt".
            OutsidePlan = plan;
            return Page();
        }
        Progress = await progress.EvaluateAsync(plan, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), Unit, ct);
        var today = PeriodCalculator.LocalDate(clock.GetUtcNow());
        Summary = today.Year == year ? QuotaSummary.CurrentMonth(Progress.Evaluation) : [];

        if (Cell?.Split('|') is [var ruleKey, var periodKey])
        {
            foreach (var t in Progress.Evaluation.Tasks)
                foreach (var r in t.Rules.Where(r => r.Rule.Key == ruleKey))
                    if (r.Periods.FirstOrDefault(p => p.Period.Key == periodKey) is { } p)
                    {
                        var items = await progress.ItemsAsync(site.Id, p.CountedItemIds, ct);
                        Detail = new CellDetail(t, r, p, [.. p.CountedItemIds.Where(items.ContainsKey).Select(i => items[i]).OrderBy(i => i.FirstPublishedUtc)]);
                    }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostEvidenceAsync(int taskId, string? note, string? url, bool done, CancellationToken ct)
    {
        if (!CanManagePlans)
            return Forbid();
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var task = await db.PlanTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.Plan!.SiteId == site.Id, ct);
        if (task is null)
            return NotFound();
        note = Vietnamese.Nfc((note ?? "").Trim());
        url = (url ?? "").Trim();
        if (url.Length > 0 && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
        {
            TempData["Message"] = $"Đường dẫn minh chứng của nhiệm vụ {task.Number} không hợp lệ (cần bắt đầu bằng http:// hoặc https://); chưa lưu.";
            return RedirectToPage(new { Plan = task.PlanId, Year, Unit });
        }
        if (note.Length > 2000 || url.Length > 1000)
        {
            TempData["Message"] = "Ghi chú tối đa 2.000 ký tự, đường dẫn tối đa 1.000 ký tự; chưa lưu.";
            return RedirectToPage(new { Plan = task.PlanId, Year, Unit });
        }
        task.EvidenceNote = note;
        task.EvidenceUrl = url;
        task.DoneUtc = done ? task.DoneUtc ?? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = done ? $"Đã ghi nhận hoàn thành nhiệm vụ {task.Number}." : $"Đã lưu minh chứng nhiệm vụ {task.Number}.";
        return RedirectToPage(new { Plan = task.PlanId, Year, Unit });
    }

    public async Task<IActionResult> OnPostEvidenceFileAsync(int taskId, IFormFile? file, CancellationToken ct)
    {
        if (!CanManagePlans)
            return Forbid();
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var task = await db.PlanTasks.AsNoTracking().Where(t => t.Id == taskId && t.Plan!.SiteId == site.Id)
            .Select(t => new { t.Id, t.Number, t.PlanId }).FirstOrDefaultAsync(ct);
        if (task is null)
            return NotFound();
        Plan = task.PlanId;
        string? error;
        if (file is null || file.Length == 0)
        {
            error = "Chưa chọn tệp minh chứng (hoặc tệp rỗng). Chọn một tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh.";
        }
        else
        {
            var me = await WardCms.Web.Pages.Admin.Content.ContentEditorUser.LoadAsync(db, User, ct);
            await using var stream = file.OpenReadStream();
            var result = await evidenceFiles.AddAsync(site.Id, task.Id, stream, file.FileName, me.Actor, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = $"Đã đính kèm tệp “{result.File!.FileName}” làm minh chứng nhiệm vụ {task.Number}.";
                return RedirectToPage(new { Plan = task.PlanId, Year, Unit });
            }
            error = result.Error!;
        }
        // Refused: the page again with the reason next to the field, and a 400 so scripts and tests see it.
        EvidenceFileError = (task.Id, error);
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Takes a wrongly attached file off its task; the page then offers to undo.</summary>
    public Task<IActionResult> OnPostRemoveEvidenceFileAsync(int fileId, CancellationToken ct) =>
        EvidenceFileMoveAsync(fileId, remove: true, ct);

    public Task<IActionResult> OnPostRestoreEvidenceFileAsync(int fileId, CancellationToken ct) =>
        EvidenceFileMoveAsync(fileId, remove: false, ct);

    private async Task<IActionResult> EvidenceFileMoveAsync(int fileId, bool remove, CancellationToken ct)
    {
        if (!CanManagePlans)
            return Forbid();
        var site = await sites.GetAsync(Request.Host.Host, ct);
        MilestoneEvidenceFile? file;
        if (remove)
        {
            var me = await WardCms.Web.Pages.Admin.Content.ContentEditorUser.LoadAsync(db, User, ct);
            file = await evidenceFiles.RemoveAsync(site.Id, fileId, me.Actor, ct);
        }
        else
        {
            file = await evidenceFiles.RestoreAsync(site.Id, fileId, ct);
        }
        if (file is null)
            return NotFound();
        var task = await db.PlanTasks.AsNoTracking().Where(t => t.Id == file.PlanTaskId).Select(t => new { t.Number, t.PlanId }).FirstAsync(ct);
        if (remove)
        {
            TempData["Message"] = $"Đã gỡ tệp “{file.FileName}” khỏi minh chứng nhiệm vụ {task.Number}.";
            TempData["RemovedEvidenceFile"] = file.Id;
        }
        else
        {
            TempData["Message"] = $"Đã đưa tệp “{file.FileName}” trở lại minh chứng nhiệm vụ {task.Number}.";
        }
        return RedirectToPage(new { Plan = task.PlanId, Year, Unit });
    }

    public string CellLink(string ruleKey, string periodKey) =>
        $"?plan={Progress!.Plan.Id}&year={Year}{(Unit is null ? "" : "&unit=" + Uri.EscapeDataString(Unit))}&cell={Uri.EscapeDataString(ruleKey + "|" + periodKey)}#chi-tiet";

    public static string KindName(QuotaPeriodKind k) => k switch
    {
        QuotaPeriodKind.Week => "Chỉ tiêu theo tuần",
        QuotaPeriodKind.Month => "Chỉ tiêu theo tháng",
        QuotaPeriodKind.Quarter => "Chỉ tiêu theo quý",
        QuotaPeriodKind.HalfYear => "Chỉ tiêu theo 6 tháng",
        _ => "Chỉ tiêu theo năm",
    };

    public static string ShortPeriod(QuotaPeriod p) => p.Kind switch
    {
        // A week across New Year (30/12–05/01) says whose week it is: the 2025 grid would otherwise show
        // "T1" twice (its first week and 2026's first), and 2027's would start with a bare "T53".
        QuotaPeriodKind.Week when p.Start.Year != p.End.Year => $"T{p.Number}/{p.Year}",
        QuotaPeriodKind.Week => $"T{p.Number}",
        QuotaPeriodKind.Month => $"Th{p.Number}",
        QuotaPeriodKind.Quarter => $"Q{QuotaPeriodRoman(p.Number)}",
        QuotaPeriodKind.HalfYear => $"6T-{p.Number}",
        _ => $"{p.Year}",
    };

    private static string QuotaPeriodRoman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => n.ToString() };
}
