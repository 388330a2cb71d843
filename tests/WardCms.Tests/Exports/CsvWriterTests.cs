using System.Text;
using WardCms.Core.Exports;

namespace WardCms.Tests.Exports;

public class CsvWriterTests
{
    [Theory]
    [InlineData("Đăng ký tạm trú", "Đăng ký tạm trú")]
    [InlineData("Hà Nội, Việt Nam", "\"Hà Nội, Việt Nam\"")]
    [InlineData("Bài \"Một cửa\" điện tử", "\"Bài \"\"Một cửa\"\" điện tử\"")]
    [InlineData("dòng 1\r\ndòng 2", "\"dòng 1\r\ndòng 2\"")]
    [InlineData("dòng 1\ndòng 2", "\"dòng 1\ndòng 2\"")]
    [InlineData(" lề", "\" lề\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escape_QuotesOnlyWhenRfc4180RequiresIt(string? field, string expected)
    {
        Assert.Equal(expected, CsvWriter.Escape(field));
    }

    [Fact]
    public void Escape_DropsControlCharactersAndBidiOverrides_StoredBeforeInputWasCleaned() =>
        Assert.Equal("\"Ý kiến\r\ncó ký tự lạ\"", CsvWriter.Escape("Ý\u0007 kiến\r\ncó\u0000 ký tự\u202E lạ\uFFFF"));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+84 912 345 678", "'+84 912 345 678")]
    [InlineData("-5", "-5")]
    [InlineData("-12.5", "-12.5")]
    public void Escape_FieldThatExcelWouldRunAsAFormula_GetsAnApostrophe(string field, string expected)
    {
        Assert.Equal(expected, CsvWriter.Escape(field));
    }

    [Fact]
    public async Task ToBytes_WritesUtf8WithBomAndCrlfRowEnds()
    {
        var bytes = await CsvWriter.ToBytesAsync(
        [
            ["Tiêu đề", "Lượt xem"],
            ["Thanh toán trực tuyến, không dùng tiền mặt", "1250"],
        ]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal("Tiêu đề,Lượt xem\r\n\"Thanh toán trực tuyến, không dùng tiền mặt\",1250\r\n", text);
    }

    [Fact]
    public async Task WriteRow_WithSemicolonSeparator_QuotesFieldsContainingIt()
    {
        using var buffer = new MemoryStream();
        await using (var csv = new CsvWriter(buffer, separator: ';'))
        {
            await csv.WriteRowAsync(["a;b", "c,d"]);
        }

        Assert.Equal("\"a;b\";c,d\r\n", Encoding.UTF8.GetString(buffer.ToArray()[3..]));
    }

    [Fact]
    public async Task WriteRow_DecomposedVietnamese_IsWrittenAsNfc()
    {
        var bytes = await CsvWriter.ToBytesAsync([["Tha\u0300nh phô\u0301"]]);

        Assert.Equal("Thành phố\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
