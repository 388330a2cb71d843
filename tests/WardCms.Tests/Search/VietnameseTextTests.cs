using System.Text;
using WardCms.Core.Search;

namespace WardCms.Tests.Search;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Đăng ký tạm trú", "dang ky tam tru")]
    [InlineData("ĐÀI TRUYỀN THANH", "dai truyen thanh")]
    [InlineData("người dân", "nguoi dan")]
    [InlineData("Quyết định số 123/QĐ-UBND", "quyet dinh so 123/qd-ubnd")]
    public void Fold_RemovesTonesMarksAndBarFromD(string text, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(text));
    }

    [Fact]
    public void Fold_DecomposedInput_FoldsLikeComposed()
    {
        var nfd = "Đăng ký hộ tịch".Normalize(NormalizationForm.FormD);

        Assert.Equal("dang ky ho tich", VietnameseText.Fold(nfd));
    }

    [Fact]
    public void Normalize_DecomposedInput_ReturnsComposed()
    {
        var nfd = "Trường".Normalize(NormalizationForm.FormD);

        Assert.Equal("Trường", VietnameseText.Normalize(nfd));
        Assert.Equal(6, VietnameseText.Normalize(nfd).Length);
    }

    [Fact]
    public void Tokenize_DocumentNumber_SplitsIntoSearchableParts()
    {
        var tokens = VietnameseText.Tokenize("Số 123/QĐ-UBND ngày 5/3");

        Assert.Equal(["số", "123", "qđ", "ubnd", "ngày", "5", "3"], tokens.Select(t => t.Exact));
        Assert.Equal(["so", "123", "qd", "ubnd", "ngay", "5", "3"], tokens.Select(t => t.Folded));
    }

    [Fact]
    public void Tokenize_PositionsPointIntoTheText()
    {
        var text = "Đài truyền thanh, phường 7.";
        var tokens = VietnameseText.Tokenize(text);

        Assert.All(tokens, t => Assert.Equal(t.Text, text.Substring(t.Start, t.Length)));
        Assert.Equal(["Đài", "truyền", "thanh", "phường", "7"], tokens.Select(t => t.Text));
    }

    [Theory]
    [InlineData("Đăng", true)]
    [InlineData("QĐ", true)]
    [InlineData("dang", false)]
    [InlineData("UBND", false)]
    public void TokenHasMarks_OnlyForTonesVowelMarksOrD(string word, bool expected)
    {
        Assert.Equal(expected, VietnameseText.Tokenize(word).Single().HasMarks);
    }

    [Fact]
    public void Tokenize_Punctuation_GivesNoTokens()
    {
        Assert.Empty(VietnameseText.Tokenize("-- ' \" * ) ( ++ / <-> :* "));
    }

    [Fact]
    public void DocumentYear_PublishedAt2330OnNewYearsEveIct_CountsForThatYear()
    {
        var lateEvening = new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero); // 23:30 ICT
        var afterMidnight = new DateTimeOffset(2024, 12, 31, 17, 30, 0, TimeSpan.Zero); // 00:30 ICT

        Assert.Equal(2024, Doc(lateEvening).Year);
        Assert.Equal(2025, Doc(afterMidnight).Year);
    }

    private static SearchDocument Doc(DateTimeOffset at) => new(1, 1, "t", null, null, "x", "/x", at);
}
