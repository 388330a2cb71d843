using System.Globalization;
using System.Text;

namespace WardCms.Core.Search;

/// <summary>A syllable (or number, or code part) found in a text; Start and Length index the NFC text.</summary>
public readonly record struct TextToken(int Start, int Length, string Text, string Folded)
{
    /// <summary>Lower case with every mark kept: the form the exact-diacritic index holds.</summary>
    public string Exact => Language.Vietnamese.Lower(Text);

    /// <summary>True when the syllable carries a tone, a vowel mark or đ, i.e. folding changed more than case.</summary>
    public bool HasMarks => !string.Equals(Folded, Exact, StringComparison.Ordinal);
}

/// <summary>Vietnamese-aware normalisation, folding and tokenisation shared by every search provider.</summary>
public static class VietnameseText
{
    // Longer runs are base64, hashes or noise; skipping them also keeps PostgreSQL under its lexeme limit.
    public const int MaxTokenLength = 64;

    // One implementation of the text rules for the whole product: slugs, admin filters and search fold alike.
    public static string Normalize(string? text) => Language.Vietnamese.Nfc(text);

    /// <summary>Lower case without tones or vowel marks, đ → d: "Đăng ký" → "dang ky". Accepts NFC or NFD input.</summary>
    public static string Fold(string? text) => Language.Vietnamese.Fold(text);

    /// <summary>
    /// Splits text into runs of letters and digits, so "123/QĐ-UBND" gives 123, QĐ, UBND. The text is
    /// normalised to NFC first; token positions refer to <see cref="Normalize"/>(text).
    /// </summary>
    public static IReadOnlyList<TextToken> Tokenize(string? text)
    {
        var nfc = Normalize(text);
        // About one token per five characters of Vietnamese prose: grown once or not at all.
        var tokens = new List<TextToken>(nfc.Length / 5 + 4);
        var i = 0;
        while (i < nfc.Length)
        {
            if (!IsTokenChar(nfc[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < nfc.Length && IsTokenChar(nfc[i]))
            {
                i++;
            }
            var length = i - start;
            if (length <= MaxTokenLength)
            {
                var slice = nfc.Substring(start, length);
                tokens.Add(new TextToken(start, length, slice, Fold(slice)));
            }
        }
        return tokens;
    }

    private static bool IsTokenChar(char c)
    {
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }
        // Marks that NFC could not compose stay inside their syllable instead of splitting it.
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}
