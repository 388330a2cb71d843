using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using System.Globalization;
using WardCms.Core.Language;
using WardCms.Core.Media;

namespace WardCms.Core.Content.Markdown;

/// <summary>
/// The one Markdown pipeline, used by public pages and by the editor's live preview alike:
/// raw HTML is off, links are sanitised, headings get ids without diacritics.
/// </summary>
public sealed record RenderedBody(string Html, int Words);

public sealed class MarkdownRenderer
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto", "tel"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseFootnotes()
        .Build();

    // Public pages render the same published bodies over and over; the output depends on the text
    // alone, so it is remembered by the text. Bounded: emptied when full.
    private const int MaxRemembered = 2_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RenderedBody> _rendered = new(StringComparer.Ordinal);

    /// <summary>
    /// HTML and word count of a published body, rendered once per distinct text. Images that point at
    /// the media library (<paramref name="images"/>: key → descriptor, from <see cref="MediaKeysIn"/>)
    /// become responsive pictures.
    /// </summary>
    public RenderedBody Render(string? markdown, IReadOnlyDictionary<string, MediaDescriptor>? images = null)
    {
        // Keys are content hashes, so the same text with the same resolved keys renders the same.
        var key = images is { Count: > 0 } ? (markdown ?? "") + "\0" + string.Join('\0', images.Keys.Order(StringComparer.Ordinal)) : markdown ?? string.Empty;
        if (_rendered.TryGetValue(key, out var known))
        {
            return known;
        }
        if (_rendered.Count >= MaxRemembered)
        {
            _rendered.Clear();
        }
        var rendered = new RenderedBody(ToHtml(markdown, images), ToPlainText(markdown).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        _rendered[key] = rendered;
        return rendered;
    }

    public string ToHtml(string? markdown, IReadOnlyDictionary<string, MediaDescriptor>? images = null)
    {
        var doc = Markdig.Markdown.Parse(Vietnamese.Nfc(markdown), _pipeline);
        Sanitize(doc);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<LinkInlineRenderer>(new ImageAwareLinkRenderer(images));
        renderer.Render(doc);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The media keys of the body's images ("![alt](/media/ab/cd/….jpg)"), for looking up their variants.</summary>
    public IReadOnlyCollection<string> MediaKeysIn(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown) || !markdown.Contains(MediaUrls.Prefix, StringComparison.Ordinal))
        {
            return [];
        }
        return Markdig.Markdown.Parse(Vietnamese.Nfc(markdown), _pipeline).Descendants<LinkInline>()
            .Where(l => l.IsImage).Select(l => MediaUrls.KeyOf(l.Url)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Images of the media library become the same &lt;picture&gt; as the public covers (<see cref="ResponsiveImage"/>:
    /// WebP and JPEG srcsets, width/height, lazy); any other image is an &lt;img&gt; loaded lazily. Raw HTML stays off:
    /// this markup is written by the renderer, never taken from the text.
    /// </summary>
    private sealed class ImageAwareLinkRenderer(IReadOnlyDictionary<string, MediaDescriptor>? images) : LinkInlineRenderer
    {
        private const string BodySizes = "(min-width: 800px) 760px, 100vw";

        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            if (!link.IsImage || !renderer.EnableHtmlForInline)
            {
                base.Write(renderer, link);
                return;
            }
            if (MediaUrls.KeyOf(link.Url) is not { } key || images is null || !images.TryGetValue(key, out var media))
            {
                link.GetAttributes().AddPropertyIfNotExist("loading", "lazy");
                link.GetAttributes().AddPropertyIfNotExist("decoding", "async");
                base.Write(renderer, link);
                return;
            }
            var picture = new ResponsiveImage(media, "", BodySizes);
            renderer.Write("<picture>");
            if (picture.WebpSrcset is { } webp)
            {
                renderer.Write("<source type=\"image/webp\" srcset=\"").WriteEscape(webp).Write("\" sizes=\"").Write(BodySizes).Write("\">");
            }
            renderer.Write("<img src=\"").WriteEscapeUrl(picture.Src).Write("\" srcset=\"").WriteEscape(picture.FallbackSrcset)
                .Write("\" sizes=\"").Write(BodySizes).Write("\"");
            if (picture.Width > 0 && picture.Height > 0)
            {
                renderer.Write(" width=\"").Write(picture.Width.ToString(CultureInfo.InvariantCulture))
                    .Write("\" height=\"").Write(picture.Height.ToString(CultureInfo.InvariantCulture)).Write("\"");
            }
            renderer.Write(" alt=\"");
            var html = renderer.EnableHtmlForInline;
            renderer.EnableHtmlForInline = false;
            renderer.WriteChildren(link);
            renderer.EnableHtmlForInline = html;
            renderer.Write("\"");
            if (!string.IsNullOrEmpty(link.Title))
            {
                renderer.Write(" title=\"").WriteEscape(link.Title).Write("\"");
            }
            renderer.Write(" loading=\"lazy\" decoding=\"async\"></picture>");
        }
    }

    /// <summary>The plain text of the Markdown (for summaries, search and reading time).</summary>
    public string ToPlainText(string? markdown)
    {
        var doc = Markdig.Markdown.Parse(Vietnamese.Nfc(markdown), _pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        _pipeline.Setup(renderer);
        renderer.Render(doc);
        writer.Flush();
        return string.Join(' ', writer.ToString().Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Sanitize(MarkdownDocument doc)
    {
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in doc.Descendants())
        {
            switch (node)
            {
                case HeadingBlock heading:
                    var text = heading.Inline is null ? "" : string.Concat(heading.Inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
                    var id = Vietnamese.Slugify(text, 80);
                    if (id.Length == 0)
                    {
                        id = "muc";
                    }
                    var unique = id;
                    for (var n = 2; !usedIds.Add(unique); n++)
                    {
                        unique = $"{id}-{n}";
                    }
                    var attrs = heading.GetAttributes();
                    attrs.Id = unique;
                    break;
                case LinkInline link:
                    if (!IsSafeUrl(link.Url))
                    {
                        link.Url = "#";
                    }
                    if (link.IsImage)
                    {
                        break;
                    }
                    if (link.Url is { } url && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                    {
                        link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
                    }
                    break;
                case AutolinkInline auto:
                    if (!IsSafeUrl(auto.Url))
                    {
                        auto.Url = "#";
                    }
                    break;
            }
        }
    }

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon)
        {
            return true; // a relative path that happens to contain a colon later
        }
        var scheme = compact[..colon];
        return SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
