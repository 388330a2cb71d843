using System.Globalization;
using WardCms.Core.Exports;
using WardCms.Core.Sites;

namespace WardCms.Core.Planning;

public sealed record PlanReportRequest(string WindowName, DateOnly From, DateOnly To, DateOnly Date, string? Number, string Proposals);

/// <summary>
/// The periodic report (Decree 30 DOCX) and its XLSX annex, written from a PlanProgress, so every
/// number in them is a sum of the dashboard's cells for the window.
/// </summary>
public static class PlanReport
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public sealed record RuleTotal(PlanTaskInfo Task, RuleResult Rule, decimal Target, decimal Achieved, string Status);

    public static IReadOnlyList<RuleTotal> Totals(PlanProgress progress) =>
        [.. progress.Evaluation.Tasks.SelectMany(t => t.Rules.Select(r => new RuleTotal(
            progress.Task(t), r, r.Periods.Sum(p => p.Target), r.Periods.Sum(p => p.Achieved), Status(r))))];

    // Over a window: met when every period is; otherwise the worst state of a period, with how many were met.
    private static string Status(RuleResult r)
    {
        var s = r.Periods.Select(p => p.Status).ToList();
        if (s.Count == 0 || s.All(x => x == QuotaStatus.NotStarted))
            return "chưa đến kỳ";
        if (s.All(x => x == QuotaStatus.Met))
            return "đạt";
        var met = s.Count(x => x == QuotaStatus.Met);
        var counted = s.Count(x => x != QuotaStatus.NotStarted);
        if (s.Contains(QuotaStatus.Missed))
            return $"không đạt ({met}/{counted} kỳ đạt)";
        if (s.Contains(QuotaStatus.AtRisk))
            return $"có nguy cơ ({met}/{counted} kỳ đạt)";
        return $"đang tiến triển ({met}/{counted} kỳ đạt)";
    }

    public static string TitleFor(string windowName) => $"Kết quả thực hiện công tác thông tin, tuyên truyền CCHC {windowName}";

    public static AdministrativeDocument Document(Site site, PlanProgress progress, PlanReportRequest request)
    {
        var plan = progress.Plan;
        var totals = Totals(progress);
        var body = new List<DocumentBlock>();
        var period = $"từ ngày {request.From.ToString("dd/MM/yyyy", Vi)} đến ngày {request.To.ToString("dd/MM/yyyy", Vi)}";
        var counted = progress.Evaluation.Tasks.SelectMany(t => t.Rules).SelectMany(r => r.Periods.SelectMany(p => p.CountedItemIds.Select(id => (r.Rule.Event, id))))
            .Distinct().GroupBy(x => x.Event).ToDictionary(g => g.Key, g => g.Count());
        var met = totals.Count(t => t.Status == "đạt");
        var issuer = plan.IssuingBody.Length > 0 ? plan.IssuingBody : $"{site.IssuingParent} {site.IssuingBody}";

        body.Add(new ParagraphBlock($"Thực hiện {plan.Title}{(plan.Number.Length > 0 ? $" (số {plan.Number})" : "")}, {issuer} báo cáo kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính {request.WindowName} ({period}) như sau:"));
        body.Add(new HeadingBlock("I. KẾT QUẢ CHUNG"));
        body.Add(new BulletBlock($"Số tin/bài đăng trên {site.Name}: {counted.GetValueOrDefault(CountingEventKind.PublishedOnPortal)};"));
        body.Add(new BulletBlock($"Số tin/bài phát trên {site.RadioTitle}: {counted.GetValueOrDefault(CountingEventKind.AiredOnRadio)};"));
        body.Add(new BulletBlock($"Số tin/bài gửi đăng Trang thông tin CCHC của Thành phố: {counted.GetValueOrDefault(CountingEventKind.PostedToCityPage)};"));
        body.Add(new BulletBlock($"Chỉ tiêu đạt trong kỳ: {met}/{totals.Count}."));

        body.Add(new HeadingBlock("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CÓ CHỈ TIÊU"));
        body.Add(new TableBlock(
            [new("TT", 0.5, CellAlignment.Center), new("Nhiệm vụ", 4), new("Chỉ tiêu", 1.1), new("Đạt được", 1.1), new("Đánh giá", 2)],
            [.. totals.Select(t => (IReadOnlyList<string>)[
                t.Task.Number.ToString(CultureInfo.InvariantCulture),
                $"{t.Task.Name}{(t.Rule.Rule.Label is { Length: > 0 } l ? $" ({l})" : "")}",
                Number(t.Target),
                Number(t.Achieved),
                t.Status,
            ])]) { Caption = $"Bảng 1. Kết quả thực hiện chỉ tiêu {request.WindowName}" });

        body.Add(new HeadingBlock("III. CÁC NHIỆM VỤ THEO MỐC THỜI GIAN"));
        var milestones = progress.Evaluation.Tasks.Where(t => t.Milestone is not null).ToList();
        if (milestones.Count == 0)
            body.Add(new ParagraphBlock("Không có."));
        foreach (var t in milestones)
        {
            var info = progress.Task(t);
            var files = info.EvidenceFiles.Count > 0 ? "tệp đính kèm: " + string.Join(", ", info.EvidenceFiles.Select(f => f.FileName)) : "";
            var evidence = string.Join("; ", new[] { info.EvidenceNote, info.EvidenceUrl, files }.Where(x => x.Length > 0));
            body.Add(new BulletBlock($"Nhiệm vụ {info.Number} – {info.Name} ({info.Deadline}): {t.Milestone!.Status.Vietnamese()}{(evidence.Length > 0 ? $". Minh chứng: {evidence}" : "")}."));
        }

        body.Add(new HeadingBlock("IV. ĐỀ XUẤT, KIẾN NGHỊ"));
        var proposals = request.Proposals.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (proposals.Length == 0)
            body.Add(new ParagraphBlock("Không có."));
        body.AddRange(proposals.Select(p => new ParagraphBlock(p)));
        body.Add(new ParagraphBlock($"Trên đây là báo cáo kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính {request.WindowName} của {issuer}./."));

        return new AdministrativeDocument
        {
            IssuingParent = site.IssuingParent,
            IssuingBody = site.IssuingBody,
            Number = request.Number is { Length: > 0 } n ? n : site.ReportNumberPlaceholder,
            Place = site.PlaceName,
            Date = request.Date,
            DocumentType = "BÁO CÁO",
            Title = TitleFor(request.WindowName),
            Body = body,
            Recipients = site.ReportRecipientLines,
            Signature = new SignatureBlock(AuthorityLines(site, plan.SignatoryTitle), plan.Signatory),
        };
    }

    private static IReadOnlyList<string> AuthorityLines(Site site, string title)
    {
        var tm = $"TM. {site.IssuingParent.ToUpper(Vi)}";
        if (string.IsNullOrWhiteSpace(title))
            return [tm];
        var upper = title.Trim().ToUpper(Vi);
        return upper.StartsWith("PHÓ ", StringComparison.Ordinal) ? [tm, "KT. " + upper[4..], upper] : [tm, upper];
    }

    public static XlsxWorkbookWriter Annex(PlanProgress progress, IReadOnlyDictionary<string, CountedItem> items, string siteBaseUrl)
    {
        var book = new XlsxWorkbookWriter();
        XlsxColumn[] columns = [new("Nhiệm vụ", 10), new("Tiêu đề", 60), new("Loại nội dung", 20), new("Kênh", 12), new("Đơn vị", 30), new("Ngày", 12), new("Đường dẫn", 50)];
        var all = book.AddSheet("Tổng hợp", columns);
        var perTask = new List<(PlanTaskInfo Task, List<XlsxCell[]> Rows)>();
        foreach (var t in progress.Evaluation.Tasks.Where(t => t.Rules.Count > 0))
        {
            var info = progress.Task(t);
            var rows = new List<XlsxCell[]>();
            var ids = t.Rules.SelectMany(r => r.Periods.SelectMany(p => p.CountedItemIds)).Distinct().Where(items.ContainsKey)
                .Select(id => items[id]).OrderBy(i => i.FirstPublishedUtc);
            foreach (var i in ids)
            {
                var url = i.Url is null ? null : siteBaseUrl.TrimEnd('/') + i.Url;
                rows.Add([
                    info.Number,
                    i.Title,
                    i.TypeName,
                    ChannelNames.Display(i.Channel),
                    i.Unit ?? "",
                    i.FirstPublishedUtc is { } d ? XlsxCell.FromDate(PeriodCalculator.LocalDate(new DateTimeOffset(d, TimeSpan.Zero))) : XlsxCell.Empty,
                    url is null ? XlsxCell.Empty : XlsxCell.FromLink(url, url),
                ]);
            }
            perTask.Add((info, rows));
            foreach (var r in rows)
                all.AddRow(r);
        }
        foreach (var (task, rows) in perTask)
        {
            var sheet = book.AddSheet(ExcelSheetNames.Sanitize($"NV{task.Number}", book.Sheets.Select(s => s.Name)), columns);
            foreach (var r in rows)
                sheet.AddRow(r);
        }
        return book;
    }

    private static string Number(decimal v) => v.ToString("#,##0.#", Vi);
}
