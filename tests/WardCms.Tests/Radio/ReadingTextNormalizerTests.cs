using System.Text;
using WardCms.Core.Radio;

namespace WardCms.Tests.Radio;

public class ReadingTextNormalizerTests
{
    private readonly ReadingTextNormalizer _normalizer = new();

    [Theory]
    [InlineData("UBND phường Hai Bà Trưng", "Ủy ban nhân dân phường Hai Bà Trưng")]
    [InlineData("HĐND và UBND phường", "Hội đồng nhân dân và Ủy ban nhân dân phường")]
    [InlineData("Tuyên truyền CCHC năm nay", "Tuyên truyền cải cách hành chính năm nay")]
    [InlineData("Giải quyết TTHC cho người dân", "Giải quyết thủ tục hành chính cho người dân")]
    [InlineData("Ủy ban MTTQ phường", "Ủy ban Mặt trận Tổ quốc phường")]
    [InlineData("Ứng dụng CNTT và CSDL quốc gia", "Ứng dụng công nghệ thông tin và cơ sở dữ liệu quốc gia")]
    [InlineData("Cổng DVC quốc gia", "Cổng dịch vụ công quốc gia")]
    [InlineData("TP Hà Nội", "thành phố Hà Nội")]
    [InlineData("Năm 2020, TP. Hà Nội sẽ", "Năm hai nghìn không trăm hai mươi, thành phố Hà Nội sẽ")]
    [InlineData("phát triển KT-XH", "phát triển kinh tế - xã hội")]
    [InlineData("Thẻ BHYT và sổ BHXH", "Thẻ bảo hiểm y tế và sổ bảo hiểm xã hội")]
    [InlineData("thay CMND bằng CCCD", "thay chứng minh nhân dân bằng căn cước công dân")]
    [InlineData("Văn phòng HĐND&UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")]
    [InlineData("BCH TW Đảng khóa XII", "Ban Chấp hành Trung ương Đảng khóa mười hai")]
    public void Normalize_Abbreviation_ExpandsWholeWord(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("UBNDX vẫn giữ", "UBNDX vẫn giữ")]
    [InlineData("ubnd viết thường", "ubnd viết thường")]
    [InlineData("VNeID là tài khoản định danh", "VNeID là tài khoản định danh")]
    public void Normalize_NotAWholeCaseSensitiveAbbreviation_StaysAsWritten(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("15/3/2025", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("ngày 15/3/2025", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("Ngày 15/3/2025, phường tổ chức", "Ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm, phường tổ chức")]
    [InlineData("hạn chót 15/3", "hạn chót ngày mười lăm tháng ba")]
    [InlineData("01/02/2025", "ngày một tháng hai năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("ngày 24/4/2025", "ngày hai mươi tư tháng tư năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("31/12/2025", "ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("ngày 15-3-2025", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("trong tháng 3/2025", "trong tháng ba năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("từ tháng 4 đến tháng 11", "từ tháng tư đến tháng mười một")]
    [InlineData("ngày 15 tháng 4 năm 2025", "ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("quý I/2025", "quý một năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("Quốc hội khóa XV", "Quốc hội khóa mười lăm")]
    [InlineData("từ 15/3 - 20/3", "từ ngày mười lăm tháng ba đến ngày hai mươi tháng ba")]
    [InlineData("hỗ trợ 24/7", "hỗ trợ hai mươi tư trên bảy")]
    [InlineData("Chuyển đổi số quốc gia 10-10", "Chuyển đổi số quốc gia ngày mười tháng mười")]
    [InlineData("nghỉ lễ ngày 2-9", "nghỉ lễ ngày hai tháng chín")]
    [InlineData("ngày 24/7", "ngày hai mươi tư tháng bảy")]
    public void Normalize_Date_ReadsDayMonthYear(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("lúc 7h30", "lúc bảy giờ ba mươi phút")]
    [InlineData("từ 7h sáng", "từ bảy giờ sáng")]
    [InlineData("14h05 chiều nay", "mười bốn giờ không năm phút chiều nay")]
    [InlineData("lúc 7:30", "lúc bảy giờ ba mươi phút")]
    [InlineData("08h00", "tám giờ")]
    [InlineData("làm việc 7h30-11h30", "làm việc bảy giờ ba mươi phút đến mười một giờ ba mươi phút")]
    [InlineData("diện tích 5ha", "diện tích năm héc-ta")]
    public void Normalize_Time_ReadsHoursAndMinutes(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("1.250 hồ sơ", "một nghìn hai trăm năm mươi hồ sơ")]
    [InlineData("1.250.000 đồng", "một triệu hai trăm năm mươi nghìn đồng")]
    [InlineData("đạt 12,5%", "đạt mười hai phẩy năm phần trăm")]
    [InlineData("đạt 100 %", "đạt một trăm phần trăm")]
    [InlineData("tăng 0,5 điểm", "tăng không phẩy năm điểm")]
    [InlineData("05 hồ sơ", "năm hồ sơ")]
    [InlineData("thứ 2", "thứ hai")]
    [InlineData("lần thứ 1", "lần thứ nhất")]
    [InlineData("Thứ 4 hằng tuần", "Thứ tư hằng tuần")]
    [InlineData("PAR INDEX xếp thứ 5/30", "PAR INDEX xếp thứ năm trên ba mươi")]
    [InlineData("từ 5-7 ngày", "từ năm đến bảy ngày")]
    [InlineData("cách mạng công nghiệp 4.0", "cách mạng công nghiệp bốn chấm không")]
    [InlineData("1/100 số hộ", "một phần một trăm số hộ")]
    [InlineData("lệ phí 50.000đ", "lệ phí năm mươi nghìn đồng")]
    [InlineData("triển khai Đề án 06", "triển khai Đề án không sáu")]
    [InlineData("giai đoạn 2021-2025", "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm")]
    [InlineData("12.000 m2 đất", "mười hai nghìn mét vuông đất")]
    [InlineData("1,5 tỷ đồng", "một phẩy năm tỷ đồng")]
    [InlineData("số CCCD 001203004567", "số căn cước công dân không không một hai không ba không không bốn năm sáu bảy")]
    public void Normalize_Number_ReadsAsWords(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("Nghị định 12/2024/NĐ-CP",
        "Nghị định số mười hai năm hai nghìn không trăm hai mươi tư của Chính phủ")]
    [InlineData("Quyết định số 123/QĐ-UBND",
        "Quyết định số một trăm hai mươi ba của Ủy ban nhân dân")]
    [InlineData("Kế hoạch số 145/KH-UBND ngày 14/6/2021",
        "Kế hoạch số một trăm bốn mươi lăm của Ủy ban nhân dân ngày mười bốn tháng sáu năm hai nghìn không trăm hai mươi mốt")]
    [InlineData("Thông tư 39/2020/TT-BTTTT",
        "Thông tư số ba mươi chín năm hai nghìn không trăm hai mươi của Bộ Thông tin và Truyền thông")]
    [InlineData("Nghị định số 30/2020/NĐ-CP",
        "Nghị định số ba mươi năm hai nghìn không trăm hai mươi của Chính phủ")]
    [InlineData("Chỉ thị số 05/CT-TTg",
        "Chỉ thị số năm của Thủ tướng Chính phủ")]
    [InlineData("Thông tư 01/2025/TT-BNV",
        "Thông tư số một năm hai nghìn không trăm hai mươi lăm của Bộ Nội vụ")]
    [InlineData("Nghị quyết số 12/NQ-HĐND",
        "Nghị quyết số mười hai của Hội đồng nhân dân")]
    [InlineData("Luật số 65/2025/QH15",
        "Luật số sáu mươi lăm năm hai nghìn không trăm hai mươi lăm của Quốc hội khóa mười lăm")]
    [InlineData("thực hiện theo 12/2024/NĐ-CP.",
        "thực hiện theo Nghị định số mười hai năm hai nghìn không trăm hai mươi tư của Chính phủ.")]
    [InlineData("Công văn số 321/UBND-VX",
        "Công văn số ba trăm hai mươi mốt của Ủy ban nhân dân")]
    [InlineData("Nghị quyết số 18-NQ/TW",
        "Nghị quyết số mười tám của Trung ương")]
    [InlineData("Số: 25/KH-UBND",
        "Số hai mươi lăm của Ủy ban nhân dân")]
    [InlineData("Số hiệu 25/KH-UBND",
        "Số hiệu số hai mươi lăm của Ủy ban nhân dân")]
    public void Normalize_DocumentNumber_ReadsAsAnnouncersDo(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("gọi 0243.826.1234", "gọi không hai bốn ba tám hai sáu một hai ba bốn")]
    [InlineData("ĐT: 0912 345 678", "điện thoại: không chín một hai ba bốn năm sáu bảy tám")]
    [InlineData("số 0912345678", "số không chín một hai ba bốn năm sáu bảy tám")]
    [InlineData("đường dây nóng 1022", "đường dây nóng một không hai hai")]
    [InlineData("gọi (024) 3826 1234", "gọi không hai bốn ba tám hai sáu một hai ba bốn")]
    [InlineData("tổng đài 1900 1234", "tổng đài một chín không không một hai ba bốn")]
    [InlineData("+84 912 345 678", "cộng tám bốn chín một hai ba bốn năm sáu bảy tám")]
    public void Normalize_PhoneNumber_ReadsDigitByDigit(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Theory]
    [InlineData("  Kính   thưa\tbà con  ", "Kính thưa bà con")]
    [InlineData("Dòng một\r\n\r\n\r\n\r\nDòng hai", "Dòng một\n\nDòng hai")]
    [InlineData("Xin chào bà con!", "Xin chào bà con!")]
    [InlineData("1. Mục đích\n2. Yêu cầu", "Một. Mục đích\nHai. Yêu cầu")]
    [InlineData("15/3 là hạn chót\n2 hồ sơ còn thiếu", "ngày mười lăm tháng ba là hạn chót\nhai hồ sơ còn thiếu")]
    public void Normalize_Whitespace_IsTidied(string script, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(script));
    }

    [Fact]
    public void Normalize_DecomposedInput_ComesOutNfc()
    {
        var nfd = "Thủ tục hành chính".Normalize(NormalizationForm.FormD);

        var result = _normalizer.Normalize(nfd);

        Assert.True(result.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Thủ tục hành chính", result);
    }

    [Fact]
    public void Normalize_CustomDictionary_IsUsedInsteadOfDefaults()
    {
        var normalizer = new ReadingTextNormalizer(new Dictionary<string, string> { ["TTPVHCC"] = "Trung tâm Phục vụ hành chính công" });

        var result = normalizer.Normalize("TTPVHCC và UBND");

        Assert.Equal("Trung tâm Phục vụ hành chính công và UBND", result);
    }

    [Fact]
    public void Normalize_ScriptParagraph_ReadsEverything()
    {
        var script = "Thực hiện Kế hoạch số 25/KH-UBND ngày 24/01/2025 của UBND TP Hà Nội, từ 8h00 ngày 15/3, "
            + "phường đã giải quyết 1.250 hồ sơ TTHC, đạt 98,5%. Mọi thắc mắc xin gọi 0243.826.1234.";

        var result = _normalizer.Normalize(script);

        Assert.Equal(
            "Thực hiện Kế hoạch số hai mươi lăm của Ủy ban nhân dân ngày hai mươi tư tháng một năm hai nghìn không trăm hai mươi lăm "
            + "của Ủy ban nhân dân thành phố Hà Nội, từ tám giờ ngày mười lăm tháng ba, "
            + "phường đã giải quyết một nghìn hai trăm năm mươi hồ sơ thủ tục hành chính, đạt chín mươi tám phẩy năm phần trăm. "
            + "Mọi thắc mắc xin gọi không hai bốn ba tám hai sáu một hai ba bốn.",
            result);
        Assert.DoesNotMatch(@"\d", result);
    }
}
