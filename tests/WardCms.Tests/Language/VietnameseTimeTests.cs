using WardCms.Core.Language;

namespace WardCms.Tests.Language;

public class VietnameseTimeTests
{
    [Theory]
    [InlineData("06:30", 6, 30)]
    [InlineData("6:30", 6, 30)]
    [InlineData("6h30", 6, 30)]
    [InlineData("6H30", 6, 30)]
    [InlineData("6g30", 6, 30)]
    [InlineData("06.30", 6, 30)]
    [InlineData("6h", 6, 0)]
    [InlineData("6 giờ 30 phút", 6, 30)]
    [InlineData("6h30'", 6, 30)]
    [InlineData("17h05", 17, 5)]
    [InlineData("5 giờ chiều", 17, 0)]
    [InlineData("7g tối", 19, 0)]
    [InlineData("06:30:00", 6, 30)]
    public void TryParse_CommonVietnameseNotations_GiveTheClockTime(string text, int hour, int minute)
    {
        Assert.True(VietnameseTime.TryParse(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25h")]
    [InlineData("6h75")]
    [InlineData("6:")]
    [InlineData("sáu giờ")]
    [InlineData("6h30x")]
    [InlineData("６h３０")] // full-width digits: refused, never an exception
    public void TryParse_Nonsense_IsRefused(string text) => Assert.False(VietnameseTime.TryParse(text, out _));
}
