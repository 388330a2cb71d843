using System.Globalization;
using System.Net;
using System.Text;
using WardCms.Core.Planning;

namespace WardCms.Web.Pages.Admin.Dashboard;

/// <summary>
/// Achieved-vs-target bars as plain SVG, drawn on the server: no script, prints in black and white
/// (achieved bars are solid, the target is a dashed line, every bar carries its number).
/// </summary>
public static class BarChart
{
    public static string Render(string title, RuleResult rule)
    {
        var periods = rule.Periods;
        if (periods.Count == 0)
            return "";
        const int height = 220, top = 24, bottom = 34, left = 34, barGap = 8;
        var barWidth = periods.Count > 20 ? 12 : 36;
        var width = left + periods.Count * (barWidth + barGap) + 10;
        var max = Math.Max(1, periods.Max(p => Math.Max(p.Achieved, p.Target)));
        var plot = height - top - bottom;
        double Y(decimal v) => top + plot - (double)(v / max) * plot;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var id = "chart-" + rule.Rule.Key.Replace('.', '-');
        sb.Append(inv, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(inv, $"<title id=\"{id}\">{WebUtility.HtmlEncode(title)}</title>");
        sb.Append(inv, $"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 5}\" y2=\"{top + plot}\" stroke=\"#57606a\"/>");
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            var x = left + i * (barWidth + barGap);
            var y = Y(p.Achieved);
            var fill = p.Status switch { QuotaStatus.Met => "#1a7f37", QuotaStatus.Missed => "#cf222e", QuotaStatus.AtRisk => "#9a6700", _ => "#0550ae" };
            sb.Append(inv, $"<rect x=\"{x}\" y=\"{y:0.#}\" width=\"{barWidth}\" height=\"{top + plot - y:0.#}\" fill=\"{fill}\"><title>{WebUtility.HtmlEncode(p.Period.VietnameseName)}: {p.Achieved:0.#}/{p.Target:0.#}</title></rect>");
            sb.Append(inv, $"<line x1=\"{x - 2}\" y1=\"{Y(p.Target):0.#}\" x2=\"{x + barWidth + 2}\" y2=\"{Y(p.Target):0.#}\" stroke=\"#1f2328\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>");
            if (barWidth >= 24)
                sb.Append(inv, $"<text x=\"{x + barWidth / 2}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" font-size=\"11\">{p.Achieved:0.#}</text>");
            sb.Append(inv, $"<text x=\"{x + barWidth / 2}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{WebUtility.HtmlEncode(IndexModel.ShortPeriod(p.Period))}</text>");
        }
        sb.Append(inv, $"<text x=\"4\" y=\"{Y(max) + 4:0.#}\" font-size=\"11\">{max:0.#}</text><text x=\"4\" y=\"{top + plot:0.#}\" font-size=\"11\">0</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
