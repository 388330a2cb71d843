namespace WardCms.Core.Recipes;

/// <summary>One problem in a recipe: where (a JSONPath such as "$.steps[3].contentTypes[1].parts[2].name") and why.</summary>
public sealed record RecipeError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// The recipe was refused. Thrown before anything is written (validation), or after a failed step
/// whose transaction was rolled back: either way the database is as it was.
/// </summary>
public sealed class RecipeValidationException(IReadOnlyList<RecipeError> errors)
    : Exception($"Công thức chưa được áp dụng, không có gì thay đổi ({errors.Count} lỗi):\n" + string.Join("\n", errors))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}
