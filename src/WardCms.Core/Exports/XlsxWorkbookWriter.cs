using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WardCms.Core.Exports;

// A small typed writer for the tables staff open in Excel (quota tracking, page views,
// feedback lists): each sheet has a bold, frozen, filterable header row and typed cells.
public sealed class XlsxWorkbookWriter
{
    // Excel refuses a cell longer than this; saying so beats a file Excel offers to "repair".
    public const int MaxCellTextLength = 32767;

    private readonly List<XlsxSheet> _sheets = [];

    public IReadOnlyList<XlsxSheet> Sheets => _sheets;

    public XlsxSheet AddSheet(string name, IReadOnlyList<XlsxColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException($"Trang tính \"{name}\" phải có ít nhất một cột.", nameof(columns));
        }

        var sheet = new XlsxSheet(ExcelSheetNames.Sanitize(name, _sheets.Select(s => s.Name)), columns);
        _sheets.Add(sheet);
        return sheet;
    }

    public async Task WriteAsync(Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ct.ThrowIfCancellationRequested();

        // The SDK writes synchronously and needs a seekable package; buffer so any stream works.
        using var buffer = new MemoryStream();
        Write(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, ct);
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        Write(buffer);
        return buffer.ToArray();
    }

    private void Write(MemoryStream buffer)
    {
        if (_sheets.Count == 0)
        {
            throw new InvalidOperationException("Sổ tính phải có ít nhất một trang tính (gọi AddSheet trước khi ghi).");
        }

        using var package = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook, autoSave: true);
        var workbookPart = package.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Styles.Build();
        stylesPart.Stylesheet.Save();

        var strings = new SharedStrings();
        var sheets = new Sheets();
        var definedNames = new DefinedNames();

        for (var index = 0; index < _sheets.Count; index++)
        {
            var sheet = _sheets[index];
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = BuildWorksheet(sheet, index == 0, worksheetPart, strings);
            worksheetPart.Worksheet.Save();
            sheets.Append(new Sheet
            {
                Name = sheet.Name,
                SheetId = (uint)(index + 1),
                Id = workbookPart.GetIdOfPart(worksheetPart),
            });

            // Excel records the autofilter range in this hidden name and repairs files without it.
            definedNames.Append(new DefinedName($"{QuoteSheetName(sheet.Name)}!$A$1:${ColumnLetters(sheet.Columns.Count)}${sheet.Rows.Count + 1}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = (uint)index,
                Hidden = true,
            });
        }

        var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
        sharedPart.SharedStringTable = strings.Table;
        sharedPart.SharedStringTable.Save();

        workbookPart.Workbook = new Workbook(sheets, definedNames);
        workbookPart.Workbook.Save();
    }

    private static Worksheet BuildWorksheet(XlsxSheet sheet, bool selected, WorksheetPart part, SharedStrings strings)
    {
        var lastColumn = ColumnLetters(sheet.Columns.Count);
        var lastRow = sheet.Rows.Count + 1;

        var pane = new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };
        var view = new SheetView(pane, new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            WorkbookViewId = 0,
            TabSelected = selected,
        };

        var columns = new Columns();
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            columns.Append(new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Clamp(sheet.Columns[i].Width, 1, 255),
                CustomWidth = true,
            });
        }

        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            header.Append(strings.Cell(CellReference(i, 1), sheet.Columns[i].Header, Styles.Header));
        }

        data.Append(header);

        var hyperlinks = new Hyperlinks();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var rowIndex = (uint)(r + 2);
            var row = new Row { RowIndex = rowIndex };
            var values = sheet.Rows[r];
            for (var c = 0; c < values.Count; c++)
            {
                var reference = CellReference(c, rowIndex);
                var value = values[c];
                switch (value.Kind)
                {
                    case XlsxCellKind.Empty:
                        continue;
                    case XlsxCellKind.Text:
                        row.Append(strings.Cell(reference, value.Text!, Styles.Text));
                        break;
                    case XlsxCellKind.Number:
                        row.Append(new Cell
                        {
                            CellReference = reference,
                            CellValue = new CellValue(value.Number.ToString("R", CultureInfo.InvariantCulture)),
                        });
                        break;
                    case XlsxCellKind.Date:
                    case XlsxCellKind.DateTime:
                        row.Append(new Cell
                        {
                            CellReference = reference,
                            StyleIndex = value.Kind == XlsxCellKind.Date ? Styles.Date : Styles.DateTime,
                            CellValue = new CellValue(value.Number.ToString("R", CultureInfo.InvariantCulture)),
                        });
                        break;
                    case XlsxCellKind.Link:
                        row.Append(strings.Cell(reference, value.Text!, Styles.Link));
                        var relationship = part.AddHyperlinkRelationship(value.Url!, isExternal: true);
                        hyperlinks.Append(new Hyperlink { Reference = reference, Id = relationship.Id });
                        break;
                }
            }

            data.Append(row);
        }

        var worksheet = new Worksheet(
            new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" },
            new SheetViews(view),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            columns,
            data,
            new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });
        if (hyperlinks.HasChildren)
        {
            worksheet.Append(hyperlinks);
        }

        worksheet.Append(new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        return worksheet;
    }

    internal static string ColumnLetters(int columnNumber)
    {
        var letters = new StringBuilder();
        while (columnNumber > 0)
        {
            var remainder = (columnNumber - 1) % 26;
            letters.Insert(0, (char)('A' + remainder));
            columnNumber = (columnNumber - 1) / 26;
        }

        return letters.ToString();
    }

    private static string CellReference(int zeroBasedColumn, uint row) =>
        ColumnLetters(zeroBasedColumn + 1) + row.ToString(CultureInfo.InvariantCulture);

    private static string QuoteSheetName(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public SharedStringTable Table { get; } = new();

        public Cell Cell(string reference, string text, uint style)
        {
            text = ExportText.Clean(text);
            if (text.Length > MaxCellTextLength)
            {
                throw new ArgumentException(
                    $"Ô {reference} dài {text.Length} ký tự, vượt giới hạn {MaxCellTextLength} ký tự của Excel.");
            }

            if (!_index.TryGetValue(text, out var i))
            {
                i = _index.Count;
                _index.Add(text, i);
                Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            return new Cell
            {
                CellReference = reference,
                DataType = CellValues.SharedString,
                StyleIndex = style,
                CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)),
            };
        }
    }

    // Cell formats, by index into cellXfs.
    private static class Styles
    {
        public const uint Text = 0;
        public const uint Header = 1;
        public const uint Date = 2;
        public const uint DateTime = 3;
        public const uint Link = 4;

        private const uint DateFormatId = 164; // custom formats start at 164
        private const uint DateTimeFormatId = 165;

        public static Stylesheet Build() => new(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = "dd/mm/yyyy hh:mm" })
            { Count = 2 },
            // Children of <font> must follow the schema order (b, u, sz, color, name, family).
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }),
                new Font(new Underline(), new FontSize { Val = 11 }, new Color { Rgb = "FF0563C1" }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }))
            { Count = 3 },
            // Excel requires the first two fills to be none and gray125.
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
                new CellFormat { NumberFormatId = DateFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = DateTimeFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true })
            { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}

