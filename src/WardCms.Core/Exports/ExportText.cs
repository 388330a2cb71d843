namespace WardCms.Core.Exports;

// Text going into an exported file is cleaned once, here, by the same rule as input (TextInput.Clean):
// NFC so that Vietnamese typed on different keyboards renders and searches the same, and characters
// XML 1.0 forbids dropped, because one stray control character pasted from Word and stored before
// input was cleaned would otherwise make the whole DOCX/XLSX unreadable.
internal static class ExportText
{
    public static string Clean(string? text) => Language.TextInput.Clean(text);
}
