using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using WardCms.Core.Exports;

namespace WardCms.Tests.Exports;

public class XlsxWorkbookWriterTests
{
    private static XlsxWorkbookWriter QuotaWorkbook()
    {
        var writer = new XlsxWorkbookWriter();
        writer.AddSheet("Tin bài tháng 3/2025", [new("Tiêu đề", 50), new("Ngày đăng", 12), new("Lượt xem", 10), new("Đường dẫn", 30)])
            .AddRow("Đăng ký tạm trú trực tuyến", new DateOnly(2025, 3, 14), 1250, XlsxCell.FromLink("Xem bài", "https://haibatrung.hanoi.gov.vn/cchc/dang-ky-tam-tru"))
            .AddRow("Thanh toán không dùng tiền mặt", new DateOnly(2025, 3, 5), 12.5, XlsxCell.Empty);
        writer.AddSheet("Phản hồi", [new("Nội dung"), new("Thời điểm", 18)])
            .AddRow("Thủ tục nhanh, cán bộ nhiệt tình", XlsxCell.FromDateTime(new DateTime(2025, 3, 14, 9, 30, 0)));
        return writer;
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static Cell CellAt(WorksheetPart part, string reference) =>
        part.Worksheet.Descendants<Cell>().Single(c => c.CellReference!.Value == reference);

    private static string TextOf(WorkbookPart workbook, Cell cell)
    {
        Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
        var index = int.Parse(cell.CellValue!.Text);
        return workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(index).InnerText;
    }

    private static WorksheetPart SheetPart(SpreadsheetDocument doc, string name)
    {
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!.Value!);
    }

