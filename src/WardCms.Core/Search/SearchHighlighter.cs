using System.Text;

namespace WardCms.Core.Search;

/// <summary>
/// Builds titles and snippets from the ORIGINAL text: each token is folded and compared with the
/// query here, so "dang ky" marks "Đăng ký" exactly as written, on every provider alike.
/// Everything outside the marks is HTML-encoded.
/// </summary>
internal static class SearchHighlighter
{
    public const int SnippetLength = 220;

    // Only the first matches are tried as window anchors: enough to find a good passage in a long body.
    private const int MaxAnchors = 200;

    public static string Highlight(string text, ParsedQuery query)
    {
        var tokens = VietnameseText.Tokenize(text);
        return Render(text, tokens, 0, tokens.Count, 0, text.Length, query);
    }

    public static string Snippet(string? summary, string? body, ParsedQuery query)
    {
        foreach (var candidate in new[] { body, summary })
        {
            if (string.IsNullOrEmpty(candidate))
            {
                continue;
            }
            var tokens = VietnameseText.Tokenize(candidate);
            var matched = Enumerable.Range(0, tokens.Count).Where(i => Match(tokens[i], query) >= 0).Take(MaxAnchors).ToList();
            if (matched.Count > 0)
            {
                return Window(candidate, tokens, BestAnchor(tokens, matched, query), query);
            }
        }

        // A title-only match: show the opening of the summary (or body) as it is.
        var lead = !string.IsNullOrEmpty(summary) ? summary : body ?? string.Empty;
        return Window(lead, VietnameseText.Tokenize(lead), 0, query);
    }

    private static int BestAnchor(IReadOnlyList<TextToken> tokens, List<int> matched, ParsedQuery query)
    {
        var best = matched[0];
        var bestScore = -1;
        foreach (var anchor in matched)
        {
            var start = tokens[anchor].Start;
            var distinct = new HashSet<int>();
            var hits = 0;
            for (var i = anchor; i < tokens.Count && tokens[i].Start + tokens[i].Length - start <= SnippetLength; i++)
            {
                var term = Match(tokens[i], query);
                if (term >= 0)
                {
                    distinct.Add(term);
                    hits++;
                }
            }
            // All the searched words together beat one word repeated.
            var score = distinct.Count * 1000 + hits;
            if (score > bestScore)
            {
                bestScore = score;
                best = anchor;
            }
        }
        return best;
    }

    private static string Window(string text, IReadOnlyList<TextToken> tokens, int anchor, ParsedQuery query)
    {
        if (tokens.Count == 0)
        {
            var plain = text.Length <= SnippetLength ? text : text[..SnippetLength] + " …";
            return HtmlEncode(plain);
        }
        // A few words of context before the first match read better than a sentence cut at the match.
        var first = Math.Max(0, anchor - 3);
        var charStart = first == 0 ? 0 : tokens[first].Start;
        var last = first;
        while (last + 1 < tokens.Count && tokens[last + 1].Start + tokens[last + 1].Length - charStart <= SnippetLength)
        {
            last++;
        }
        var charEnd = last == tokens.Count - 1 ? text.Length : tokens[last].Start + tokens[last].Length;
        var html = Render(text, tokens, first, last + 1, charStart, charEnd, query);
        return (charStart > 0 ? "… " : string.Empty) + html.Trim() + (charEnd < text.Length ? " …" : string.Empty);
    }

    private static string Render(string text, IReadOnlyList<TextToken> tokens, int from, int to, int charStart, int charEnd, ParsedQuery query)
    {
        var sb = new StringBuilder(charEnd - charStart + 32);
        var position = charStart;
        var open = false;
        for (var i = from; i < to; i++)
        {
            var token = tokens[i];
            var gap = text[position..token.Start];
            var matched = Match(token, query) >= 0;
            // Adjacent matches share one mark: <mark>Đăng ký</mark>, not two.
            if (open && !(matched && gap.All(char.IsWhiteSpace)))
            {
                sb.Append("</mark>");
                open = false;
            }
            sb.Append(HtmlEncode(gap));
            if (matched && !open)
            {
                sb.Append("<mark>");
                open = true;
            }
            sb.Append(HtmlEncode(token.Text));
            position = token.Start + token.Length;
        }
        if (open)
        {
            sb.Append("</mark>");
        }
        sb.Append(HtmlEncode(text[position..charEnd]));
        return sb.ToString();
    }

    private static int Match(TextToken token, ParsedQuery query)
    {
        var terms = query.MarkedTerms;
        for (var i = 0; i < terms.Count; i++)
        {
            if (terms[i].Matches(token))
            {
                return i;
            }
        }
        return -1;
    }

    // Only the five characters that matter are encoded, so Vietnamese stays readable in the page source.
    public static string HtmlEncode(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
