using System.Globalization;
using System.Text;

namespace WardCms.Core.Language;

/// <summary>Text rules every input goes through: NFC on the way in, folding and slugs without diacritics.</summary>
public static class Vietnamese
{
    /// <summary>
    /// Unicode NFC, so "ế" typed as e + marks and as one code point compare equal; and, since every
    /// input already comes through here, <see cref="TextInput.Clean"/>: controls, lone surrogates and
    /// bidirectional overrides removed, line ends made LF.
    /// </summary>
    public static string Nfc(string? s) => TextInput.Clean(s);

    /// <summary>
    /// True when every character is one NFC leaves alone whatever surrounds it: below the combining
    /// marks (U+0300), the precomposed Vietnamese letters (U+1E00-U+1EFF), or general punctuation
    /// (U+2010-U+206F). Vietnamese text almost always is; asking ICU cost a search a sixth of its time.
    /// </summary>
    internal static bool IsPlainlyNfc(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c >= 0x300 && !(c is >= '\u1E00' and <= '\u1EFF' or >= '\u2010' and <= '\u206F'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Lower case, tone and vowel marks removed, đ/Đ → d: "Đăng ký" → "dang ky".</summary>
    public static string Fold(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }
        return TryMapEachChar(s, FoldTable, out var folded) ? folded : FoldThroughIcu(s);
    }

    /// <summary>Lower case with every mark kept (invariant culture): "Đăng" → "đăng".</summary>
    public static string Lower(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "";
        }
        return TryMapEachChar(s, LowerTable, out var lower) ? lower : s.ToLowerInvariant();
    }

    // Search folds every word of every snippet it builds (a result page folds ~3,000 words); through
    // ICU (decompose, drop marks, lower, recompose) that was most of a search's own CPU time. For the
    // Latin letters, digits and punctuation below TableSize, folding and lowering map each character
    // to one character, so a table built once from the ICU path gives the same result per character;
    // anything else (other scripts, combining marks, surrogates) takes the ICU path whole.
    private const int TableSize = 0x1F00;

    private static readonly char[] FoldTable = BuildTable(c => FoldThroughIcu(c.ToString()));

    private static readonly char[] LowerTable = BuildTable(c => c.ToString().ToLowerInvariant());

    private static char[] BuildTable(Func<char, string> map)
    {
        var table = new char[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            // Latin (U+0000-U+024F) and Latin Extended Additional (U+1E00-U+1EFF) only: Hangul jamo,
            // combining marks and the rest keep 0, meaning "not by table".
            var latin = c < 0x250 || c >= 0x1E00;
            var category = CharUnicodeInfo.GetUnicodeCategory((char)c);
            if (!latin || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned || c == 0)
            {
                continue;
            }
            var mapped = map((char)c);
            if (mapped.Length == 1 && mapped[0] != 0)
            {
                table[c] = mapped[0];
            }
        }
        return table;
    }

    private static bool TryMapEachChar(string s, char[] table, out string mapped)
    {
        foreach (var c in s)
        {
            if (c >= TableSize || table[c] == 0)
            {
                mapped = "";
                return false;
            }
        }
        mapped = string.Create(s.Length, (s, table), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.table[state.s[i]];
            }
        });
        return true;
    }

    /// <summary>The reference folding (ICU): what the tables were built from, and the path for everything else.</summary>
    internal static string FoldThroughIcu(string s)
    {
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>"Đăng ký tạm trú: 5 bước!" → "dang-ky-tam-tru-5-buoc".</summary>
    public static string Slugify(string? s, int maxLength = 120)
    {
        var folded = Fold(s);
        var sb = new StringBuilder(folded.Length);
        var dash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
                dash = false;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength];
            var cut = slug.LastIndexOf('-');
            slug = (cut > maxLength / 2 ? slug[..cut] : slug).Trim('-');
        }
        return slug;
    }

    public static bool IsValidSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 200 && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
}
