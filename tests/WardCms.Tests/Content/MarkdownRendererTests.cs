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

    [Fact]
    public void LibraryImage_RendersAsAResponsiveLazyPicture_AndOtherImagesLoadLazily()
    {
        var sha = new string('a', 64);
        var original = new WardCms.Core.Media.MediaFile(WardCms.Core.Media.MediaKey.For(sha, "jpg"), WardCms.Core.Media.MediaVariantRole.Original, "image/jpeg", 1, 2000, 1000);
        WardCms.Core.Media.MediaFile Variant(char c, string type, string ext, int w) =>
            new(WardCms.Core.Media.MediaKey.For(new string(c, 64), ext), WardCms.Core.Media.MediaVariantRole.Responsive, type, 1, w, w / 2);
        var media = new WardCms.Core.Media.MediaDescriptor(WardCms.Core.Media.MediaKind.Image, "image/jpeg", "jpg", "a.jpg", sha, 1, 2000, 1000, original,
            [Variant('b', "image/webp", "webp", 640), Variant('c', "image/jpeg", "jpg", 640), Variant('d', "image/webp", "webp", 1600), Variant('e', "image/jpeg", "jpg", 1600)]);
        var markdown = $"![Người dân <b>nộp</b> hồ sơ](/media/{original.Key})\n\n![Ngoài](https://example.gov.vn/x.jpg)";

        var html = _markdown.ToHtml(markdown, new Dictionary<string, WardCms.Core.Media.MediaDescriptor> { [original.Key] = media });
        var plain = _markdown.ToHtml(markdown);

        Assert.Contains("<picture><source type=\"image/webp\" srcset=\"/media/", html);
        Assert.Contains(" 640w, /media/", html);
        Assert.Contains("1600w\" sizes=", html);
        Assert.Contains("width=\"2000\" height=\"1000\"", html);
        Assert.Contains("alt=\"Người dân &lt;b&gt;nộp&lt;/b&gt; hồ sơ\"", html);
        Assert.Contains("loading=\"lazy\" decoding=\"async\"></picture>", html);
        Assert.Matches("<img src=\"https://example.gov.vn/x.jpg\"[^>]*loading=\"lazy\"", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<picture>", plain);
        Assert.Contains("loading=\"lazy\"", plain);
        Assert.Equal([original.Key], _markdown.MediaKeysIn(markdown));
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