    [Fact]
    public void Write_Workbook_PassesTheOpenXmlValidator()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_Workbook_HasTheSheetsInOrderWithSanitisedNames()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());

        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();

        Assert.Equal(["Tin bài tháng 3_2025", "Phản hồi"], names);
    }

    [Fact]
    public void Write_HeaderRow_IsBoldFrozenAndFiltered()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());
        var workbook = doc.WorkbookPart!;
        var part = SheetPart(doc, "Tin bài tháng 3_2025");

        var header = part.Worksheet.Descendants<Row>().First();
        Assert.Equal(["Tiêu đề", "Ngày đăng", "Lượt xem", "Đường dẫn"], header.Elements<Cell>().Select(c => TextOf(workbook, c)));
        var styleIndex = (int)header.Elements<Cell>().First().StyleIndex!.Value;
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt(styleIndex);
        var font = workbook.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
        Assert.NotNull(font.GetFirstChild<Bold>());

        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal("A1:D3", part.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal(50, part.Worksheet.Descendants<Column>().First().Width!.Value);
    }

    [Fact]
    public void Write_DateCell_IsAnExcelSerialWithADdMmYyyyFormat()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());
        var workbook = doc.WorkbookPart!;
        var cell = CellAt(SheetPart(doc, "Tin bài tháng 3_2025"), "B2");

        Assert.Null(cell.DataType);
        Assert.Equal("45730", cell.CellValue!.Text); // 14/03/2025
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var numFmt = stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value);
        Assert.Equal("dd/mm/yyyy", numFmt.FormatCode!.Value);
        Assert.True(format.ApplyNumberFormat!.Value);
    }

    [Fact]
    public void Write_NumberCells_AreNumericValues()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());
        var part = SheetPart(doc, "Tin bài tháng 3_2025");

        Assert.Null(CellAt(part, "C2").DataType);
        Assert.Equal("1250", CellAt(part, "C2").CellValue!.Text);
        Assert.Equal("12.5", CellAt(part, "C3").CellValue!.Text);
        Assert.DoesNotContain(part.Worksheet.Descendants<Cell>(), c => c.CellReference!.Value == "D3");
    }

    [Fact]
    public void Write_LinkCell_HasTextAndAnExternalHyperlinkRelationship()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());
        var part = SheetPart(doc, "Tin bài tháng 3_2025");

        Assert.Equal("Xem bài", TextOf(doc.WorkbookPart!, CellAt(part, "D2")));
        var link = part.Worksheet.Descendants<Hyperlink>().Single();
        Assert.Equal("D2", link.Reference!.Value);
        var relationship = part.HyperlinkRelationships.Single(r => r.Id == link.Id!.Value);
        Assert.True(relationship.IsExternal);
        Assert.Equal("https://haibatrung.hanoi.gov.vn/cchc/dang-ky-tam-tru", relationship.Uri.ToString());
    }

    [Fact]
    public void Write_VietnameseText_ReadsBackIdenticalFromTheRawSharedStrings()
    {
        var bytes = QuotaWorkbook().ToBytes();

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        using var entry = zip.GetEntry("xl/sharedStrings.xml")!.Open();
        XNamespace s = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var strings = XDocument.Load(entry).Descendants(s + "t").Select(t => t.Value).ToList();

        Assert.Contains("Thủ tục nhanh, cán bộ nhiệt tình", strings);
        Assert.Contains("Đăng ký tạm trú trực tuyến", strings);
    }

    [Fact]
    public void Write_DateTimeCell_KeepsTheTimeOfDay()
    {
        using var doc = Open(QuotaWorkbook().ToBytes());
        var cell = CellAt(SheetPart(doc, "Phản hồi"), "B2");

        var value = DateTime.FromOADate(double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new DateTime(2025, 3, 14, 9, 30, 0), value);
    }

    [Theory]
    [InlineData("Báo cáo [quý I]: 2025/03*?", "Báo cáo _quý I__ 2025_03__")]
    [InlineData("'Phụ lục'", "Phụ lục")]
    [InlineData("   ", "Sheet")]
    [InlineData("history", "history (2)")]
    [InlineData("Kết quả thực hiện công tác thông tin tuyên truyền", "Kết quả thực hiện công tác thôn")]
    public void ExcelSheetNames_Sanitize_FollowsExcelRules(string input, string expected)
    {
        var name = ExcelSheetNames.Sanitize(input, []);

        Assert.Equal(expected, name);
        Assert.True(name.Length <= 31);
    }

    [Fact]
    public void AddSheet_SameNameTwiceIgnoringCase_MakesTheSecondUniqueWithin31Characters()
    {
        var writer = new XlsxWorkbookWriter();
        var long1 = writer.AddSheet("Kết quả thực hiện công tác thông tin", [new("A")]);
        var long2 = writer.AddSheet("KẾT QUẢ THỰC HIỆN CÔNG TÁC THÔNG TIN", [new("A")]);

        Assert.Equal("Kết quả thực hiện công tác thôn", long1.Name);
        Assert.Equal("KẾT QUẢ THỰC HIỆN CÔNG TÁC (2)", long2.Name);
    }

    [Fact]
    public void FromLink_WithARelativeOrScriptUrl_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => XlsxCell.FromLink("x", "/cchc/bai-viet"));
        Assert.Throws<ArgumentException>(() => XlsxCell.FromLink("x", "javascript:alert(1)"));
    }

    [Fact]
    public void AddRow_WithMoreCellsThanColumns_SaysWhichRow()
    {
        var sheet = new XlsxWorkbookWriter().AddSheet("Phản hồi", [new("Nội dung")]);

        var ex = Assert.Throws<ArgumentException>(() => sheet.AddRow("a", "b"));

        Assert.Contains("Dòng 2", ex.Message);
    }

    [Fact]
    public async Task WriteAsync_ToANonSeekableStream_ProducesAReadableWorkbook()
    {
        var destination = new NonSeekableStream();

        await QuotaWorkbook().WriteAsync(destination, CancellationToken.None);

        using var doc = Open(destination.Inner.ToArray());
        Assert.Equal(2, doc.WorkbookPart!.Workbook.Sheets!.Count());
    }
}
