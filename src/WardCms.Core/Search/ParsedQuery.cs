using System.Text;
using WardCms.Core.Search.Lucene;

namespace WardCms.Core.Search;

/// <summary>
/// One searched syllable in its index forms (<see cref="VietnameseSpelling"/> applied). A term typed
/// with marks must match them exactly; one typed without matches any marks.
/// </summary>
/// <param name="Typed">Lower case as the visitor wrote it (ký stays ký), for suggestions written back.</param>
internal sealed record QueryTerm(string Exact, string Folded, bool HasMarks, bool Prefix, string Typed)
{
    /// <summary>The index term this matches: the marked form as typed, or the folded one.</summary>
    public string IndexForm => HasMarks ? Exact : Folded;

    public static QueryTerm From(TextToken token) =>
        new(VietnameseSpelling.Unify(token.Exact), VietnameseSpelling.Unify(token.Folded), token.HasMarks, Prefix: false, token.Exact);

    /// <summary>Whether a word of a text is this term (snippets mark what the index matched).</summary>
    public bool Matches(TextToken token)
    {
        var tokenFolded = VietnameseSpelling.Unify(token.Folded);
        var folded = Prefix ? tokenFolded.StartsWith(Folded, StringComparison.Ordinal) : tokenFolded == Folded;
        if (!folded || !HasMarks)
        {
            return folded;
        }
        var tokenExact = VietnameseSpelling.Unify(token.Exact);
        return Prefix ? tokenExact.StartsWith(Exact, StringComparison.Ordinal) : tokenExact == Exact;
    }
}

/// <summary>
/// A single word, a phrase the visitor put in quotes, or words that are one form of a site's synonym
/// (then <see cref="Alternatives"/> holds the other forms, each matched as a phrase).
/// </summary>
internal sealed record QueryGroup(IReadOnlyList<QueryTerm> Terms, bool Quoted, IReadOnlyList<IReadOnlyList<QueryTerm>>? Alternatives = null)
{
    public bool HasAlternatives => Alternatives is { Count: > 0 };
}

/// <summary>
/// Raw visitor input turned into terms. Nothing of the input reaches the index except terms made of
/// letters and digits, built into queries here and in <see cref="LuceneSearchIndex"/>: no query syntax
/// (quotes aside) is ever interpreted, so no input can break a query.
/// </summary>
internal sealed class ParsedQuery
{
    // Enough for any real question; 2,000 characters of noise must not become a 300-term query.
    public const int MaxInputLength = 500;
    public const int MaxTerms = 16;

    private ParsedQuery(IReadOnlyList<QueryGroup> groups)
    {
        Groups = groups;
        Terms = groups.SelectMany(g => g.Terms).ToList();
        // Built once: the snippets compare every word of a result page (~3,000) with these.
        MarkedTerms = groups.SelectMany(g => g.Terms.Concat(g.Alternatives?.SelectMany(a => a) ?? [])).ToList();
    }

    public IReadOnlyList<QueryGroup> Groups { get; }

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>The terms as typed.</summary>
    public IReadOnlyList<QueryTerm> Terms { get; }

    /// <summary>The terms as typed and those of every synonym form: what a snippet marks.</summary>
    public IReadOnlyList<QueryTerm> MarkedTerms { get; }

    public bool HasMarks => Terms.Any(t => t.HasMarks);

    public static ParsedQuery Parse(string? text, IReadOnlyList<IReadOnlyList<string>>? synonyms = null)
    {
        var input = VietnameseText.Normalize(text);
        if (input.Length > MaxInputLength)
        {
            input = input[..MaxInputLength];
        }
        input = input.Replace('“', '"').Replace('”', '"').Replace('„', '"');

        var groups = new List<QueryGroup>();
        var termCount = 0;
        var truncated = false;
        var segments = input.Split('"');
        for (var i = 0; i < segments.Length && !truncated; i++)
        {
            var quoted = i % 2 == 1;
            var terms = new List<QueryTerm>();
            foreach (var token in VietnameseText.Tokenize(segments[i]))
            {
                if (termCount == MaxTerms)
                {
                    truncated = true;
                    break;
                }
                termCount++;
                var term = QueryTerm.From(token);
                if (quoted)
                {
                    terms.Add(term);
                }
                else
                {
                    groups.Add(new QueryGroup([term], Quoted: false));
                }
            }
            if (terms.Count > 0)
            {
                groups.Add(new QueryGroup(terms, Quoted: terms.Count > 1));
            }
        }

        // The visitor is still typing the last word ("đăng ký tạm tr"), unless they closed it with a space or a quote.
        var typing = !truncated && input.Length > 0 && char.IsLetterOrDigit(input[^1]);
        if (typing && groups.Count > 0)
        {
            var last = groups[^1];
            var terms = last.Terms.ToList();
            terms[^1] = terms[^1] with { Prefix = true };
            groups[^1] = last with { Terms = terms };
        }
        return new ParsedQuery(synonyms is { Count: > 0 } ? WithSynonyms(groups, synonyms) : groups);
    }

