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
                Error(At(p.Name), $"không có trường \"{p.Name}\"; kiểm tra chính tả (các trường có: {string.Join(", ", allowed)})");
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
            errors.Add(new(path, $"phải là một đối tượng {{ … }}, nhưng đang là {Describe(e)}"));
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
                Error(At(name), "chưa có; trường này bắt buộc");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error(At(name), $"phải là một chuỗi trong dấu ngoặc kép, nhưng đang là {Describe(v)}");
            return null;
        }
        var s = Vietnamese.Nfc(v.GetString()).Trim();
        if (required && s.Length == 0)
        {
            Error(At(name), "không được để trống");
            return null;
        }
        if (s.Length > maxLength)
        {
            Error(At(name), $"dài {s.Length} ký tự, tối đa {maxLength} ký tự");
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
                    Error($"{At(name)}[{i}]", $"mỗi dòng phải là một chuỗi trong dấu ngoặc kép, nhưng đang là {Describe(line)}");
                }
                else
                {
                    lines.Add(line.GetString()!);
                }
                i++;
            }
            var joined = Vietnamese.Nfc(string.Join("\n", lines));
            return joined.Length > maxLength ? Fail<string>(At(name), $"dài {joined.Length} ký tự, tối đa {maxLength} ký tự") : joined;
        }
        if (Get(name) is { ValueKind: JsonValueKind.String } s)
        {
            var text = Vietnamese.Nfc(s.GetString()).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (required && text.Trim().Length == 0)
            {
                return Fail<string>(At(name), "không được để trống");
            }
            return text.Length > maxLength ? Fail<string>(At(name), $"dài {text.Length} ký tự, tối đa {maxLength} ký tự") : text;
        }
        if (Get(name) is { } other)
        {
            return Fail<string>(At(name), $"phải là một chuỗi hoặc một mảng các dòng, nhưng đang là {Describe(other)}");
        }
        return required ? Fail<string>(At(name), "chưa có; trường này bắt buộc") : null;
    }

    public int? Int(string name, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name) is not { } v)
        {
            return required ? Fail<int?>(At(name), "chưa có; trường này bắt buộc") : null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
        {
            return Fail<int?>(At(name), $"phải là một số nguyên, nhưng đang là {Describe(v)}");
        }
        if (n < min || n > max)
        {
            return Fail<int?>(At(name), $"phải từ {min} đến {max}, đang là {n}");
        }
        return n;
    }

    public decimal? Number(string name, bool required = false)
    {
        if (Get(name) is not { } v)
        {
            return required ? Fail<decimal?>(At(name), "chưa có; trường này bắt buộc") : null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var n))
        {
            return Fail<decimal?>(At(name), $"phải là một số, nhưng đang là {Describe(v)}");
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
            _ => Fail<bool?>(At(name), $"phải là true hoặc false, nhưng đang là {Describe(v)}"),
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
            : Fail<DateOnly?>(path, $"\"{s}\" không đúng định dạng ngày, ví dụ 2025-03-31");

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
            return Fail<DateTimeOffset?>(At(name), $"\"{s}\" không đúng định dạng ngày giờ kèm múi giờ, ví dụ 2025-03-12T09:00:00+07:00");
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
                Error(At(name), "chưa có; trường này bắt buộc");
            }
            return [];
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(At(name), $"phải là một mảng [ … ], nhưng đang là {Describe(v)}");
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
                Error(path, $"phải là một chuỗi không rỗng, nhưng đang là {Describe(e)}");
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
                Error(path, $"phải là một số nguyên, nhưng đang là {Describe(e)}");
            }
        }
        return list;
    }

    public JsonObjectReader? Object(string name, bool required, params string[] allowed)
    {
        if (Get(name) is not { } v)
        {
            return required ? Fail<JsonObjectReader>(At(name), "chưa có; trường này bắt buộc") : null;
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
        JsonValueKind.Object => "một đối tượng { … }",
        JsonValueKind.Array => "một mảng [ … ]",
        JsonValueKind.String => $"chuỗi \"{Shorten(e.GetString())}\"",
        JsonValueKind.Number => $"số {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"giá trị {e.GetRawText()}",
        _ => "giá trị null",
    };

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";
}
