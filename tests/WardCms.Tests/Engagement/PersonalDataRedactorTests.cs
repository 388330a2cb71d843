using WardCms.Core.Engagement;

namespace WardCms.Tests.Engagement;

public class PersonalDataRedactorTests
{
    [Theory]
    [InlineData("Gọi 0912345678 nhé", "Gọi [đã ẩn số điện thoại] nhé")]
    [InlineData("Gọi 0912 345 678 nhé", "Gọi [đã ẩn số điện thoại] nhé")]
    [InlineData("SĐT +84 912.345.678.", "SĐT [đã ẩn số điện thoại].")]
    [InlineData("Bàn 024-3825-1234 trực", "Bàn [đã ẩn số điện thoại] trực")]
    [InlineData("Thư: lan.nguyen@phuong.gov.vn", "Thư: [đã ẩn e-mail]")]
    public void Redact_HidesPhoneNumbersAndEmails(string text, string expected)
    {
        Assert.True(PersonalDataRedactor.HasPersonalData(text));
        Assert.Equal(expected, PersonalDataRedactor.Redact(text));
    }

    [Theory]
    [InlineData("Ngày 15/3/2025 có 120 đại biểu")]
    [InlineData("Quyết định 1234/QĐ-UBND năm 2025")]
    [InlineData("Mã hồ sơ 000123")]
    public void OrdinaryNumbers_AreLeftAlone(string text)
    {
        Assert.False(PersonalDataRedactor.HasPersonalData(text));
        Assert.Equal(text, PersonalDataRedactor.Redact(text));
    }
}
