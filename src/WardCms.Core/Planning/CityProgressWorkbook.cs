using WardCms.Core.Exports;

namespace WardCms.Core.Planning;

/// <summary>The city's view as an XLSX: the page's table, in the page's order, with "Thiếu" and "Nguy cơ" as numbers Excel can sort.</summary>
public static class CityProgressWorkbook
{
    public static XlsxWorkbookWriter Build(CityMonth view, CitySort sort)
    {
        var book = new XlsxWorkbookWriter();
        XlsxColumn[] columns =
        [
            new("Đơn vị", 34), new("Thiếu", 8), new("Nguy cơ", 9), new("Kế hoạch", 40),
            .. view.Tasks.Select(t => new XlsxColumn($"NV {t.Number}. {t.Name}", 22)),
        ];
        var sheet = book.AddSheet($"Tháng {view.Month.Month:00}-{view.Month.Year}", columns);
        foreach (var w in view.Sorted(sort))
        {
            var plan = w.Error is not null ? $"{w.PlanTitle} (không tính được: {w.Error})" : w.PlanTitle ?? $"Chưa có kế hoạch cho {view.MonthName}";
            XlsxCell[] row =
            [
                w.Name, w.Short, w.AtRisk, plan,
                .. view.Tasks.Select(t => w.Cells.TryGetValue(t.Number, out var c) ? (XlsxCell)c.Text : w.PlanId is null || w.Error is not null ? XlsxCell.Empty : "không có trong kế hoạch"),
            ];
            sheet.AddRow(row);
        }
        var tasks = book.AddSheet("Nhiệm vụ", [new("Số", 6), new("Nhiệm vụ", 60), new("Số đơn vị có nhiệm vụ", 14)]);
        foreach (var t in view.Tasks)
            tasks.AddRow(t.Number, t.Name, t.Wards);
        return book;
    }
}
