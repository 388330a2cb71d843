using WardCms.Core.Radio;

namespace WardCms.Tests.Radio;

public class SyllableCounterTests
{
    private readonly SyllableCounter _counter = new();

    [Theory]
    [InlineData("", 0)]
    [InlineData("Cải cách hành chính", 4)]
    [InlineData("Cải cách hành chính.", 4)]
    [InlineData("  Xin   chào , bà con !  ", 4)]
    [InlineData("kinh tế - xã hội", 4)]
    [InlineData("UBND phường", 5)]
    [InlineData("15/3/2025", 13)]
    [InlineData("7h30", 5)]
    [InlineData("12,5%", 6)]
    [InlineData("2025", 7)]
    [InlineData("Quyết định số 123/QĐ-UBND", 13)]
    [InlineData("100m", 3)]
    public void Count_Script_CountsSyllablesAsReadAloud(string script, int expected)
    {
        var count = _counter.Count(script);

        Assert.Equal(expected, count);
    }

    [Fact]
    public void Count_NfdInput_CountsLikeNfc()
    {
        var nfd = "Thủ tục hành chính".Normalize(System.Text.NormalizationForm.FormD);

        Assert.Equal(4, _counter.Count(nfd));
    }

    [Fact]
    public void CountReadingText_HyphenatedLoanword_CountsEachPart()
    {
        Assert.Equal(4, SyllableCounter.CountReadingText("năm ki-lô-mét"));
    }
}