public sealed record XlsxColumn(string Header, double Width = 15);

public sealed class XlsxSheet
{
    private readonly List<IReadOnlyList<XlsxCell>> _rows = [];

    internal XlsxSheet(string name, IReadOnlyList<XlsxColumn> columns)
    {
        Name = name;
        Columns = columns;
    }

    // The name actually used, after Excel's rules were applied.
    public string Name { get; }

    public IReadOnlyList<XlsxColumn> Columns { get; }

    public IReadOnlyList<IReadOnlyList<XlsxCell>> Rows => _rows;

    public XlsxSheet AddRow(params XlsxCell[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length > Columns.Count)
        {
            throw new ArgumentException(
                $"Dòng {_rows.Count + 2} của trang tính \"{Name}\" có {cells.Length} ô, nhiều hơn {Columns.Count} cột.",
                nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }
}

public enum XlsxCellKind
{
    Empty,
    Text,
    Number,
    Date,
    DateTime,
    Link,
}

// Dates are written as Excel serial numbers of the wall-clock value given: convert UTC to
// Asia/Ho_Chi_Minh before building the cell.
public readonly record struct XlsxCell
{
    private XlsxCell(XlsxCellKind kind, string? text = null, double number = 0, Uri? url = null)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Url = url;
    }

    public XlsxCellKind Kind { get; }
    public string? Text { get; }
    public double Number { get; }
    public Uri? Url { get; }

    public static XlsxCell Empty => default;

    public static XlsxCell FromText(string? text) =>
        text is null ? Empty : new(XlsxCellKind.Text, ExportText.Clean(text));

    public static XlsxCell FromNumber(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "Excel chỉ lưu được số hữu hạn (không nhận NaN hay vô cực).");
        }

        return new(XlsxCellKind.Number, number: number);
    }

    public static XlsxCell FromDate(DateOnly date) =>
        new(XlsxCellKind.Date, number: date.ToDateTime(TimeOnly.MinValue).ToOADate());

    public static XlsxCell FromDateTime(DateTime wallClock) =>
        new(XlsxCellKind.DateTime, number: wallClock.ToOADate());

    public static XlsxCell FromLink(string text, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "mailto"))
        {
            throw new ArgumentException($"Liên kết \"{url}\" không phải địa chỉ http(s) hoặc mailto tuyệt đối.", nameof(url));
        }

        return new(XlsxCellKind.Link, ExportText.Clean(string.IsNullOrEmpty(text) ? url : text), url: uri);
    }

    public static implicit operator XlsxCell(string? text) => FromText(text);
    public static implicit operator XlsxCell(int number) => FromNumber(number);
    public static implicit operator XlsxCell(long number) => FromNumber(number);
    public static implicit operator XlsxCell(double number) => FromNumber(number);
    public static implicit operator XlsxCell(decimal number) => FromNumber((double)number);
    public static implicit operator XlsxCell(DateOnly date) => FromDate(date);
}

// Excel's sheet-name rules: 1 to 31 characters, none of []:*?/\, not starting or ending with an
// apostrophe, unique ignoring case, and "History" is reserved.
public static class ExcelSheetNames
{
    public const int MaxLength = 31;
    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];

    public static string Sanitize(string? name, IEnumerable<string> existing)
    {
        var taken = new HashSet<string>(existing, StringComparer.OrdinalIgnoreCase) { "History" };
        var cleaned = new string(ExportText.Clean(name)
                .Select(c => Forbidden.Contains(c) || char.IsControl(c) ? '_' : c)
                .ToArray())
            .Trim()
            .Trim('\'')
            .Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "Sheet";
        }

        var candidate = Truncate(cleaned, MaxLength);
        for (var n = 2; taken.Contains(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = Truncate(cleaned, MaxLength - suffix.Length).TrimEnd().TrimEnd('\'') + suffix;
        }

        return candidate;
    }

    // Never cut a surrogate pair in half.
    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..length];
    }
}
