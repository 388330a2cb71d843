namespace WardCms.Core.Exports;

// One model for every printed document the ward issues (periodic reports, broadcast scripts):
// the Decree 30/2020/NĐ-CP frame around a list of body blocks. Text is plain; the writer
// supplies the typography the decree prescribes.
public sealed record AdministrativeDocument
{
    // "ỦY BAN NHÂN DÂN": the body above the issuer; empty when the issuer has none.
    public string? IssuingParent { get; init; }

    // "PHƯỜNG HAI BÀ TRƯNG".
    public string? IssuingBody { get; init; }

    // "12/BC-UBND"; rendered as "Số: 12/BC-UBND". Null leaves the number space blank for
    // the clerk to fill in by hand, as drafts usually do.
    public string? Number { get; init; }

    // "Hai Bà Trưng"; rendered before the date.
    public string? Place { get; init; }

    public DateOnly? Date { get; init; }

    // "BÁO CÁO", "KỊCH BẢN PHÁT THANH".
    public string? DocumentType { get; init; }

    // "Kết quả thực hiện công tác thông tin, tuyên truyền CCHC quý I năm 2025".
    public string? Title { get; init; }

    // Scripts printed for the announcer may leave out the national heading and issuer block.
    public bool IncludeHeader { get; init; } = true;

    public IReadOnlyList<DocumentBlock> Body { get; init; } = [];

    // Lines under "Nơi nhận:", written as the decree shows them: "Như trên;", "Lưu: VT, VH-XH."
    // The leading "- " is added by the writer.
    public IReadOnlyList<string> Recipients { get; init; } = [];

    public SignatureBlock? Signature { get; init; }

    public DocumentLayout Layout { get; init; } = DocumentLayout.Report;
}

public abstract record DocumentBlock;

// Level 1 = "I. ...", 2 = "1. ...", 3 = "a) ...". The numbering is part of Text because
// reports renumber sections by hand and the decree does not use automatic lists.
public sealed record HeadingBlock(string Text, int Level = 1) : DocumentBlock;

public sealed record ParagraphBlock(string Text) : DocumentBlock
{
    public bool Bold { get; init; }
    public bool Italic { get; init; }
    public TextAlignment Alignment { get; init; } = TextAlignment.Justify;
    public bool FirstLineIndent { get; init; } = true;
}

// "- Đăng 6 tin/bài trên Trang thông tin điện tử phường;"
public sealed record BulletBlock(string Text, string Marker = "-") : DocumentBlock;

// "Phát thanh viên: Nguyễn Thị Lan": label in bold, value plain.
public sealed record MetadataLineBlock(string Label, string Value) : DocumentBlock;

// Directions to the announcer or technician ("[Nhạc hiệu]", "[Dừng 2 giây]"): italic, boxed,
// so they are never read out by mistake.
public sealed record CueBlock(string Text) : DocumentBlock;

public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock
{
    // Optional caption above the table, e.g. "Bảng 1. Số tin/bài theo tháng".
    public string? Caption { get; init; }
}

// Weight is relative: columns share the text width in proportion to their weights.
public sealed record TableColumn(string Header, double Weight = 1, CellAlignment Alignment = CellAlignment.Auto);

public sealed record PageBreakBlock : DocumentBlock;

// AuthorityLines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
public sealed record SignatureBlock(IReadOnlyList<string> AuthorityLines, string SignerName)
{
    // Room for the hand signature and the seal.
    public int BlankLines { get; init; } = 4;
}

public enum TextAlignment
{
    Left,
    Center,
    Right,
    Justify,
}

public enum CellAlignment
{
    // Right for numbers ("12", "1.250", "85,5%"), left for everything else.
    Auto,
    Left,
    Center,
    Right,
}

// Page and type settings, limited to what Decree 30/2020/NĐ-CP (Appendix I) allows.
public sealed record DocumentLayout
{
    public static DocumentLayout Report { get; } = new() { FontSizePt = 13 };
    public static DocumentLayout Script { get; } = new() { FontSizePt = 14 };

    public string FontName { get; init; } = "Times New Roman";
    public double FontSizePt { get; init; } = 13;
    public double MarginTopMm { get; init; } = 20;
    public double MarginBottomMm { get; init; } = 20;
    public double MarginLeftMm { get; init; } = 30;
    public double MarginRightMm { get; init; } = 15;

    // Multiple of single spacing; the decree allows single up to 1.5 lines.
    public double LineSpacing { get; init; } = 1.15;

    // The decree asks for a first-line indent of 1 cm to 1.27 cm.
    public double FirstLineIndentCm { get; init; } = 1.27;

    // Page numbers centred in the header from page 2, as the decree shows them.
    public bool PageNumbers { get; init; } = true;

    public void Validate()
    {
        Check(FontSizePt, 13, 14, nameof(FontSizePt), "cỡ chữ (pt)");
        Check(MarginTopMm, 20, 25, nameof(MarginTopMm), "lề trên (mm)");
        Check(MarginBottomMm, 20, 25, nameof(MarginBottomMm), "lề dưới (mm)");
        Check(MarginLeftMm, 30, 35, nameof(MarginLeftMm), "lề trái (mm)");
        Check(MarginRightMm, 15, 20, nameof(MarginRightMm), "lề phải (mm)");
        Check(LineSpacing, 1, 1.5, nameof(LineSpacing), "giãn dòng");
        Check(FirstLineIndentCm, 1, 1.27, nameof(FirstLineIndentCm), "thụt đầu dòng (cm)");
        if (string.IsNullOrWhiteSpace(FontName))
        {
            throw new ArgumentException("Phông chữ không được để trống (FontName).", nameof(FontName));
        }
    }

    private static void Check(double value, double min, double max, string name, string vietnamese)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                $"{name} = {value} nằm ngoài khoảng Nghị định 30/2020/NĐ-CP cho phép: {vietnamese} từ {min} đến {max}.");
        }
    }
}
