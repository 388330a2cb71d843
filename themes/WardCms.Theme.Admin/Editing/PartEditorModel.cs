using Microsoft.AspNetCore.Mvc.ModelBinding;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;

namespace WardCms.Theme.Admin.Editing;

/// <summary>What a part's editor partial (Pages/Shared/Parts/{part}.Edit.cshtml) is given.</summary>
public sealed record PartEditorModel(ContentPartDefinition Part, object Data, ContentTypePart TypePart, PartEditorChoices Choices)
{
    /// <summary>"Parts.topics": the form prefix and the prefix of the part's ContentError fields.</summary>
    public string Prefix => $"Parts.{Part.Name}";

    public string Name(string property) => $"{Prefix}.{property}";

    public string Id(string property) => EditorFields.IdFor(Name(property));

    public T DataAs<T>() where T : class, new() => Data as T ?? new T();
}

/// <summary>The choices the part editors offer, loaded once per request by the editor page.</summary>
public sealed record PartEditorChoices(
    IReadOnlyList<TermChoice> Terms,
    IReadOnlyList<TaskChoice> Tasks,
    IReadOnlyList<string> Chapters,
    int DefaultReviewMonths)
{
    public static readonly PartEditorChoices Empty = new([], [], [], 6);
}

public sealed record TermChoice(int Id, string Name, string Description);

public sealed record TaskChoice(int Id, int Number, string Label, string PlanTitle, bool Suggested);

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
