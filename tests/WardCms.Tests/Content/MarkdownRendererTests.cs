using WardCms.Core.Content.Markdown;

namespace WardCms.Tests.Content;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _markdown = new();

    [Fact]
    public void RawHtml_IsEscapedNotRendered()
    {
        var html = _markdown.ToHtml("Xin chào <script>alert(1)</script> <img src=x onerror=alert(1)>");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData("[bấm](javascript:alert(1))")]
    [InlineData("[bấm](JaVaScRiPt:alert(1))")]
    [InlineData("[bấm](java\tscript:alert(1))")]
    [InlineData("[bấm](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[bấm](vbscript:msgbox(1))")]
    public void UnsafeLinkSchemes_AreNeutralised(string markdown)
    {
        var html = _markdown.ToHtml(markdown);
        // Either the link is kept with its address replaced, or it never becomes a link at all.
        Assert.DoesNotMatch("href=\"\\s*(java|vb)\\s*script|href=\"data:", html.ToLowerInvariant());
        if (html.Contains("<a ", StringComparison.Ordinal))
        {
            Assert.Contains("href=\"#\"", html);
        }
    }

    [Fact]
    public void SafeLinks_AreKept_AndExternalOnesGetNoopener()
    {
        var html = _markdown.ToHtml("[Cổng DVC](https://dichvucong.gov.vn) và [trang](/cchc/a) và [thư](mailto:a@b.vn)");
        Assert.Contains("href=\"https://dichvucong.gov.vn\" rel=\"noopener noreferrer\"", html);
        Assert.Contains("href=\"/cchc/a\"", html);
        Assert.Contains("href=\"mailto:a@b.vn\"", html);
    }

    [Fact]
    public void Headings_GetIdsWithoutDiacritics_UniqueWithinTheDocument()
    {
        var html = _markdown.ToHtml("## Đăng ký tạm trú\n\ntext\n\n## Đăng ký tạm trú\n");
        Assert.Contains("<h2 id=\"dang-ky-tam-tru\">", html);
        Assert.Contains("<h2 id=\"dang-ky-tam-tru-2\">", html);
    }

    [Fact]
    public void PipeTables_Render()
    {
        var html = _markdown.ToHtml("| Ngày | Giờ |\n| --- | --- |\n| Thứ hai | 7h30 |\n");
        Assert.Contains("<table>", html);
        Assert.Contains("<td>Thứ hai</td>", html);
    }

    [Fact]
    public void PlainText_HasNoMarkup()
    {
        var text = _markdown.ToPlainText("## Tiêu đề\n\n**Đậm** và [liên kết](https://a.vn)");
        Assert.Equal("Tiêu đề Đậm và liên kết", text);
    }

    [Fact]
    public void Render_RemembersEachTextOnce_AndCountsItsWords()
    {
        var renderer = new MarkdownRenderer();
        const string text = "## Hồ sơ\n\nCông dân **đăng ký** tạm trú trực tuyến.";

        var first = renderer.Render(text);
        var again = renderer.Render(text);
        var other = renderer.Render(text + " Thêm.");

        Assert.Same(first, again);
        Assert.Equal(renderer.ToHtml(text), first.Html);
        Assert.Equal(10, first.Words);
        Assert.Equal(11, other.Words);
        Assert.Contains("<strong>đăng ký</strong>", first.Html);
    }
}
