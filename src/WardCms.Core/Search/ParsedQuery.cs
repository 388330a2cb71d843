using System.Text;

namespace WardCms.Core.Search;

/// <summary>One searched syllable. A term typed with marks must match them exactly; one typed without matches any marks.</summary>
internal sealed record QueryTerm(string Exact, string Folded, bool HasMarks, bool Prefix)
{
    public bool Matches(TextToken token)
    {
        var folded = Prefix ? token.Folded.StartsWith(Folded, StringComparison.Ordinal) : token.Folded == Folded;
        if (!folded || !HasMarks)
        {
            return folded;
        }
        return Prefix ? token.Exact.StartsWith(Exact, StringComparison.Ordinal) : token.Exact == Exact;
    }
}

/// <summary>A single word, or a phrase the visitor put in quotes.</summary>
internal sealed record QueryGroup(IReadOnlyList<QueryTerm> Terms, bool Quoted);

/// <summary>
/// A provider-neutral condition: these lexemes, adjacent and in order, in the exact (marked) or the folded index.
/// Every provider renders the same constraints, so SQLite and PostgreSQL find the same items.
/// </summary>
internal sealed record MatchConstraint(bool Exact, IReadOnlyList<string> Lexemes, bool Prefix);

/// <summary>
/// Raw visitor input turned into terms. Nothing of the input reaches a database except lexemes made
/// of letters and digits, which is why no input can break the FTS5 or tsquery syntax.
/// </summary>
internal sealed class ParsedQuery
{
    // Enough for any real question; 2,000 characters of noise must not become a 300-term query.
    public const int MaxInputLength = 500;
    public const int MaxTerms = 16;

    private ParsedQuery(IReadOnlyList<QueryGroup> groups)
    {
        Groups = groups;
    }

    public IReadOnlyList<QueryGroup> Groups { get; }

    public bool IsEmpty => Groups.Count == 0;

    public IEnumerable<QueryTerm> Terms => Groups.SelectMany(g => g.Terms);

    public bool HasMarks => Terms.Any(t => t.HasMarks);

    public static ParsedQuery Parse(string? text)
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
                var term = new QueryTerm(token.Exact, token.Folded, token.HasMarks, Prefix: false);
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
        return new ParsedQuery(groups);
    }

    /// <summary>Every term must be found; quoted phrases adjacent and in order.</summary>
    public IReadOnlyList<MatchConstraint> Required() => Groups.SelectMany(Constraints).ToList();

    /// <summary>
    /// The whole query as one phrase, for ranking items that hold the words adjacent and in order above
    /// items where they are scattered; null when that would add nothing.
    /// </summary>
    public IReadOnlyList<MatchConstraint>? Adjacent()
    {
        var terms = Terms.ToList();
        if (terms.Count < 2 || Groups.Count == 1)
        {
            return null;
        }
        return Constraints(new QueryGroup(terms, Quoted: true)).ToList();
    }

    private static IEnumerable<MatchConstraint> Constraints(QueryGroup group)
    {
        var prefix = group.Terms[^1].Prefix;
        if (group.Terms.All(t => t.HasMarks))
        {
            // The exact phrase implies the folded one; asking for both would only cost time.
            yield return new MatchConstraint(true, group.Terms.Select(t => t.Exact).ToList(), prefix);
            yield break;
        }
        yield return new MatchConstraint(false, group.Terms.Select(t => t.Folded).ToList(), prefix);
        foreach (var term in group.Terms.Where(t => t.HasMarks))
        {
            yield return new MatchConstraint(true, [term.Exact], term.Prefix);
        }
    }

    /// <summary>The last term, when it is still being typed (matched as a prefix).</summary>
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
        new(Groups.Select(g => g with { Terms = g.Terms.Select(t => t with { Exact = t.Folded, HasMarks = false }).ToList() }).ToList());

    public ParsedQuery WithoutGroup(int index) => new(Groups.Where((_, i) => i != index).ToList());

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
            var words = string.Join(' ', group.Terms.Select(t => t.Exact));
            sb.Append(group.Quoted ? $"\"{words}\"" : words);
        }
        return sb.ToString();
    }
}
