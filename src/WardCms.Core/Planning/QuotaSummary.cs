using System.Globalization;

namespace WardCms.Core.Planning;

// Plain Vietnamese sentences for the dashboard and the morning e-mail, built from an evaluation:
// "Còn thiếu 3 bài cho nhiệm vụ 5 (tháng 11/2025), còn 9 ngày; 2 bài đang chờ duyệt."
public static class QuotaSummary
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static IReadOnlyList<string> CurrentMonth(QuotaEvaluation evaluation) =>
        Current(evaluation, QuotaPeriodKind.Month);

    // Shortfalls first (they need someone to act), then milestones overdue or due this month, then what is met.
    public static IReadOnlyList<string> Current(QuotaEvaluation evaluation, QuotaPeriodKind? onlyKind = null)
    {
        var (gaps, milestones, met) = Sentences(evaluation, onlyKind);
        return [.. gaps, .. milestones, .. met];
    }

    /// <summary>Only this month's shortfalls (with "Có nguy cơ không đạt." where at risk): the weekly summary's lines.</summary>
    public static IReadOnlyList<string> CurrentMonthGaps(QuotaEvaluation evaluation) => Sentences(evaluation, QuotaPeriodKind.Month).Gaps;

    private static (List<string> Gaps, List<string> Milestones, List<string> Met) Sentences(QuotaEvaluation evaluation, QuotaPeriodKind? onlyKind)
    {
        var gaps = new List<string>();
        var met = new List<string>();
        var milestones = new List<string>();
        foreach (var task in evaluation.Tasks)
        {
            foreach (var rule in task.Rules)
            {
                if (onlyKind is { } k && rule.Rule.Period != k)
                    continue;
                var current = rule.Periods.FirstOrDefault(p => p.CountFrom <= evaluation.Today && evaluation.Today <= p.CountTo);
                if (current is null)
                    continue;
                if (current.Status == QuotaStatus.Met)
                    met.Add(MetSentence(task.Task, rule.Rule, current));
                else
                    gaps.Add(GapSentence(task.Task, rule.Rule, current));
            }
            if (task.Milestone is { Status: MilestoneStatus.Overdue, NextDue: { } overdue })
                milestones.Add($"Nhiệm vụ {task.Task.DisplayCode} đã quá hạn ({overdue.ToString("dd/MM/yyyy", Vi)}), chưa có kết quả.");
            else if (task.Milestone is { Status: MilestoneStatus.Pending, NextDue: { } due }
                && due.Year == evaluation.Today.Year && due.Month == evaluation.Today.Month)
                milestones.Add($"Nhiệm vụ {task.Task.DisplayCode} đến hạn ngày {due.ToString("dd/MM/yyyy", Vi)}"
                    + (due == evaluation.Today ? " (hôm nay)." : $" (còn {due.DayNumber - evaluation.Today.DayNumber + 1} ngày)."));
        }
        return (gaps, milestones, met);
    }

    private static string GapSentence(TaskRules task, QuotaRuleSpec rule, PeriodResult p)
    {
        var sentence = $"Còn thiếu {Amount(rule.Metric, p.Shortfall)} cho nhiệm vụ {task.DisplayCode} ({p.Period.VietnameseName}), "
            + (p.DaysRemaining <= 1 ? "hôm nay là ngày cuối" : $"còn {p.DaysRemaining} ngày");

        var stages = p.PipelineItems.GroupBy(x => x.Stage).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} bài {StageText(g.Key)}").ToList();
        sentence += stages.Count == 0 ? "; chưa có bài nào đang chờ." : $"; {string.Join(", ", stages)}.";
        if (p.Status == QuotaStatus.AtRisk)
            sentence += " Có nguy cơ không đạt.";
        return sentence;
    }

    private static string MetSentence(TaskRules task, QuotaRuleSpec rule, PeriodResult p) =>
        $"Nhiệm vụ {task.DisplayCode} đã đạt chỉ tiêu {p.Period.VietnameseName}: {Number(p.Achieved)}/{Amount(rule.Metric, p.Target)}.";

    private static string Amount(QuotaMetric metric, decimal value) =>
        metric == QuotaMetric.AirTimeMinutes ? $"{Number(value)} phút phát sóng" : $"{Number(value)} bài";

    private static string Number(decimal value) => value.ToString("0.#", Vi);

    private static string StageText(PipelineStage stage) => stage switch
    {
        PipelineStage.Submitted => "đang chờ duyệt",
        PipelineStage.Approved => "đã duyệt, chờ đăng",
        _ => "đã lên lịch",
    };
}
