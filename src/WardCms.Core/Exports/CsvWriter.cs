using System.Globalization;
using System.Text;

namespace WardCms.Core.Exports;

// RFC 4180 CSV in UTF-8 with a BOM (without it Excel reads Vietnamese as Windows-1258
// mojibake) and CRLF line ends.
public sealed class CsvWriter : IAsyncDisposable, IDisposable
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private readonly StreamWriter _writer;
    private readonly char _separator;
    private readonly bool _neutraliseFormulas;

    // neutraliseFormulas: text from the public (feedback, comments) starting with = + - @ would
    // run as a formula when opened in Excel; such fields get a leading apostrophe. Numbers such
    // as "-5" are left alone.
    public CsvWriter(Stream destination, char separator = ',', bool neutraliseFormulas = true, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (separator is '"' or '\r' or '\n')
        {
            throw new ArgumentException("Ký tự phân cách CSV không được là dấu nháy kép hay xuống dòng.", nameof(separator));
        }

        _writer = new StreamWriter(destination, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen) { NewLine = "\r\n" };
        _separator = separator;
        _neutraliseFormulas = neutraliseFormulas;
    }

    public Task WriteRowAsync(IEnumerable<string?> fields, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var line = new StringBuilder();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(_separator);
            }

            first = false;
            line.Append(Escape(field, _separator, _neutraliseFormulas));
        }

        line.Append("\r\n");
        return _writer.WriteAsync(line, ct);
    }

    public Task WriteRowsAsync(IEnumerable<IEnumerable<string?>> rows, CancellationToken ct = default) =>
        WriteRowsCoreAsync(rows, ct);

    private async Task WriteRowsCoreAsync(IEnumerable<IEnumerable<string?>> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await WriteRowAsync(row, ct);
        }
    }

    public Task FlushAsync(CancellationToken ct = default) => _writer.FlushAsync(ct);

    public static string Escape(string? field, char separator = ',', bool neutraliseFormulas = true)
    {
        // Cleaned like every other writer's text (NFC, no controls), keeping a field's CRLF line ends as they are.
        var text = field is null ? string.Empty
            : field.Contains("\r\n", StringComparison.Ordinal) ? string.Join("\r\n", field.Split("\r\n").Select(ExportText.Clean))
            : ExportText.Clean(field);
        if (neutraliseFormulas && LooksLikeFormula(text))
        {
            text = "'" + text;
        }

        var needsQuotes = text.AsSpan().IndexOfAny(['"', '\r', '\n', separator]) >= 0
            || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        return needsQuotes ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    // Builds a whole file in memory; fine for the report-sized tables exported here.
    public static async Task<byte[]> ToBytesAsync(IEnumerable<IEnumerable<string?>> rows, char separator = ',', CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await using (var csv = new CsvWriter(buffer, separator))
        {
            await csv.WriteRowsAsync(rows, ct);
        }

        return buffer.ToArray();
    }

    private static bool LooksLikeFormula(string text) =>
        text.Length > 0
        && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    public void Dispose() => _writer.Dispose();
}
