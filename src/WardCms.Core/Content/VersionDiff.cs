namespace WardCms.Core.Content;

public sealed record FieldChange(string Field, string Before, string After, IReadOnlyList<DiffLine>? Lines);

public sealed record DiffLine(DiffLineKind Kind, string Text);

public enum DiffLineKind
{
    Same,
    Added,
    Removed,
}

/// <summary>A readable field-by-field diff; multi-line fields get a line diff (LCS).</summary>
public static class VersionDiff
{
    public static IReadOnlyList<FieldChange> Compare(IEnumerable<(string Label, string Value)> before, IEnumerable<(string Label, string Value)> after)
    {
        var a = before.ToList();
        var b = after.ToDictionary(x => x.Label, x => x.Value);
        var changes = new List<FieldChange>();
        foreach (var (label, oldValue) in a)
        {
            var newValue = b.GetValueOrDefault(label, "");
            if (oldValue == newValue)
            {
                continue;
            }
            var multiline = oldValue.Contains('\n') || newValue.Contains('\n');
            changes.Add(new FieldChange(label, oldValue, newValue, multiline ? Lines(oldValue, newValue) : null));
        }
        return changes;
    }

    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var x = before.Split('\n');
        var y = after.Split('\n');
        // Trim the common head and tail so long bodies with a small edit stay cheap.
        var head = 0;
        while (head < x.Length && head < y.Length && x[head] == y[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < x.Length - head && tail < y.Length - head && x[^(tail + 1)] == y[^(tail + 1)])
        {
            tail++;
        }
        var xm = x[head..^tail];
        var ym = y[head..^tail];
        var lcs = new int[xm.Length + 1, ym.Length + 1];
        for (var i = xm.Length - 1; i >= 0; i--)
        {
            for (var j = ym.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = xm[i] == ym[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var result = new List<DiffLine>();
        result.AddRange(x[..head].Select(l => new DiffLine(DiffLineKind.Same, l)));
        int p = 0, q = 0;
        while (p < xm.Length && q < ym.Length)
        {
            if (xm[p] == ym[q])
            {
                result.Add(new(DiffLineKind.Same, xm[p]));
                p++;
                q++;
            }
            else if (lcs[p + 1, q] >= lcs[p, q + 1])
            {
                result.Add(new(DiffLineKind.Removed, xm[p++]));
            }
            else
            {
                result.Add(new(DiffLineKind.Added, ym[q++]));
            }
        }
        result.AddRange(xm[p..].Select(l => new DiffLine(DiffLineKind.Removed, l)));
        result.AddRange(ym[q..].Select(l => new DiffLine(DiffLineKind.Added, l)));
        result.AddRange(x[^tail..].Select(l => new DiffLine(DiffLineKind.Same, l)));
        return result;
    }
}
