using System.Text;
using System.Xml;
using WardCms.Core.Language;

namespace WardCms.Tests.Language;

public class TextInputTests
{
    [Theory]
    [InlineData("Đăng ký\u000Btạm trú", "Đăng ký\ntạm trú")] // Word's Shift+Enter is a line break
    [InlineData("a\u0007b\u001Bc\u0000d\u007Fe\u0085f", "abcdef")]
    [InlineData("giờ\uFFFE làm\uFFFF việc", "giờ làm việc")]
    [InlineData("dòng 1\r\ndòng 2\rdòng 3\fdòng 4", "dòng 1\ndòng 2\ndòng 3\ndòng 4")]
    [InlineData("tab\tgiữ nguyên", "tab\tgiữ nguyên")]
    [InlineData("Thông báo \u202Egnàq\u202C và \u2067ẩn\u2069", "Thông báo gnàq và ẩn")]
    public void Clean_RemovesWhatNoPageMayHold_KeepsTabsAndLineBreaks(string input, string expected) =>
        Assert.Equal(expected, TextInput.Clean(input));

    [Fact]
    public void Clean_DropsLoneSurrogates_KeepsPairs() =>
        Assert.Equal("lẻ  cặp  đủ 😀", TextInput.Clean("lẻ \uD800 cặp \uDC00 đủ \uD83D\uDE00"));

    [Fact]
    public void Clean_PutsTextInNfc_AndLeavesCleanTextAsTheSameInstance()
    {
        Assert.Equal("Người dân", TextInput.Clean("Người dân\u0007".Normalize(NormalizationForm.FormD)));
        const string clean = "Phường Hai Bà Trưng – “Một cửa”";
        Assert.Same(clean, TextInput.Clean(clean));
    }

    [Fact]
    public void Nfc_IsTheInputNormaliser_AndCleansToo() =>
        Assert.Equal("Tiêu đề", Vietnamese.Nfc("Tiêu\u0000 đề\u202E"));

    [Fact]
    public void CleanLine_TurnsLineBreaksIntoSpaces() =>
        Assert.Equal("Lịch tiếp dân quý I", TextInput.CleanLine("  Lịch tiếp dân\u000Bquý I\r\n"));

    [Fact]
    public void DropsCharacters_IgnoresTheBrowsersCrLf_ButSeesANul()
    {
        Assert.False(TextInput.DropsCharacters("dòng 1\r\ndòng 2\ttab"));
        Assert.True(TextInput.DropsCharacters("có\u0000NUL"));
        Assert.True(TextInput.DropsCharacters("đảo\u202Echiều"));
    }

    [Fact]
    public void EveryBmpCharacter_AfterCleaning_IsLegalXml()
    {
        var all = new string(Enumerable.Range(0, 0x10000).Select(i => (char)i).ToArray());
        var cleaned = TextInput.Clean(all);
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb))
        {
            w.WriteElementString("t", cleaned); // throws on a character XML 1.0 forbids
        }
        Assert.DoesNotContain('\u202E', cleaned);
    }
}
