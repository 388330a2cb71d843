using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WardCms.Core.Exports;

// Writes an AdministrativeDocument as DOCX in the layout of Decree 30/2020/NĐ-CP, Appendix I.
// Only typed property setters are used on *Properties elements because the SDK then keeps
// children in schema order, which Word (unlike LibreOffice) insists on.
public sealed partial class Decree30DocxWriter
{
    private const int PageWidthTwips = 11906;  // A4, 210 mm
    private const int PageHeightTwips = 16838; // A4, 297 mm
    private const int HeaderNameSizePt = 13;
    private const int NationalNameSizePt = 12;
    private const int TitleSizePt = 14;
    private const int RecipientsLabelSizePt = 12;
    private const int RecipientsSizePt = 11;

    public async Task WriteAsync(AdministrativeDocument document, Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(destination);
        ct.ThrowIfCancellationRequested();

        // The SDK writes synchronously and needs a seekable package; buffer so any stream works.
        using var buffer = new MemoryStream();
        Write(document, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, ct);
    }

    public byte[] ToBytes(AdministrativeDocument document)
    {
        using var buffer = new MemoryStream();
        Write(document, buffer);
        return buffer.ToArray();
    }

    private static void Write(AdministrativeDocument document, MemoryStream buffer)
    {
        var layout = document.Layout;
        layout.Validate();
        var ctx = new Context(layout);

        using var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document, autoSave: true);
        var main = package.AddMainDocumentPart();
        AddStyles(main, layout);
        AddSettings(main);

        var body = new Body();
        if (document.IncludeHeader)
        {
            body.Append(HeaderTable(document, ctx));
        }

        if (!string.IsNullOrWhiteSpace(document.DocumentType))
        {
            body.Append(Para(ctx, TextAlignment.Center, before: 12, after: 0, keepNext: true,
                ctx.Run(document.DocumentType.ToUpper(Vi), bold: true, sizePt: TitleSizePt)));
        }

        if (!string.IsNullOrWhiteSpace(document.Title))
        {
            body.Append(Para(ctx, TextAlignment.Center, before: 0, after: 12, keepNext: true,
                ctx.Run(document.Title, bold: true, sizePt: TitleSizePt)));
        }

        foreach (var block in document.Body)
        {
            foreach (var element in BlockElements(block, ctx))
            {
                body.Append(element);
            }
        }

        if (document.Signature is not null || document.Recipients.Count > 0)
        {
            // A spacer paragraph keeps the closing table from touching the last body table.
            body.Append(Para(ctx, TextAlignment.Left, before: 0, after: 0, keepNext: true));
            body.Append(ClosingTable(document, ctx));
        }

