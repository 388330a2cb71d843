using System.Text;

namespace WardCms.Core.Exports;

// Text going into an exported file is normalised once, here: NFC so that Vietnamese typed on
// different keyboards (precomposed or combining marks) renders and searches the same, and
// characters XML 1.0 forbids are dropped because one stray control character pasted from Word
// would otherwise make the whole DOCX/XLSX unreadable.
internal static class ExportText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
            {
                sb.Append(c).Append(normalized[++i]);
            }
            else if (IsXmlChar(c) && !char.IsSurrogate(c))
            {
                sb.Append(c);
            }
        }

        return sb.Length == normalized.Length ? normalized : sb.ToString();
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}
