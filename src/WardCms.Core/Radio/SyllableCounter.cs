namespace WardCms.Core.Radio;

// A "tiếng" is one space-separated syllable as it is spoken, so counting happens on the
// normalised reading text: "15/3/2025" is thirteen syllables on air, not one token.
public sealed class SyllableCounter(ReadingTextNormalizer normalizer)
{
    public SyllableCounter()
        : this(new ReadingTextNormalizer())
    {
    }

    public int Count(string script) => CountReadingText(normalizer.Normalize(script));

    // For text already normalised; loanwords such as "ki-lô-mét" count one syllable per part.
    public static int CountReadingText(string readingText)
    {
        var count = 0;
        var inToken = false;
        var tokenHasSound = false;
        foreach (var c in readingText)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '–' or '—' or '/')
            {
                if (inToken && tokenHasSound)
                {
                    count++;
                }
                inToken = false;
                tokenHasSound = false;
                continue;
            }
            inToken = true;
            tokenHasSound |= char.IsLetterOrDigit(c);
        }
        return inToken && tokenHasSound ? count + 1 : count;
    }
}