        body.Append(SectionProperties(main, layout, ctx));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static void AddStyles(MainDocumentPart main, DocumentLayout layout)
    {
        var stylesPart = main.AddNewPart<StyleDefinitionsPart>();
        var size = HalfPoints(layout.FontSizePt);
        var runDefaults = new RunPropertiesBaseStyle
        {
            RunFonts = Fonts(layout.FontName),
            FontSize = new FontSize { Val = size },
            FontSizeComplexScript = new FontSizeComplexScript { Val = size },
            Languages = new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "ar-SA" },
        };
        var paragraphDefaults = new ParagraphPropertiesBaseStyle
        {
            SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
        };
        var normal = new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleRunProperties(
                Fonts(layout.FontName),
                new FontSize { Val = size },
                new FontSizeComplexScript { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        };
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(runDefaults),
                new ParagraphPropertiesDefault(paragraphDefaults)),
            normal);
        stylesPart.Styles = styles;
        styles.Save();
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var settingsPart = main.AddNewPart<DocumentSettingsPart>();
        // Without compatibilityMode 15 Word opens the file in "Compatibility Mode".
        settingsPart.Settings = new Settings(
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }));
        settingsPart.Settings.Save();
    }

    private static SectionProperties SectionProperties(MainDocumentPart main, DocumentLayout layout, Context ctx)
    {
        var section = new SectionProperties();
        if (layout.PageNumbers)
        {
            // Decree 30 numbers pages from the second one, centred at the top.
            var numbered = main.AddNewPart<HeaderPart>();
            numbered.Header = new Header(Para(ctx, TextAlignment.Center, 0, 0, false,
                new SimpleField(ctx.Run("1")) { Instruction = " PAGE " }));
            numbered.Header.Save();
            var first = main.AddNewPart<HeaderPart>();
            first.Header = new Header(new Paragraph());
            first.Header.Save();
            section.Append(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(numbered) },
                new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(first) });
        }

        section.Append(
            new PageSize { Width = PageWidthTwips, Height = PageHeightTwips, Orient = PageOrientationValues.Portrait },
            new PageMargin
            {
                Top = MmToTwips(layout.MarginTopMm),
                Bottom = MmToTwips(layout.MarginBottomMm),
                Left = (uint)MmToTwips(layout.MarginLeftMm),
                Right = (uint)MmToTwips(layout.MarginRightMm),
                Header = 567,
                Footer = 567,
                Gutter = 0,
            });
        if (layout.PageNumbers)
        {
            section.Append(new TitlePage());
        }

        return section;
    }

    private static Table HeaderTable(AdministrativeDocument document, Context ctx)
    {
        // Issuer on the left, national heading on the right; the second row keeps the number and
        // the place/date on one baseline, as in the decree's model.
        var leftWidth = (int)Math.Round(ctx.TextWidth * 0.4);
        var rightWidth = ctx.TextWidth - leftWidth;

        var left = new List<OpenXmlElement>();
        if (!string.IsNullOrWhiteSpace(document.IssuingParent))
        {
            left.Add(Para(ctx, TextAlignment.Center, 0, 0, false,
                ctx.Run(document.IssuingParent.ToUpper(Vi), sizePt: HeaderNameSizePt)));
        }

        if (!string.IsNullOrWhiteSpace(document.IssuingBody))
        {
            var name = document.IssuingBody.ToUpper(Vi);
            left.Add(Para(ctx, TextAlignment.Center, 0, 0, false, ctx.Run(name, bold: true, sizePt: HeaderNameSizePt)));
            // A short centred rule, 1/3 to 1/2 of the name's length, under the issuing body.
            var ruleWidth = (int)Math.Clamp(EstimateTextWidthTwips(name, HeaderNameSizePt, bold: true) * 0.4, 567, leftWidth - 216);
            left.Add(Rule(ctx, leftWidth, ruleWidth));
        }

        var right = new List<OpenXmlElement>
        {
            Para(ctx, TextAlignment.Center, 0, 0, false,
                ctx.Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, sizePt: NationalNameSizePt)),
            // Underlining the motto itself gives a rule exactly as long as the line, as required.
            Para(ctx, TextAlignment.Center, 0, 0, false,
                ctx.Run("Độc lập - Tự do - Hạnh phúc", bold: true, underline: true, sizePt: HeaderNameSizePt)),
        };

        var number = string.IsNullOrWhiteSpace(document.Number) ? "Số:      /" : $"Số: {document.Number.Trim()}";
        var numberCell = new List<OpenXmlElement>
        {
            Para(ctx, TextAlignment.Center, 6, 0, false, ctx.Run(number, sizePt: HeaderNameSizePt)),
        };

        var dateText = document.Date is { } date
            ? DocumentDates.FormatPlaceAndDate(document.Place, date)
            : $"{(string.IsNullOrWhiteSpace(document.Place) ? "" : document.Place.Trim() + ", ")}ngày      tháng      năm      ";
        var dateCell = new List<OpenXmlElement>
        {
            Para(ctx, TextAlignment.Center, 6, 0, false, ctx.Run(dateText, italic: true)),
        };

        var table = new Table(
            BorderlessTableProperties(ctx.TextWidth),
            new TableGrid(new GridColumn { Width = leftWidth.ToString(Inv) }, new GridColumn { Width = rightWidth.ToString(Inv) }),
            new TableRow(Cell(leftWidth, left), Cell(rightWidth, right)),
            new TableRow(Cell(leftWidth, numberCell), Cell(rightWidth, dateCell)));
        return table;
    }

    private static Table ClosingTable(AdministrativeDocument document, Context ctx)
    {
        var leftWidth = (int)Math.Round(ctx.TextWidth * 0.45);
        var rightWidth = ctx.TextWidth - leftWidth;

        var left = new List<OpenXmlElement>();
        if (document.Recipients.Count > 0)
        {
            left.Add(Para(ctx, TextAlignment.Left, 0, 0, false,
                ctx.Run("Nơi nhận:", bold: true, italic: true, sizePt: RecipientsLabelSizePt)));
            foreach (var recipient in document.Recipients)
            {
                left.Add(Para(ctx, TextAlignment.Left, 0, 0, false,
                    ctx.Run("- " + recipient.Trim().TrimStart('-', ' '), sizePt: RecipientsSizePt)));
            }
        }
        else
        {
            left.Add(new Paragraph());
        }

        var right = new List<OpenXmlElement>();
        if (document.Signature is { } signature)
        {
            foreach (var line in signature.AuthorityLines)
            {
                right.Add(Para(ctx, TextAlignment.Center, 0, 0, false, ctx.Run(line.ToUpper(Vi), bold: true)));
            }

            for (var i = 0; i < signature.BlankLines; i++)
            {
                right.Add(Para(ctx, TextAlignment.Center, 0, 0, false));
            }

            right.Add(Para(ctx, TextAlignment.Center, 0, 0, false, ctx.Run(signature.SignerName, bold: true)));
        }
        else
        {
            right.Add(new Paragraph());
        }

        // Recipients and signature belong together; the row may not split across pages.
        var row = new TableRow(
            new TableRowProperties(new CantSplit()),
            Cell(leftWidth, left),
            Cell(rightWidth, right));

        return new Table(
            BorderlessTableProperties(ctx.TextWidth),
            new TableGrid(new GridColumn { Width = leftWidth.ToString(Inv) }, new GridColumn { Width = rightWidth.ToString(Inv) }),
            row);
    }

    private static IEnumerable<OpenXmlElement> BlockElements(DocumentBlock block, Context ctx)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var level = Math.Clamp(heading.Level, 1, 3);
                yield return BodyPara(ctx, TextAlignment.Justify, indent: true, keepNext: true,
                    ctx.Run(heading.Text, bold: level <= 2, italic: level == 3));
                break;

            case ParagraphBlock paragraph:
                yield return BodyPara(ctx, paragraph.Alignment, paragraph.FirstLineIndent, keepNext: false,
                    ctx.Run(paragraph.Text, bold: paragraph.Bold, italic: paragraph.Italic));
                break;

            case BulletBlock bullet:
                yield return BodyPara(ctx, TextAlignment.Justify, indent: true, keepNext: false,
                    ctx.Run($"{bullet.Marker} {ExportText.Clean(bullet.Text).Trim()}"));
                break;

            case MetadataLineBlock meta:
                yield return BodyPara(ctx, TextAlignment.Left, indent: false, keepNext: false,
                    ctx.Run(meta.Label.TrimEnd().TrimEnd(':') + ": ", bold: true),
                    ctx.Run(meta.Value));
                break;

            case CueBlock cue:
                yield return CuePara(ctx, cue.Text);
                break;

            case TableBlock table:
                if (!string.IsNullOrWhiteSpace(table.Caption))
                {
                    yield return Para(ctx, TextAlignment.Center, 6, 3, keepNext: true, ctx.Run(table.Caption, bold: true));
                }

                yield return DataTable(table, ctx);
                // Word merges two adjacent tables; a paragraph between them keeps them apart.
                yield return Para(ctx, TextAlignment.Left, 0, 0, false);
                break;

            case PageBreakBlock:
                yield return new Paragraph(new Run(new Break { Type = BreakValues.Page }));
                break;

            default:
                throw new NotSupportedException($"Khối nội dung {block.GetType().Name} chưa được hỗ trợ khi xuất DOCX.");
        }
    }

    private static Table DataTable(TableBlock block, Context ctx)
    {
        if (block.Columns.Count == 0)
        {
            throw new ArgumentException("Bảng phải có ít nhất một cột.", nameof(block));
        }

        var totalWeight = block.Columns.Sum(c => c.Weight > 0 ? c.Weight : 1);
        var widths = block.Columns
            .Select(c => (int)Math.Floor(ctx.TextWidth * (c.Weight > 0 ? c.Weight : 1) / totalWeight))
            .ToArray();
        widths[^1] += ctx.TextWidth - widths.Sum();

        var border = () => new BorderType[]
        {
            new TopBorder(), new LeftBorder(), new BottomBorder(), new RightBorder(),
            new InsideHorizontalBorder(), new InsideVerticalBorder(),
        };
        var borders = new TableBorders();
        foreach (var b in border())
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Space = 0;
            b.Color = "000000";
            borders.Append(b);
        }

        var properties = new TableProperties
        {
            TableWidth = new TableWidth { Width = ctx.TextWidth.ToString(Inv), Type = TableWidthUnitValues.Dxa },
            TableBorders = borders,
            TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
            TableCellMarginDefault = new TableCellMarginDefault(
                new TopMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa }),
        };

        var table = new Table(properties, new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(Inv) })));

        var header = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        for (var i = 0; i < block.Columns.Count; i++)
        {
            header.Append(Cell(widths[i], [Para(ctx, TextAlignment.Center, 0, 0, false,
                ctx.Run(block.Columns[i].Header, bold: true))], VerticalAlignment.Center));
        }

        table.Append(header);

        foreach (var values in block.Rows)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < block.Columns.Count; i++)
            {
                var value = i < values.Count ? ExportText.Clean(values[i]) : string.Empty;
                var alignment = block.Columns[i].Alignment switch
                {
                    CellAlignment.Left => TextAlignment.Left,
                    CellAlignment.Center => TextAlignment.Center,
                    CellAlignment.Right => TextAlignment.Right,
                    _ => NumberLike().IsMatch(value) ? TextAlignment.Right : TextAlignment.Left,
                };
                row.Append(Cell(widths[i], [Para(ctx, alignment, 0, 0, false, ctx.Run(value))]));
            }

            table.Append(row);
        }

        return table;
    }

    private static Paragraph CuePara(Context ctx, string text)
    {
        var border = () => new BorderType[] { new TopBorder(), new LeftBorder(), new BottomBorder(), new RightBorder() };
        var borders = new ParagraphBorders();
        foreach (var b in border())
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Space = 4;
            b.Color = "000000";
            borders.Append(b);
        }

        var paragraph = BodyPara(ctx, TextAlignment.Left, indent: false, keepNext: true, ctx.Run(text, italic: true));
        paragraph.ParagraphProperties!.ParagraphBorders = borders;
        paragraph.ParagraphProperties.Indentation = new Indentation { Left = "113", Right = "113" };
        return paragraph;
    }

    private static Paragraph BodyPara(Context ctx, TextAlignment alignment, bool indent, bool keepNext, params Run[] runs)
    {
        var paragraph = Para(ctx, alignment, before: 6, after: 0, keepNext, runs);
        var ppr = paragraph.ParagraphProperties!;
        ppr.SpacingBetweenLines!.Line = ((int)Math.Round(240 * ctx.Layout.LineSpacing)).ToString(Inv);
        ppr.SpacingBetweenLines.LineRule = LineSpacingRuleValues.Auto;
        if (indent)
        {
            ppr.Indentation = new Indentation { FirstLine = CmToTwips(ctx.Layout.FirstLineIndentCm).ToString(Inv) };
        }

        return paragraph;
    }

    private static Paragraph Para(Context ctx, TextAlignment alignment, int before, int after, bool keepNext, params OpenXmlElement[] content)
    {
        var ppr = new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines
            {
                Before = (before * 20).ToString(Inv),
                After = (after * 20).ToString(Inv),
            },
            Justification = new Justification { Val = alignment switch
            {
                TextAlignment.Center => JustificationValues.Center,
                TextAlignment.Right => JustificationValues.Right,
                TextAlignment.Justify => JustificationValues.Both,
                _ => JustificationValues.Left,
            } },
        };
        if (keepNext)
        {
            ppr.KeepNext = new KeepNext();
        }

        // Empty paragraphs still take the body size so blank lines are as tall as text lines.
        var size = HalfPoints(ctx.Layout.FontSizePt);
        ppr.ParagraphMarkRunProperties = new ParagraphMarkRunProperties(
            Fonts(ctx.Layout.FontName),
            new FontSize { Val = size },
            new FontSizeComplexScript { Val = size });
        var paragraph = new Paragraph(ppr);
        paragraph.Append(content);
        return paragraph;
    }

    private static Paragraph Rule(Context ctx, int cellWidth, int ruleWidth)
    {
        var side = Math.Max(0, (cellWidth - 216 - ruleWidth) / 2);
        var size = new FontSize { Val = "4" };
        return new Paragraph(new ParagraphProperties
        {
            ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "80", LineRule = LineSpacingRuleValues.Exact },
            Indentation = new Indentation { Left = side.ToString(Inv), Right = side.ToString(Inv) },
            ParagraphMarkRunProperties = new ParagraphMarkRunProperties(Fonts(ctx.Layout.FontName), size),
        });
    }

    private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content, VerticalAlignment? vertical = null)
    {
        var tcPr = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = width.ToString(Inv), Type = TableWidthUnitValues.Dxa },
        };
        if (vertical is { } v)
        {
            tcPr.TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = v switch
            {
                VerticalAlignment.Center => TableVerticalAlignmentValues.Center,
                _ => TableVerticalAlignmentValues.Top,
            } };
        }

        var cell = new TableCell(tcPr);
        cell.Append(content);
        if (!cell.Elements<Paragraph>().Any() && !cell.Elements<Table>().Any())
        {
            cell.Append(new Paragraph()); // a cell must end with a paragraph
        }

        return cell;
    }

    private static TableProperties BorderlessTableProperties(int width) => new()
    {
        TableWidth = new TableWidth { Width = width.ToString(Inv), Type = TableWidthUnitValues.Dxa },
        TableBorders = new TableBorders(
            new TopBorder { Val = BorderValues.None },
            new LeftBorder { Val = BorderValues.None },
            new BottomBorder { Val = BorderValues.None },
            new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None },
            new InsideVerticalBorder { Val = BorderValues.None }),
        TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
    };

    private static RunFonts Fonts(string name) => new()
    {
        Ascii = name,
        HighAnsi = name,
        EastAsia = name,
        ComplexScript = name,
    };

    private static string HalfPoints(double pt) => ((int)Math.Round(pt * 2)).ToString(Inv);

    internal static int MmToTwips(double mm) => (int)Math.Round(mm * 1440 / 25.4);

    private static int CmToTwips(double cm) => MmToTwips(cm * 10);

    // Rough width of upper-case Times bold: enough to size the rule under the issuer's name.
    private static double EstimateTextWidthTwips(string text, double sizePt, bool bold) =>
        text.Length * sizePt * 20 * (bold ? 0.68 : 0.62);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    // "12", "-3", "1.250", "12,5", "85%", "1.250.000 đ" are numbers to a Vietnamese reader.
    [GeneratedRegex(@"^[-+]?\d[\d.,\s]*%?(\s?đ)?$")]
    private static partial Regex NumberLike();

    private enum VerticalAlignment
    {
        Top,
        Center,
    }

    private sealed class Context(DocumentLayout layout)
    {
        public DocumentLayout Layout { get; } = layout;

        public int TextWidth { get; } = PageWidthTwips - MmToTwips(layout.MarginLeftMm) - MmToTwips(layout.MarginRightMm);

        public RunProperties RunProperties(bool bold, bool italic, bool underline, double? sizePt)
        {
            var size = HalfPoints(sizePt ?? Layout.FontSizePt);
            var rpr = new RunProperties
            {
                RunFonts = Fonts(Layout.FontName),
                FontSize = new FontSize { Val = size },
                FontSizeComplexScript = new FontSizeComplexScript { Val = size },
            };
            if (bold)
            {
                rpr.Bold = new Bold();
                rpr.BoldComplexScript = new BoldComplexScript();
            }

            if (italic)
            {
                rpr.Italic = new Italic();
                rpr.ItalicComplexScript = new ItalicComplexScript();
            }

            if (underline)
            {
                rpr.Underline = new Underline { Val = UnderlineValues.Single };
            }

            return rpr;
        }

        public Run Run(string? text, bool bold = false, bool italic = false, bool underline = false, double? sizePt = null)
        {
            var run = new Run(RunProperties(bold, italic, underline, sizePt));
            var lines = ExportText.Clean(text).Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    run.Append(new Break());
                }

                run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            }

            return run;
        }
    }
}
