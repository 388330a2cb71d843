using System.Text.Json;
using WardCms.Core.Recipes;

namespace WardCms.Tests.Recipes;

public class RecipeSchemaTests
{
    [Fact]
    public void EveryShippedRecipe_IsWellFormedJsonWithComments()
    {
        var files = Directory.GetFiles(RecipeTestHost.RepoFile("recipes"), "*.recipe.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file), RecipeValidator.DocumentOptions);
            Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("steps").ValueKind);
        }
    }

    [Fact]
    public void Schema_IsDraft2020_12AndListsExactlyTheStepsTheEngineKnows()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RecipeTestHost.RepoFile("recipes", "recipe.schema.json")));
        var root = doc.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        var defs = root.GetProperty("$defs");
        var stepNames = defs.GetProperty("stepName").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(RecipeStepNames.All, stepNames);
        // Each step has its own definition, selected by "step".
        foreach (var name in RecipeStepNames.All)
        {
            Assert.True(defs.TryGetProperty($"{name}Step", out var step), $"$defs.{name}Step is missing");
            Assert.Equal(name, step.GetProperty("properties").GetProperty("step").GetProperty("const").GetString());
        }
        var rule = defs.GetProperty("rule").GetProperty("properties");
        Assert.Equal(PlanRuleVocabulary.Periods, rule.GetProperty("period").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(PlanRuleVocabulary.Metrics, rule.GetProperty("metric").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(PlanRuleVocabulary.Events, rule.GetProperty("event").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(PlanRuleVocabulary.Filters, rule.GetProperty("filters").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var permissions = defs.GetProperty("permission").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        Assert.Equal(WardCms.Core.Security.Permissions.All, permissions);
    }
}
