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
    : Exception($"The recipe was not applied ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):\n" + string.Join("\n", errors))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}
