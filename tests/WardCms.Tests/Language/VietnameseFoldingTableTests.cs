using System.Text;
using WardCms.Core.Language;
using WardCms.Tests.Recipes;

namespace WardCms.Tests.Language;

/// <summary>The table-driven Fold and Lower must give exactly what the ICU path gives.</summary>
public sealed class VietnameseFoldingTableTests
{
    [Fact]
    public void Fold_AndLower_MatchIcu_ForEveryCharacterOfTheLatinRanges()
    {
        for (var c = 1; c < 0x1F00; c++)
        {
            var s = ((char)c).ToString();
            if (char.IsSurrogate(s[0]))
            {
                continue;
            }
            Assert.True(Vietnamese.FoldThroughIcu(s) == Vietnamese.Fold(s), $"Fold U+{c:X4}");
            Assert.True(s.ToLowerInvariant() == Vietnamese.Lower(s), $"Lower U+{c:X4}");
        }
    }

    [Theory]
    [InlineData("Đăng ký tạm trú trực tuyến", "dang ky tam tru truc tuyen")]
    [InlineData("ĐỀ ÁN 06: Định danh điện tử!", "de an 06: dinh danh dien tu!")]
    [InlineData("Quyết định 123/QĐ-UBND", "quyet dinh 123/qd-ubnd")]
    public void Fold_KnownTitles(string text, string folded) => Assert.Equal(folded, Vietnamese.Fold(text));

    [Theory]
    // NFD input (e + combining marks), a stray combining mark, Greek, Hangul jamo, an emoji: the ICU path.
    [InlineData("Đa\u0306ng ky\u0301")]
    [InlineData("\u0301ABC")]
    [InlineData("Ελληνικά και tiếng Việt")]
    [InlineData("\u1100\u1161 hangul")]
    [InlineData("chào 👋 bạn")]
    public void Fold_AndLower_MatchIcu_OutsideTheTables(string text)
    {
        Assert.Equal(Vietnamese.FoldThroughIcu(text), Vietnamese.Fold(text));
        Assert.Equal(text.ToLowerInvariant(), Vietnamese.Lower(text));
    }

    [Fact]
    public void Fold_AndLower_MatchIcu_OverTheDemoContent()
    {
        var text = File.ReadAllText(RecipeTestHost.RepoFile("recipes", "demo-content.recipe.json"), Encoding.UTF8);
        var words = text.Split([' ', '\n', '"', ',', '.'], StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length > 5_000);
        foreach (var word in words)
        {
            Assert.Equal(Vietnamese.FoldThroughIcu(word), Vietnamese.Fold(word));
            Assert.Equal(word.ToLowerInvariant(), Vietnamese.Lower(word));
        }
        Assert.Equal(Vietnamese.FoldThroughIcu(text), Vietnamese.Fold(text));
    }
}

public sealed class VietnameseNfcFastPathTests
{
    [Fact]
    public void EveryCharacterTakenAsPlainlyNfc_IsLeftAloneByNfc_NextToLettersAndMarks()
    {
        var plain = 0;
        for (var c = 1; c < 0x2100; c++)
        {
            var s = ((char)c).ToString();
            if (!Vietnamese.IsPlainlyNfc(s))
            {
                continue;
            }
            plain++;
            foreach (var context in new[] { s, "a" + s, s + "a", "ê" + s, s + "\u0301" })
            {
                if (Vietnamese.IsPlainlyNfc(context))
                {
                    Assert.True(context.IsNormalized(NormalizationForm.FormC), $"U+{c:X4} in \"{context}\"");
                }
            }
        }
        Assert.True(plain > 900);
        // A combining mark is never taken as plain: NFD input goes through ICU.
        Assert.False(Vietnamese.IsPlainlyNfc("e\u0302\u0301"));
        Assert.Equal("ế", Vietnamese.Nfc("e\u0302\u0301"));
    }
}
