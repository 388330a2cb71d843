using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using WardCms.Core.Exports;

namespace WardCms.Tests.Exports;

public class Decree30DocxWriterTests
{
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static AdministrativeDocument QuarterReport(DocumentLayout? layout = null) => new()
    {
        IssuingParent = "Ủy ban nhân dân",
        IssuingBody = "Phường Hai Bà Trưng",
        Number = "12/BC-UBND",
        Place = "Hai Bà Trưng",
        Date = new DateOnly(2025, 3, 14),
        DocumentType = "BÁO CÁO",
        Title = "Kết quả thực hiện công tác thông tin, tuyên truyền CCHC quý I năm 2025",
        Layout = layout ?? DocumentLayout.Report,
        Body =
        [
            new HeadingBlock("I. KẾT QUẢ THỰC HIỆN"),
            new HeadingBlock("1. Tuyên truyền trên Trang thông tin điện tử phường", 2),
            new ParagraphBlock("Trong quý I, phường đã đăng tải 18 tin/bài về cải cách hành chính."),
            new BulletBlock("Tháng 01: 6 tin/bài;"),
            new TableBlock(
                [new TableColumn("STT", 0.5, CellAlignment.Center), new TableColumn("Nội dung", 4), new TableColumn("Số tin/bài", 1.2)],
                [["1", "Đăng ký tạm trú trực tuyến", "6"], ["2", "Thanh toán không dùng tiền mặt", "1.250"]])
            {
                Caption = "Bảng 1. Số tin/bài theo tháng",
            },
            new PageBreakBlock(),
            new HeadingBlock("a) Hạn chế", 3),
        ],
        Recipients = ["UBND quận (để b/c);", "Lưu: VT, VH-XH."],
        Signature = new SignatureBlock(["TM. Ủy ban nhân dân", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Nguyễn Văn An"),
    };

    private static byte[] Write(AdministrativeDocument document) => new Decree30DocxWriter().ToBytes(document);

    [Fact]
    public void Write_Report_ProducesAPackageTheOpenXmlValidatorAccepts()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_Report_IsA4WithTheDecreeMarginsInTwips()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);
        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();

        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);
        Assert.Equal(1134, margin.Top!.Value);     // 20 mm
        Assert.Equal(1134, margin.Bottom!.Value);  // 20 mm
        Assert.Equal(1701u, margin.Left!.Value);   // 30 mm
        Assert.Equal(850u, margin.Right!.Value);   // 15 mm
    }

    [Fact]
    public void Write_WithConfiguredMargins_UsesThem()
    {
        var layout = DocumentLayout.Report with { MarginTopMm = 25, MarginLeftMm = 35, MarginRightMm = 20 };
        using var stream = new MemoryStream(Write(QuarterReport(layout)));
        using var doc = WordprocessingDocument.Open(stream, false);
        var margin = doc.MainDocumentPart!.Document.Body!.Descendants<PageMargin>().Single();

        Assert.Equal(1417, margin.Top!.Value);
        Assert.Equal(1984u, margin.Left!.Value);
        Assert.Equal(1134u, margin.Right!.Value);
    }

    [Theory]
    [InlineData(12, 20, 30, 15)]
    [InlineData(14, 19, 30, 15)]
    [InlineData(14, 20, 36, 15)]
    [InlineData(14, 20, 30, 21)]
    public void Write_LayoutOutsideTheDecree_IsRejectedWithTheRangeInTheMessage(double size, double top, double left, double right)
    {
        var layout = new DocumentLayout { FontSizePt = size, MarginTopMm = top, MarginLeftMm = left, MarginRightMm = right };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Write(QuarterReport(layout)));

        Assert.Contains("Nghị định 30/2020/NĐ-CP", ex.Message);
    }

    [Fact]
    public void Write_ScriptLayout_SetsTimesNewRoman14InDocDefaultsAndEveryRun()
    {
        using var stream = new MemoryStream(Write(QuarterReport(DocumentLayout.Script)));
        using var doc = WordprocessingDocument.Open(stream, false);

        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!
            .RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("Times New Roman", defaults.RunFonts!.Ascii!.Value);
        Assert.Equal("Times New Roman", defaults.RunFonts.HighAnsi!.Value);
        Assert.Equal("Times New Roman", defaults.RunFonts.EastAsia!.Value);
        Assert.Equal("Times New Roman", defaults.RunFonts.ComplexScript!.Value);
        Assert.Equal("28", defaults.FontSize!.Val!.Value);
        Assert.Equal("28", defaults.FontSizeComplexScript!.Val!.Value);

        var runs = doc.MainDocumentPart.Document.Body!.Descendants<Run>().Where(r => r.InnerText.Length > 0).ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal("Times New Roman", r.RunProperties!.RunFonts!.Ascii!.Value));
        Assert.All(runs, r => Assert.Equal("Times New Roman", r.RunProperties!.RunFonts!.HighAnsi!.Value));
        var bodyRun = runs.Single(r => r.InnerText.StartsWith("Trong quý I", StringComparison.Ordinal));
        Assert.Equal("28", bodyRun.RunProperties!.FontSize!.Val!.Value);
    }

    [Fact]
    public void Write_ReportLayout_Uses13Point()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);

        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!
            .RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("26", defaults.FontSize!.Val!.Value);
    }

    [Fact]
    public void Write_Report_DocumentXmlHasTheHeaderBlockAndTheDateLine()
    {
        var xml = ReadDocumentXml(Write(QuarterReport()));
        var headerTable = xml.Descendants(W + "tbl").First();
        var cells = headerTable.Descendants(W + "tc").ToList();
        var paragraphs = (XElement cell) => cell.Elements(W + "p").Select(TextOf).Where(t => t.Length > 0).ToList();

        Assert.Equal(["ỦY BAN NHÂN DÂN", "PHƯỜNG HAI BÀ TRƯNG"], paragraphs(cells[0]));
        Assert.Equal(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], paragraphs(cells[1]));
        Assert.Equal(["Số: 12/BC-UBND"], paragraphs(cells[2]));
        Assert.Equal(["Hai Bà Trưng, ngày 14 tháng 3 năm 2025"], paragraphs(cells[3]));

        var runProps = (string text) => headerTable.Descendants(W + "r").Single(r => TextOf(r) == text).Element(W + "rPr")!;
        Assert.Null(runProps("ỦY BAN NHÂN DÂN").Element(W + "b"));
        Assert.NotNull(runProps("PHƯỜNG HAI BÀ TRƯNG").Element(W + "b"));
        Assert.NotNull(runProps("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").Element(W + "b"));
        Assert.Equal("24", runProps("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").Element(W + "sz")!.Attribute(W + "val")!.Value);
        Assert.Equal("single", runProps("Độc lập - Tự do - Hạnh phúc").Element(W + "u")!.Attribute(W + "val")!.Value);
        Assert.NotNull(runProps("Hai Bà Trưng, ngày 14 tháng 3 năm 2025").Element(W + "i"));

        // The short rule under the issuing body is a bottom-bordered paragraph in the left cell.
        Assert.Single(cells[0].Descendants(W + "pBdr").Elements(W + "bottom"));
        Assert.DoesNotContain(headerTable.Element(W + "tblPr")!.Element(W + "tblBorders")!.Elements(),
            b => b.Attribute(W + "val")!.Value != "none");
    }

    [Fact]
    public void Write_Report_PutsTypeAndTitleCentredBoldAfterTheHeader()
    {
        var xml = ReadDocumentXml(Write(QuarterReport()));
        var bodyParagraphs = xml.Element(W + "body")!.Elements(W + "p").ToList();

        var type = bodyParagraphs[0];
        var title = bodyParagraphs[1];
        Assert.Equal("BÁO CÁO", TextOf(type));
        Assert.Equal("Kết quả thực hiện công tác thông tin, tuyên truyền CCHC quý I năm 2025", TextOf(title));
        Assert.All(new[] { type, title }, p =>
        {
            Assert.Equal("center", p.Element(W + "pPr")!.Element(W + "jc")!.Attribute(W + "val")!.Value);
            Assert.NotNull(p.Descendants(W + "b").FirstOrDefault());
        });
    }

    [Fact]
    public void Write_Paragraph_IsJustifiedWithFirstLineIndentAndSpacing()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);
        var paragraph = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>()
            .Single(p => p.InnerText.StartsWith("Trong quý I", StringComparison.Ordinal));
        var ppr = paragraph.ParagraphProperties!;

        Assert.Equal(JustificationValues.Both, ppr.Justification!.Val!.Value);
        Assert.Equal("720", ppr.Indentation!.FirstLine!.Value);          // 1.27 cm
        Assert.Equal("120", ppr.SpacingBetweenLines!.Before!.Value);     // 6 pt
        Assert.Equal("276", ppr.SpacingBetweenLines.Line!.Value);        // 1.15 lines
    }

    [Fact]
    public void Write_Table_HasBoldRepeatedHeaderBordersWidthsAndRightAlignedNumbers()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);
        var table = doc.MainDocumentPart!.Document.Body!.Elements<Table>()
            .Single(t => t.InnerText.Contains("Nội dung", StringComparison.Ordinal));
        var rows = table.Elements<TableRow>().ToList();

        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.All(rows[0].Descendants<Run>(), r => Assert.NotNull(r.RunProperties!.Bold));
        Assert.Equal(["STT", "Nội dung", "Số tin/bài"], rows[0].Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal(["2", "Thanh toán không dùng tiền mặt", "1.250"], rows[2].Elements<TableCell>().Select(c => c.InnerText));

        var borders = table.GetFirstChild<TableProperties>()!.TableBorders!;
        Assert.Equal(BorderValues.Single, borders.GetFirstChild<InsideHorizontalBorder>()!.Val!.Value);

        var widths = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(g => int.Parse(g.Width!.Value!)).ToList();
        Assert.Equal(11906 - 1701 - 850, widths.Sum());
        Assert.True(widths[1] > widths[2] && widths[2] > widths[0]);

        var alignment = (TableCell c) => c.Descendants<Justification>().Single().Val!.Value;
        var cells = rows[2].Elements<TableCell>().ToList();
        Assert.Equal(JustificationValues.Center, alignment(cells[0]));
        Assert.Equal(JustificationValues.Left, alignment(cells[1]));
        Assert.Equal(JustificationValues.Right, alignment(cells[2]));
    }

    [Fact]
    public void Write_Report_EndsWithRecipientsBesideTheSignature()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);
        var closing = doc.MainDocumentPart!.Document.Body!.Elements<Table>().Last();
        var cells = closing.Descendants<TableCell>().ToList();

        var left = cells[0].Elements<Paragraph>().ToList();
        Assert.Equal(["Nơi nhận:", "- UBND quận (để b/c);", "- Lưu: VT, VH-XH."], left.Select(p => p.InnerText));
        var label = left[0].Descendants<Run>().Single().RunProperties!;
        Assert.NotNull(label.Bold);
        Assert.NotNull(label.Italic);
        Assert.Equal("24", label.FontSize!.Val!.Value);
        Assert.Equal("22", left[1].Descendants<Run>().Single().RunProperties!.FontSize!.Val!.Value);

        var right = cells[1].Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"], right);
        var signer = cells[1].Descendants<Run>().Single(r => r.InnerText == "Nguyễn Văn An");
        Assert.NotNull(signer.RunProperties!.Bold);
        Assert.True(cells[1].Elements<Paragraph>().Count(p => p.InnerText.Length == 0) >= 4);
    }

    [Fact]
    public void Write_BroadcastScript_SetsCuesApartAndLabelsMetadata()
    {
        var script = new AdministrativeDocument
        {
            IssuingParent = "UBND PHƯỜNG HAI BÀ TRƯNG",
            IssuingBody = "Đài truyền thanh",
            Place = "Hai Bà Trưng",
            Date = new DateOnly(2025, 1, 5),
            DocumentType = "KỊCH BẢN PHÁT THANH",
            Title = "Đăng ký tạm trú trực tuyến",
            Layout = DocumentLayout.Script with { PageNumbers = false },
            Body =
            [
                new MetadataLineBlock("Phát thanh viên", "Nguyễn Thị Lan"),
                new MetadataLineBlock("Thời lượng ước tính:", "2 phút 15 giây"),
                new CueBlock("[Nhạc hiệu]"),
                new ParagraphBlock("Kính thưa bà con nhân dân!"),
            ],
        };

        using var stream = new MemoryStream(Write(script));
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var texts = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        Assert.Contains("Phát thanh viên: Nguyễn Thị Lan", texts);
        Assert.Contains("Thời lượng ước tính: 2 phút 15 giây", texts);
        Assert.Contains("Hai Bà Trưng, ngày 05 tháng 01 năm 2025", body.Descendants<Paragraph>().Select(p => p.InnerText));
        var cue = body.Elements<Paragraph>().Single(p => p.InnerText == "[Nhạc hiệu]");
        Assert.NotNull(cue.ParagraphProperties!.ParagraphBorders!.GetFirstChild<TopBorder>());
        Assert.NotNull(cue.Descendants<Run>().Single().RunProperties!.Italic);
        Assert.Empty(doc.MainDocumentPart.HeaderParts);
    }

    [Fact]
    public void Write_WithPageNumbers_NumbersFromPageTwo()
    {
        using var stream = new MemoryStream(Write(QuarterReport()));
        using var doc = WordprocessingDocument.Open(stream, false);
        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();

        Assert.NotNull(section.GetFirstChild<TitlePage>());
        var defaultId = section.Elements<HeaderReference>().Single(h => h.Type!.Value == HeaderFooterValues.Default).Id!.Value!;
        var header = (HeaderPart)doc.MainDocumentPart.GetPartById(defaultId);
        Assert.Contains("PAGE", header.Header!.Descendants<SimpleField>().Single().Instruction!.Value);
    }

    [Fact]
    public void Write_TextWithControlCharactersAndDecomposedMarks_IsCleanedToNfc()
    {
        var decomposed = "Tha\u0300nh phô\u0301";
        var report = QuarterReport() with { Body = [new ParagraphBlock(decomposed + "\u000B!")] };

        using var stream = new MemoryStream(Write(report));
        using var doc = WordprocessingDocument.Open(stream, false);

        Assert.Contains(doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>(), p => p.InnerText == "Thành phố!");
    }

    [Theory]
    [InlineData(2025, 1, 5, "ngày 05 tháng 01 năm 2025")]
    [InlineData(2025, 2, 28, "ngày 28 tháng 02 năm 2025")]
    [InlineData(2025, 3, 14, "ngày 14 tháng 3 năm 2025")]
    [InlineData(2025, 12, 9, "ngày 09 tháng 12 năm 2025")]
    public void DocumentDates_Format_FollowsTheDecreeLeadingZeros(int y, int m, int d, string expected)
    {
        Assert.Equal(expected, DocumentDates.Format(new DateOnly(y, m, d)));
    }

    [Fact]
    public async Task WriteAsync_ToANonSeekableStream_WritesTheSamePackage()
    {
        var destination = new NonSeekableStream();

        await new Decree30DocxWriter().WriteAsync(QuarterReport(), destination, CancellationToken.None);

        using var read = new MemoryStream(destination.Inner.ToArray());
        using var doc = WordprocessingDocument.Open(read, false);
        Assert.Contains("BÁO CÁO", doc.MainDocumentPart!.Document.Body!.InnerText);
    }

    private static XElement ReadDocumentXml(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var entry = zip.GetEntry("word/document.xml")!.Open();
        return XDocument.Load(entry).Root!;
    }

    private static string TextOf(XElement element) => string.Concat(element.Descendants(W + "t").Select(t => t.Value));
}
