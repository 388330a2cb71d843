using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace WardCms.Core.Content.Parts;

/// <summary>What a part's editor view (<see cref="ContentPartDefinition.EditorView"/>) is given.</summary>
public sealed record PartEditorModel(ContentPartDefinition Part, object Data, ContentTypeDefinition Type, ContentTypePart TypePart, object? Choices)
{
    /// <summary>"Parts.topics" (the column parts: ""): the form prefix and the prefix of the part's ContentError fields.</summary>
    public string Prefix => Part.FormPrefix;

    public string Name(string property) => Prefix.Length == 0 ? property : $"{Prefix}.{property}";

    public string Id(string property) => EditorFields.IdFor(Name(property));

    public T DataAs<T>() where T : class, new() => Data as T ?? new T();

    /// <summary>What the part's <see cref="ContentPartDefinition.LoadChoicesAsync"/> loaded for this page.</summary>
    public T ChoicesAs<T>() where T : class, new() => Choices as T ?? new T();
}

/// <summary>Field ids, error messages and the values to show again after a rejected post.</summary>
public static class EditorFields
{
    /// <summary>"Parts.broadcast.Cues[0].Seconds" → "f-Parts-broadcast-Cues-0-Seconds".</summary>
    public static string IdFor(string key) =>
        "f-" + key.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);

    public static string? ErrorOf(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>What the person typed when it could not be read (e.g. letters in a number), else the current value.</summary>
    public static string? ValueOf(this ModelStateDictionary state, string key, object? current) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : current switch
            {
                null => null,
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => current.ToString(),
            };

    public static string? DescribedBy(this ModelStateDictionary state, string key, string? hintId = null)
    {
        var ids = new List<string>();
        if (hintId is not null)
        {
            ids.Add(hintId);
        }
        if (state.ErrorOf(key) is not null)
        {
            ids.Add(IdFor(key) + "-err");
        }
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public static string? Invalid(this ModelStateDictionary state, string key) => state.ErrorOf(key) is null ? null : "true";
}
