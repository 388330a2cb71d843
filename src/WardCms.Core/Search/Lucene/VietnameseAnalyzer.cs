using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace WardCms.Core.Search.Lucene;

/// <summary>
/// How Vietnamese text becomes index terms: runs of letters, digits and combining marks (so
/// "12/2025/QĐ-UBND" gives 12, 2025, qđ, ubnd, exactly as <see cref="VietnameseText.Tokenize"/> cuts
/// text for snippets), lower case, one spelling for the i/y variants (<see cref="VietnameseSpelling"/>),
/// then <see cref="ASCIIFoldingFilter"/> with preserveOriginal: a syllable with marks is indexed twice
/// at the same position, folded ("dang", which a query typed without marks matches) and as written
/// ("đăng", which a query typed with marks matches). Text reaches the analyzer in NFC: every input is
/// normalised on the way in (<see cref="Language.Vietnamese.Nfc"/>), and documents again before indexing.
/// </summary>
public sealed class VietnameseAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Values of one field (the "all" field's title, summary and body) are this far apart, so a phrase never spans two.
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new SyllableTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new SpellingVariantFilter(stream);
        stream = new ASCIIFoldingFilter(stream, preserveOriginal: true);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>
/// Each two neighbouring syllables of a value as one term ("thu tuc", "tuc hanh"; Lucene's
/// <see cref="ShingleFilter"/>), folded or as written, for the pair fields of the index: whether a
/// document holds a query's words next to each other is then a conjunction of a few terms, where a
/// phrase query decodes the positions of every match (9 ms against 1.6 ms at 100,000 documents,
/// docs/performance.md). Pairs never span two values of a field (title, summary, body).
/// </summary>
public sealed class SyllablePairAnalyzer(bool folded) : Analyzer
{
    /// <summary>What joins the two syllables of a pair term.</summary>
    public const string Separator = " ";

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new SyllableTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(VietnameseAnalyzer.Version, tokenizer);
        stream = new SpellingVariantFilter(stream);
        if (folded)
        {
            stream = new ASCIIFoldingFilter(stream, preserveOriginal: false);
        }
        var pairs = new ShingleFilter(stream, 2, 2);
        pairs.SetOutputUnigrams(false);
        pairs.SetTokenSeparator(Separator);
        return new TokenStreamComponents(tokenizer, pairs);
    }
}

/// <summary>Splits where <see cref="VietnameseText.Tokenize"/> splits, so the index and the snippets agree on what a word is.</summary>
internal sealed class SyllableTokenizer(TextReader reader) : CharTokenizer(VietnameseAnalyzer.Version, reader)
{
    protected override bool IsTokenChar(int c)
    {
        if (c > char.MaxValue)
        {
            return false; // emoji and other astral characters are never part of a word
        }
        var ch = (char)c;
        if (char.IsLetterOrDigit(ch))
        {
            return true;
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(ch);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}

/// <summary>Rewrites each lower-case syllable to its one spelling (kí and ký both to kí).</summary>
internal sealed class SpellingVariantFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public SpellingVariantFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        VietnameseSpelling.Unify(_term.Buffer, _term.Length);
        return true;
    }
}

/// <summary>
/// One spelling for what Vietnamese writes two ways, both correct:
/// <list type="bullet">
/// <item>the vowel of an open syllable after k, l, m, h, t, s and qu, as i or as y (kí/ký, lí/lý, mĩ/mỹ,
/// hi/hy, tỉ/tỷ, sĩ/sỹ, quí/quý): indexed and searched with i, keeping its tone. Words where y is not
/// a spelling choice (tuyết, kịp, yêu, mây) are not open syllables of that shape and are left alone;</item>
/// <item>the tone of a syllable ending in oa, oe or uy, on the first vowel or the second (hòa/hoà,
/// khỏe/khoẻ, thủy/thuỷ, Ủy/Uỷ ban): indexed and searched on the second.</item>
/// </list>
/// </summary>
public static class VietnameseSpelling
{
    private const string Ys = "yýỳỷỹỵ";
    private const string Is = "iíìỉĩị";

    // The same five tones in the same order: grave, acute, hook, tilde, dot below.
    private const string TonedO = "òóỏõọ", TonedU = "ùúủũụ", TonedA = "àáảãạ", TonedE = "èéẻẽẹ", TonedY = "ỳýỷỹỵ";

    /// <summary>The syllable's one spelling; lower-case input, returned unchanged when it has no variant.</summary>
    public static string Unify(string lowerSyllable)
    {
        if (!MayVary(lowerSyllable))
        {
            return lowerSyllable;
        }
        var buffer = lowerSyllable.ToCharArray();
        return Unify(buffer, buffer.Length) ? new string(buffer) : lowerSyllable;
    }

    private static bool MayVary(string s) => s.Length >= 2 && s[^1] is 'a' or 'e' or 'y' or 'ý' or 'ỳ' or 'ỷ' or 'ỹ' or 'ỵ';

    /// <summary>Rewrites the buffer in place; true when it changed.</summary>
    public static bool Unify(char[] buffer, int length)
    {
        return MoveTone(buffer, length) | YToI(buffer, length);
    }

    private static bool MoveTone(char[] buffer, int length)
    {
        if (length < 2)
        {
            return false;
        }
        var last = buffer[length - 1];
        var prev = buffer[length - 2];
        int tone;
        if (last is 'a' or 'e' && (tone = TonedO.IndexOf(prev)) >= 0)
        {
            buffer[length - 2] = 'o';
            buffer[length - 1] = last == 'a' ? TonedA[tone] : TonedE[tone];
            return true;
        }
        // After q the u belongs to the onset (quý): the tone is on y already.
        if (last == 'y' && (tone = TonedU.IndexOf(prev)) >= 0 && !(length >= 3 && buffer[length - 3] == 'q'))
        {
            buffer[length - 2] = 'u';
            buffer[length - 1] = TonedY[tone];
            return true;
        }
        return false;
    }

    private static bool YToI(char[] buffer, int length)
    {
        int onset;
        if (length == 2 && buffer[0] is 'k' or 'l' or 'm' or 'h' or 't' or 's')
        {
            onset = 1;
        }
        else if (length == 3 && buffer[0] == 'q' && buffer[1] == 'u')
        {
            onset = 2;
        }
        else
        {
            return false;
        }
        var tone = Ys.IndexOf(buffer[onset]);
        if (tone < 0)
        {
            return false;
        }
        buffer[onset] = Is[tone];
        return true;
    }
}
