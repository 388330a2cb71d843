using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Exports;
using WardCms.Core.Language;
using WardCms.Core.Planning;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Reports;

/// <summary>Periodic reports: a window (ministry guidance, calendar or a range) → DOCX report and XLSX annex.</summary>
public sealed class IndexModel(PlanProgressService progress, SiteContext sites, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Plan { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>"ministry:q1", "calendar:q2" or "custom".</summary>
    [BindProperty] public string Window { get; set; } = "ministry:q1";
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Proposals { get; set; }

    public Plan? CurrentPlan { get; private set; }
    public IReadOnlyList<ReportingWindow> Ministry { get; private set; } = [];
    public IReadOnlyList<ReportingWindow> Calendar { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public PlanProgress? Preview { get; private set; }
    public ReportingWindow? Chosen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        if (Resolve() is not { } w)
            return Invalid();
        Chosen = w;
        Preview = await progress.EvaluateAsync(CurrentPlan!, w.From, w.To, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDocxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        if (Resolve() is not { } w)
            return Invalid();
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var result = await progress.EvaluateAsync(CurrentPlan!, w.From, w.To, null, ct);
        var doc = PlanReport.Document(site, result, new PlanReportRequest(WindowName(w), w.From, w.To,
            PeriodCalculator.LocalDate(clock.GetUtcNow()), Vietnamese.Nfc((Number ?? "").Trim()), Vietnamese.Nfc((Proposals ?? "").Replace("\r\n", "\n"))));
        var bytes = new Decree30DocxWriter().ToBytes(doc);
        return File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"bao-cao-cchc-{w.Key}-{w.From:yyyyMMdd}-{w.To:yyyyMMdd}.docx");
    }

    public async Task<IActionResult> OnPostXlsxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        if (Resolve() is not { } w)
            return Invalid();
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var result = await progress.EvaluateAsync(CurrentPlan!, w.From, w.To, null, ct);
        var ids = result.Evaluation.Tasks.SelectMany(t => t.Rules).SelectMany(r => r.Periods).SelectMany(p => p.CountedItemIds);
        var items = await progress.ItemsAsync(site.Id, ids, ct);
        var book = PlanReport.Annex(result, items, $"{Request.Scheme}://{Request.Host}");
        return File(book.ToBytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"phu-luc-cchc-{w.Key}-{w.From:yyyyMMdd}-{w.To:yyyyMMdd}.xlsx");
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = 400;
        return Page();
    }

    public static string WindowName(ReportingWindow w)
    {
        var name = w.Name.StartsWith("Báo cáo ", StringComparison.Ordinal) ? w.Name["Báo cáo ".Length..] : w.Name;
        return name.Length == 0 ? name : char.ToLower(name[0], CultureInfo.GetCultureInfo("vi-VN")) + name[1..];
    }

    private ReportingWindow? Resolve()
    {
        // A plan is reported on within its own span only (PlanProgressService.Overlaps).
        if (ResolveWindow() is not { } w)
            return null;
        if (!PlanProgressService.Overlaps(CurrentPlan!, w.From, w.To))
        {
            Errors[Window == "custom" ? "From" : "Window"] =
                $"Kỳ báo cáo {w.From:dd/MM/yyyy}–{w.To:dd/MM/yyyy} nằm ngoài thời gian của kế hoạch (từ {CurrentPlan!.StartsOn:dd/MM/yyyy} đến {CurrentPlan.EndsOn:dd/MM/yyyy}).";
            return null;
        }
        return w;
    }

    private ReportingWindow? ResolveWindow()
    {
        if (Window == "custom")
        {
            var ok = true;
            if (!DateOnly.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                Errors["From"] = "Chọn ngày bắt đầu kỳ báo cáo.";
                ok = false;
            }
            if (!DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                Errors["To"] = "Chọn ngày kết thúc kỳ báo cáo.";
                ok = false;
            }
            if (ok && from > to)
            {
                Errors["To"] = "Ngày kết thúc phải không trước ngày bắt đầu.";
                ok = false;
            }
            if (ok && to.DayNumber - from.DayNumber > 366 * 3)
            {
                Errors["To"] = "Kỳ báo cáo dài tối đa 3 năm.";
                ok = false;
            }
            return ok ? new ReportingWindow("custom", $"từ ngày {from:dd/MM/yyyy} đến ngày {to:dd/MM/yyyy}", from, to) : null;
        }
        var parts = Window.Split(':');
        var list = parts[0] == "calendar" ? Calendar : Ministry;
        var w = parts.Length == 2 ? list.FirstOrDefault(x => x.Key == parts[1]) : null;
        if (w is null)
            Errors["Window"] = "Chọn một kỳ báo cáo trong danh sách.";
        return w;
    }

    /// <summary>What the number box shows until one is typed: the site's "…/BC-{code}".</summary>
    public string NumberPlaceholder { get; private set; } = "…/BC";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        NumberPlaceholder = site.ReportNumberPlaceholder;
        CurrentPlan = Plan is { } id ? await progress.FindPlanAsync(site.Id, id, ct) : await progress.CurrentPlanAsync(site.Id, ct);
        if (CurrentPlan is null)
            return false;
        var year = Year is >= 2000 and <= 2100 ? Year.Value : CurrentPlan.Year;
        Year = year;
        Ministry = ReportingWindows.For(year, ReportingWindowMode.MinistryGuidance);
        Calendar = ReportingWindows.For(year, ReportingWindowMode.Calendar);
        return true;
    }
}
