using System.Globalization;
using System.Text.Json;
using WardCms.Core.Language;

namespace WardCms.Core.Recipes;

/// <summary>
/// Reads one JSON object of a recipe, recording a path-qualified error for every missing, mistyped
/// or unknown property instead of stopping at the first, so an author sees all problems at once.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly List<RecipeError> _errors;

    public JsonObjectReader(JsonElement element, string path, List<RecipeError> errors, params string[] allowed)
    {
        Element = element;
        Path = path;
        _errors = errors;
        // A typo ("slugPatern") would otherwise be silently ignored and the default used.
        foreach (var p in element.EnumerateObject())
        {
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                Error(At(p.Name), $"unknown property \"{p.Name}\" (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    public JsonElement Element { get; }
    public string Path { get; }

    /// <summary>Reads an object at <paramref name="path"/>; null (with an error) when it is not one.</summary>
    public static JsonObjectReader? Open(JsonElement e, string path, List<RecipeError> errors, params string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"expected an object, found {Describe(e)}"));
            return null;
        }
        return new JsonObjectReader(e, path, errors, allowed);
    }

    public string At(string name) => $"{Path}.{name}";

    public void Error(string path, string message) => _errors.Add(new(path, message));

    public bool Has(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Get(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A string, NFC-normalised and trimmed. Required strings must not be blank.</summary>
    public string? String(string name, bool required = false, int maxLength = 1000)
    {
        if (Get(name) is not { } v)
        {
            if (required)
            {
                Error(At(name), "is required");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error(At(name), $"expected a string, found {Describe(v)}");
            return null;
        }
        var s = Vietnamese.Nfc(v.GetString()).Trim();
        if (required && s.Length == 0)
        {
            Error(At(name), "must not be empty");
            return null;
        }
        if (s.Length > maxLength)
        {
            Error(At(name), $"is {s.Length} characters long; at most {maxLength} allowed");
            return null;
        }
        return s;
    }

    /// <summary>A string, or an array of strings joined by new lines (long Markdown is easier to write as lines).</summary>
    public string? Text(string name, bool required = false, int maxLength = 200_000)
    {
        if (Get(name) is { ValueKind: JsonValueKind.Array } arr)
        {
            var lines = new List<string>();
            var i = 0;
            foreach (var line in arr.EnumerateArray())
            {
                if (line.ValueKind != JsonValueKind.String)
                {
                    Error($"{At(name)}[{i}]", $"expected a string, found {Describe(line)}");
                }
                else
                {
                    lines.Add(line.GetString()!);
                }
                i++;
            }
            var joined = Vietnamese.Nfc(string.Join("\n", lines));
            return joined.Length > maxLength ? Fail<string>(At(name), $"is {joined.Length} characters long; at most {maxLength} allowed") : joined;
        }
        if (Get(name) is { ValueKind: JsonValueKind.String } s)
        {
            var text = Vietnamese.Nfc(s.GetString()).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (required && text.Trim().Length == 0)
            {
                return Fail<string>(At(name), "must not be empty");
            }
            return text.Length > maxLength ? Fail<string>(At(name), $"is {text.Length} characters long; at most {maxLength} allowed") : text;
        }
        if (Get(name) is { } other)
        {
            return Fail<string>(At(name), $"expected a string or an array of lines, found {Describe(other)}");
        }
        return required ? Fail<string>(At(name), "is required") : null;
    }

    public int? Int(string name, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name) is not { } v)
        {
            return required ? Fail<int?>(At(name), "is required") : null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
        {
            return Fail<int?>(At(name), $"expected a whole number, found {Describe(v)}");
        }
        if (n < min || n > max)
        {
            return Fail<int?>(At(name), $"must be between {min} and {max}, found {n}");
        }
        return n;
    }

    public decimal? Number(string name, bool required = false)
    {
        if (Get(name) is not { } v)
        {
            return required ? Fail<decimal?>(At(name), "is required") : null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var n))
        {
            return Fail<decimal?>(At(name), $"expected a number, found {Describe(v)}");
        }
        return n;
    }

    public bool? Bool(string name)
    {
        if (Get(name) is not { } v)
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail<bool?>(At(name), $"expected true or false, found {Describe(v)}"),
        };
    }

    public DateOnly? Date(string name, bool required = false)
    {
        var s = String(name, required, 20);
        return s is null ? null : ParseDate(s, At(name));
    }

    public DateOnly? ParseDate(string s, string path) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : Fail<DateOnly?>(path, $"\"{s}\" is not a date in the form 2025-03-31");

    /// <summary>An ISO 8601 instant with its offset ("2025-03-12T09:00:00+07:00"): an offset-less time would be ambiguous.</summary>
    public DateTimeOffset? Instant(string name)
    {
        var s = String(name, false, 40);
        if (s is null)
        {
            return null;
        }
        var hasOffset = s.EndsWith('Z') || s.LastIndexOfAny(['+', '-']) > s.IndexOf('T', StringComparison.Ordinal) && s.Contains('T', StringComparison.Ordinal);
        if (!hasOffset || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return Fail<DateTimeOffset?>(At(name), $"\"{s}\" is not a date and time with an offset, e.g. 2025-03-12T09:00:00+07:00");
        }
        return t;
    }

    /// <summary>The elements of an array with their paths; empty (with an error when required) when missing.</summary>
    public IEnumerable<(JsonElement Element, string Path)> Array(string name, bool required = false)
    {
        if (Get(name) is not { } v)
        {
            if (required)
            {
                Error(At(name), "is required");
            }
            return [];
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(At(name), $"expected an array, found {Describe(v)}");
            return [];
        }
        return v.EnumerateArray().Select((e, i) => (e, $"{At(name)}[{i}]")).ToList();
    }

    public List<string> Strings(string name, bool required = false)
    {
        var list = new List<string>();
        foreach (var (e, path) in Array(name, required))
        {
            if (e.ValueKind == JsonValueKind.String && Vietnamese.Nfc(e.GetString()).Trim() is { Length: > 0 } s)
            {
                list.Add(s);
            }
            else
            {
                Error(path, $"expected a non-empty string, found {Describe(e)}");
            }
        }
        return list;
    }

    public List<(int Value, string Path)> Ints(string name)
    {
        var list = new List<(int, string)>();
        foreach (var (e, path) in Array(name))
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n))
            {
                list.Add((n, path));
            }
            else
            {
                Error(path, $"expected a whole number, found {Describe(e)}");
            }
        }
        return list;
    }

    public JsonObjectReader? Object(string name, bool required, params string[] allowed)
    {
        if (Get(name) is not { } v)
        {
            return required ? Fail<JsonObjectReader>(At(name), "is required") : null;
        }
        return Open(v, At(name), _errors, allowed);
    }

    private T? Fail<T>(string path, string message)
    {
        Error(path, message);
        return default;
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(e.GetString())}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";
}
