using System.Text;

namespace WardCms.Core.Language;

/// <summary>
/// The one cleaning every text gets on the way in (through <see cref="Vietnamese.Nfc"/>) and again in
/// every writer of XML, JSON, CSV, DOCX, XLSX and speech, for text stored before the rule existed.
/// </summary>
public static class TextInput
{
    /// <summary>
    /// Line ends become LF (CRLF, CR, and Word's Shift+Enter U+000B and page break U+000C); other C0 and C1
    /// controls, DEL, U+FFFE/U+FFFF, lone surrogates and the bidirectional embeddings, overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069, which can make a title show other than it reads) are
    /// removed; the rest is put in Unicode NFC. What remains is always legal in XML 1.0.
    /// </summary>
    public static string Clean(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }
        var dirty = NeedsCleaning(s);
        if (!dirty && Vietnamese.IsPlainlyNfc(s))
        {
            return s;
        }
        var text = dirty ? Strip(s) : s;
        // Strip leaves no lone surrogate behind, so Normalize cannot throw on it.
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// <see cref="Clean"/> for one-line fields (titles, names): line breaks and tabs (Word's Shift+Enter
    /// pasted into a title) become spaces; trimmed.
    /// </summary>
    public static string CleanLine(string? s)
    {
        var text = Clean(s);
        return (text.AsSpan().IndexOfAny('\n', '\t') < 0 ? text : text.Replace('\n', ' ').Replace('\t', ' ')).Trim();
    }

    /// <summary>True when <see cref="Clean"/> would remove or replace a character (ignoring NFC).</summary>
    public static bool NeedsCleaning(ReadOnlySpan<char> s) => Scan(s, lineEndsCount: true);

    /// <summary>
    /// True when <see cref="Clean"/> would remove a character, not only turn a line end into LF: what an
    /// editor is told about ("the invisible characters were removed").
    /// </summary>
    public static bool DropsCharacters(ReadOnlySpan<char> s) => Scan(s, lineEndsCount: false);

    private static bool Scan(ReadOnlySpan<char> s, bool lineEndsCount)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < 0x20)
            {
                if (c is not ('\t' or '\n') && (lineEndsCount || c is not ('\r' or '\v' or '\f')))
                {
                    return true;
                }
            }
            else if (c < 0x7F)
            {
                continue;
            }
            else if (c <= 0x9F || IsBidiControl(c) || c is '\uFFFE' or '\uFFFF')
            {
                return true;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return true;
                }
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Strip(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\t' or '\n':
                    sb.Append(c);
                    break;
                case '\r':
                    if (i + 1 >= s.Length || s[i + 1] != '\n')
                    {
                        sb.Append('\n');
                    }
                    break;
                case '\v' or '\f':
                    sb.Append('\n');
                    break;
                case < ' ' or >= '\u007F' and <= '\u009F' or '\uFFFE' or '\uFFFF':
                    break;
                default:
                    if (IsBidiControl(c))
                    {
                        break;
                    }
                    if (char.IsHighSurrogate(c))
                    {
                        if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        {
                            sb.Append(c).Append(s[++i]);
                        }
                        break;
                    }
                    if (!char.IsLowSurrogate(c))
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }
}
