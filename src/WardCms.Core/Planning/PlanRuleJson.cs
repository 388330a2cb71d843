using System.Globalization;
using System.Text.Json;

namespace WardCms.Core.Planning;

/// <summary>
/// Reads PlanTask.RulesJson (as the recipe validator normalised it: camelCase names and values)
/// into the engine's QuotaRuleSpec. Keys are "{task number}.{rule index}" so "5.1" is task 5's first rule.
/// </summary>
public static class PlanRuleJson
{
    public static IReadOnlyList<QuotaRuleSpec> Parse(string? rulesJson, int taskNumber)
    {
        if (string.IsNullOrWhiteSpace(rulesJson))
            return [];
        using var doc = JsonDocument.Parse(rulesJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new FormatException($"Nhiệm vụ {taskNumber}: danh sách chỉ tiêu phải là một mảng JSON.");
        var rules = new List<QuotaRuleSpec>();
        var index = 0;
        foreach (var r in doc.RootElement.EnumerateArray())
        {
            index++;
            var key = $"{taskNumber}.{index}";
            DateWindow? window = null;
            if (r.TryGetProperty("window", out var w) && w.ValueKind == JsonValueKind.Object)
                window = new DateWindow(Date(w, "from", key), Date(w, "to", key));
            var filters = QuotaFilters.Any;
            if (r.TryGetProperty("filters", out var f) && f.ValueKind == JsonValueKind.Object)
            {
                // "tasks" names the tasks an item must be tagged to; the engine already counts an item
                // for a task only when it is tagged to it, so the task's own number adds nothing here.
                filters = new QuotaFilters
                {
                    ContentTypes = Strings(f, "contentTypes"),
                    Channels = Strings(f, "channels"),
                    Topics = Strings(f, "topics"),
                    Units = Strings(f, "units"),
                };
            }
            rules.Add(new QuotaRuleSpec
            {
                Key = key,
                Metric = Enum<QuotaMetric>(r, "metric", key, QuotaMetric.Count),
                Minimum = r.TryGetProperty("minimum", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDecimal()
                    : throw new FormatException($"Chỉ tiêu {key}: thiếu mức tối thiểu (minimum)."),
                Period = Enum<QuotaPeriodKind>(r, "period", key, null),
                Event = Enum<CountingEventKind>(r, "event", key, null),
                ActiveWindow = window,
                Filters = filters,
                Label = r.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String && l.GetString() is { Length: > 0 } s ? s : null,
            });
        }
        return rules;
    }

    private static T Enum<T>(JsonElement r, string name, string key, T? fallback) where T : struct, Enum
    {
        if (r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && System.Enum.TryParse<T>(v.GetString(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed))
            return parsed;
        return fallback ?? throw new FormatException($"Chỉ tiêu {key}: giá trị '{name}' không hợp lệ.");
    }

    private static DateOnly Date(JsonElement w, string name, string key) =>
        w.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"Chỉ tiêu {key}: ngày '{name}' của khoảng áp dụng không hợp lệ.");

    private static IReadOnlyList<string> Strings(JsonElement f, string name) =>
        f.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    public static IReadOnlyList<DateOnly> DueDates(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind != JsonValueKind.Array ? [] :
            [.. doc.RootElement.EnumerateArray()
                .Select(x => x.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(x.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)
                .Where(d => d is not null).Select(d => d!.Value)];
    }
}
