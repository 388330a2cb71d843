using WardCms.Core.Radio;

namespace WardCms.Tests.Radio;

public class VietnameseNumberReaderTests
{
    [Theory]
    [InlineData(0, "không")]
    [InlineData(5, "năm")]
    [InlineData(10, "mười")]
    [InlineData(11, "mười một")]
    [InlineData(14, "mười bốn")]
    [InlineData(15, "mười lăm")]
    [InlineData(20, "hai mươi")]
    [InlineData(21, "hai mươi mốt")]
    [InlineData(24, "hai mươi tư")]
    [InlineData(25, "hai mươi lăm")]
    [InlineData(55, "năm mươi lăm")]
    [InlineData(100, "một trăm")]
    [InlineData(101, "một trăm linh một")]
    [InlineData(104, "một trăm linh bốn")]
    [InlineData(105, "một trăm linh năm")]
    [InlineData(110, "một trăm mười")]
    [InlineData(115, "một trăm mười lăm")]
    [InlineData(121, "một trăm hai mươi mốt")]
    [InlineData(1000, "một nghìn")]
    [InlineData(1001, "một nghìn không trăm linh một")]
    [InlineData(1250, "một nghìn hai trăm năm mươi")]
    [InlineData(2024, "hai nghìn không trăm hai mươi tư")]
    [InlineData(2025, "hai nghìn không trăm hai mươi lăm")]
    [InlineData(10_000, "mười nghìn")]
    [InlineData(15_000, "mười lăm nghìn")]
    [InlineData(1_000_000, "một triệu")]
    [InlineData(1_005_000, "một triệu không trăm linh năm nghìn")]
    [InlineData(2_500_000, "hai triệu năm trăm nghìn")]
    [InlineData(1_000_000_000, "một tỷ")]
    [InlineData(1_000_000_005, "một tỷ không trăm linh năm")]
    [InlineData(1_000_000_000_000, "một nghìn tỷ")]
    [InlineData(1_001_000_000_000, "một nghìn không trăm linh một tỷ")]
    [InlineData(999_999_999_999, "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín")]
    [InlineData(-7, "âm bảy")]
    public void Read_Integer_ReadsAsAnnouncersDo(long number, string expected)
    {
        var spoken = VietnameseNumberReader.Read(number);

        Assert.Equal(expected, spoken);
    }

    [Theory]
    [InlineData("12,5", "mười hai phẩy năm")]
    [InlineData("0,25", "không phẩy hai mươi lăm")]
    [InlineData("12,05", "mười hai phẩy không năm")]
    [InlineData("3,14159", "ba phẩy một bốn một năm chín")]
    [InlineData("1.250", "một nghìn hai trăm năm mươi")]
    [InlineData("1.250.000", "một triệu hai trăm năm mươi nghìn")]
    [InlineData("1.250,75", "một nghìn hai trăm năm mươi phẩy bảy mươi lăm")]
    [InlineData("05", "năm")]
    public void TryRead_VietnameseNotation_UsesDotForThousandsAndCommaForDecimals(string text, string expected)
    {
        var ok = VietnameseNumberReader.TryRead(text, out var spoken);

        Assert.True(ok);
        Assert.Equal(expected, spoken);
    }

    [Theory]
    [InlineData("1.25")]
    [InlineData("12,")]
    [InlineData("abc")]
    [InlineData("1.2345")]
    public void TryRead_NotANumberInVietnameseNotation_Refuses(string text)
    {
        Assert.False(VietnameseNumberReader.TryRead(text, out _));
    }

    [Fact]
    public void Read_Decimal_ReadsFractionWithPhay()
    {
        Assert.Equal("mười hai phẩy năm", VietnameseNumberReader.Read(12.5m));
    }

    [Fact]
    public void ReadDigits_PhoneNumber_ReadsEveryDigit()
    {
        Assert.Equal("không chín một hai", VietnameseNumberReader.ReadDigits("0912"));
    }

    [Fact]
    public void ReadInteger_LongerThanLong_FallsBackToDigits()
    {
        Assert.Equal("một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu bảy tám chín",
            VietnameseNumberReader.ReadInteger("1234567890123456789"));
    }
}
