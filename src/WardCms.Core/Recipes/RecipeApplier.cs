namespace WardCms.Core.Recipes;

// Temporary seam so the host compiles while the recipe engine is written on its branch; replaced at merge.
public sealed class RecipeApplier
{
    public Task ApplyAsync(Stream recipe, CancellationToken ct) => throw new NotSupportedException();
}

public sealed class RecipeValidationException(IReadOnlyList<string> errors) : Exception("Invalid recipe")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