    /// <summary>
    /// Replaces each run of typed words that is one form of a synonym (longest first) with a group
    /// holding the other forms. A word typed with marks must match the form's marks; one typed
    /// without matches any. Quoted phrases are taken as they are.
    /// </summary>
    private static List<QueryGroup> WithSynonyms(List<QueryGroup> groups, IReadOnlyList<IReadOnlyList<string>> synonyms)
    {
        var entries = synonyms
            .Select(forms => forms.Select(f => VietnameseText.Tokenize(f).Select(QueryTerm.From).ToList()).Where(f => f.Count > 0).ToList())
            .Where(forms => forms.Count > 1)
            .ToList();
        var result = new List<QueryGroup>(groups.Count);
        var i = 0;
        while (i < groups.Count)
        {
            var best = (Length: 0, Entry: -1, Form: -1);
            for (var e = 0; e < entries.Count; e++)
            {
                for (var f = 0; f < entries[e].Count; f++)
                {
                    var form = entries[e][f];
                    if (form.Count > best.Length && MatchesAt(groups, i, form))
                    {
                        best = (form.Count, e, f);
                    }
                }
            }
            if (best.Length == 0)
            {
                result.Add(groups[i++]);
                continue;
            }
            var typed = groups.Skip(i).Take(best.Length).Select(g => g.Terms[0] with { Prefix = false }).ToList();
            var others = entries[best.Entry].Where((_, f) => f != best.Form).ToList();
            result.Add(new QueryGroup(typed, Quoted: false, others));
            i += best.Length;
        }
        return result;
    }

    private static bool MatchesAt(List<QueryGroup> groups, int start, List<QueryTerm> form)
    {
        if (start + form.Count > groups.Count)
        {
            return false;
        }
        for (var k = 0; k < form.Count; k++)
        {
            var group = groups[start + k];
            if (group.Quoted || group.Terms.Count != 1)
            {
                return false;
            }
            var typed = group.Terms[0];
            var same = typed.HasMarks ? typed.Exact == form[k].Exact : typed.Folded == form[k].Folded;
            if (!same)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The last term, when it is still being typed (matched as a prefix).</summary>
    /// <summary>These words, each a group of its own.</summary>
    public static ParsedQuery Of(IEnumerable<QueryTerm> terms) => new(terms.Select(t => new QueryGroup([t], Quoted: false)).ToList());

    public QueryTerm? TypingTerm => Groups.Count > 0 && Groups[^1].Terms[^1].Prefix ? Groups[^1].Terms[^1] : null;

    /// <summary>The same query with the last word matched whole.</summary>
    public ParsedQuery WithoutPrefix()
    {
        if (TypingTerm is null)
        {
            return this;
        }
        var groups = Groups.ToList();
        var terms = groups[^1].Terms.ToList();
        terms[^1] = terms[^1] with { Prefix = false };
        groups[^1] = groups[^1] with { Terms = terms };
        return new ParsedQuery(groups);
    }

    public ParsedQuery WithoutMarks() =>
        new(Groups.Select(g => g with { Terms = g.Terms.Select(t => t with { Exact = t.Folded, HasMarks = false, Typed = VietnameseText.Fold(t.Typed) }).ToList() }).ToList());

    public ParsedQuery WithoutGroup(int index) => new(Groups.Where((_, i) => i != index).ToList());

    /// <summary>The same query with one typed term replaced (a spelling suggestion).</summary>
    public ParsedQuery WithTerm(int groupIndex, int termIndex, QueryTerm term)
    {
        var groups = Groups.ToList();
        var terms = groups[groupIndex].Terms.ToList();
        terms[termIndex] = term;
        groups[groupIndex] = groups[groupIndex] with { Terms = terms };
        return new ParsedQuery(groups);
    }

    /// <summary>The query written back as text a visitor could type, for suggestions.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var group in Groups)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            var words = string.Join(' ', group.Terms.Select(t => t.Typed));
            sb.Append(group.Quoted ? $"\"{words}\"" : words);
        }
        return sb.ToString();
    }
}
