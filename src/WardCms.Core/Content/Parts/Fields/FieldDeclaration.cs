using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WardCms.Core.Content.Parts;

/// <summary>The kinds of value a field of the fields part holds; each has its own input, check and display.</summary>
public enum FieldKind
{
    Text,
    LongText,
    Number,
    Date,
    DateTime,
    Url,
    Choice,
    File,
    Image,
    Reference,
}

/// <summary>
/// One field a type declares in its fields part's settings:
/// <c>{ "name": "soKyHieu", "label": "Số ký hiệu", "kind": "text", "required": true, "card": true, "sortable": true, "filterable": true }</c>.
/// Values are stored as text in an invariant form (dates yyyy-MM-dd, numbers with a dot, references the item's id, files the library key).
/// </summary>
public sealed record FieldDeclaration(string Name, string Label, FieldKind Kind, bool Required, bool Card, bool Sortable, bool Filterable,
    IReadOnlyList<string> Options, string? ReferenceType, int MaxLength, string? Hint)
{
    public static readonly IReadOnlyDictionary<string, FieldKind> Kinds = new Dictionary<string, FieldKind>(StringComparer.Ordinal)
    {
        ["text"] = FieldKind.Text,
        ["longText"] = FieldKind.LongText,
        ["number"] = FieldKind.Number,
        ["date"] = FieldKind.Date,
        ["dateTime"] = FieldKind.DateTime,
        ["url"] = FieldKind.Url,
        ["choice"] = FieldKind.Choice,
        ["file"] = FieldKind.File,
        ["image"] = FieldKind.Image,
        ["reference"] = FieldKind.Reference,
    };

    public static readonly string[] Keys = ["name", "label", "kind", "required", "card", "sortable", "filterable", "options", "type", "maxLength", "hint"];

    private static readonly ConditionalWeakTable<JsonObject, IReadOnlyList<FieldDeclaration>> Parsed = new();

    /// <summary>
    /// The fields a type's part settings declare, in order. The settings object of a stored type is
    /// never changed (types are replaced whole), so its parse is remembered per object.
    /// Entries the recipe validator would refuse are skipped here.
    /// </summary>
    public static IReadOnlyList<FieldDeclaration> Of(JsonObject? settings) =>
        settings is null ? [] : Parsed.GetValue(settings, static s => Parse(s));

    private static List<FieldDeclaration> Parse(JsonObject settings)
    {
        var result = new List<FieldDeclaration>();
        if (settings["fields"] is not JsonArray fields)
        {
            return result;
        }
        foreach (var node in fields)
        {
            if (node is not JsonObject f || Str(f, "name") is not { Length: > 0 } name || Str(f, "kind") is not { } kindName
                || !Kinds.TryGetValue(kindName, out var kind) || result.Any(x => x.Name == name))
            {
                continue;
            }
            var options = f["options"] is JsonArray o ? o.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [];
            result.Add(new FieldDeclaration(name, Str(f, "label") ?? name, kind, Bool(f, "required"), Bool(f, "card"), Bool(f, "sortable"), Bool(f, "filterable"),
                options, Str(f, "type"), f["maxLength"] is JsonValue m && m.TryGetValue<int>(out var max) ? max : kind == FieldKind.LongText ? 10_000 : 500,
                Str(f, "hint")));
        }
        return result;
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    // ---- Values: parsed from what people type, stored invariant, shown the Vietnamese way ----

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly string[] DateForms = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy"];
    private static readonly string[] DateTimeForms = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "d/M/yyyy H:mm", "dd/MM/yyyy HH:mm", "H:mm d/M/yyyy", "HH:mm dd/MM/yyyy"];

    public static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), DateForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryDateTime(string value, out DateTime at) =>
        DateTime.TryParseExact(value.Trim(), DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    /// <summary>"1.234,5" (Vietnamese) or "1234.5": the number, else false.</summary>
    public static bool TryNumber(string value, out decimal number)
    {
        var v = value.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (v.Contains(',', StringComparison.Ordinal))
        {
            return decimal.TryParse(v, NumberStyles.Number, Vi, out number);
        }
        // "1.234" with a dot and three digits after it is how Vietnamese writes a thousand: read it so.
        if (v.Count(c => c == '.') > 1 || (v.Count(c => c == '.') == 1 && v.Length - v.IndexOf('.') == 4 && !v.StartsWith('0')))
        {
            return decimal.TryParse(v, NumberStyles.Number, Vi, out number);
        }
        return decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>A stored value as people read it: 15/03/2025, 1.234,5, 08:30 15/03/2025.</summary>
    public string Format(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return Kind switch
        {
            FieldKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            FieldKind.DateTime when DateTime.TryParseExact(value, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) => t.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture),
            FieldKind.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n.ToString("#,##0.##########", Vi),
            _ => value,
        };
    }

    /// <summary>How the stored values of this field sort: dates and numbers by value, text the Vietnamese way.</summary>
    public IComparer<string?> Comparer => Kind switch
    {
        FieldKind.Number => Comparer<string?>.Create((a, b) => Num(a).CompareTo(Num(b))),
        FieldKind.Date or FieldKind.DateTime => StringComparer.Ordinal,
        _ => StringComparer.Create(Vi, ignoreCase: true),
    };

    private static decimal Num(string? v) => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : decimal.MinValue;

    /// <summary>The year of a date value (filters by year), or null.</summary>
    public static int? YearOf(string? value) =>
        value is { Length: >= 4 } && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;

    public override string ToString() => $"{Name} ({Kind})";

    /// <summary>Reads recipe values that are numbers or booleans as their text, so <c>"soTrang": 5</c> is "5".</summary>
    internal sealed class LenientStrings : System.Text.Json.Serialization.JsonConverter<Dictionary<string, string?>>
    {
        public override Dictionary<string, string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("phải là một đối tượng { \"tênTrường\": \"giá trị\" }");
            }
            var result = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                reader.Read();
                result[key] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    JsonTokenType.Null => null,
                    _ => throw new JsonException($"giá trị của trường \"{key}\" phải là chữ, số hoặc ngày viết trong dấu ngoặc kép"),
                };
            }
            return result;
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, string?> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (k, v) in value)
            {
                writer.WriteString(k, v);
            }
            writer.WriteEndObject();
        }
    }
}
