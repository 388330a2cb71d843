using WardCms.Core.Recipes;

namespace WardCms.Tests.Recipes;

public class RecipeValidatorTests : IAsyncLifetime
{
    private RecipeTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RecipeTestHost.SqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<IReadOnlyList<RecipeError>> ErrorsOf(string json)
    {
        var result = await _host.ValidateAsync(json);
        Assert.False(result.IsValid);
        return result.Errors;
    }

    private static void AssertError(IReadOnlyList<RecipeError> errors, string path, string fragment) =>
        Assert.True(errors.Any(e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"Expected an error at {path} containing “{fragment}”; got:\n{string.Join("\n", errors)}");

    [Fact]
    public async Task TestRecipe_IsValid()
    {
        var result = await _host.ValidateAsync(TestRecipes.Site);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(RecipeStepNames.All, result.Recipe!.Steps.Select(s => s.Kind));
    }

    [Fact]
    public async Task UnknownPart_IsReportedAtThePartsName()
    {
        var json = TestRecipes.Site.Replace("""{ "name": "handbook" }""", """{ "name": "galery" }""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[1].parts[2].name", "unknown part \"galery\"");
    }

    [Fact]
    public async Task TypeWithoutCommonPart_IsRefused()
    {
        var json = TestRecipes.Site.Replace("""[{ "name": "common" }, { "name": "route" }, { "name": "handbook" }]""", """[{ "name": "route" }, { "name": "handbook" }]""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[1].parts", "\"common\" part");
    }

    [Fact]
    public async Task UnknownPermission_IsReportedAtItsIndex()
    {
        var json = TestRecipes.Site.Replace("""["AccessAdmin", "EditContent"]""", """["AccessAdmin", "EditEverything"]""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[2].roles[0].permissions[1]", "unknown permission \"EditEverything\"");
    }

    [Fact]
    public async Task MissingTitle_IsReportedOnTheItem()
    {
        var json = TestRecipes.Site.Replace("""
            "title": "Bài một",
            """, "", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[7].content[0].title", "is required");
    }

    [Fact]
    public async Task BadRulePeriod_IsReportedInsideTheRule()
    {
        var json = TestRecipes.Site.Replace("\"period\": \"month\"", "\"period\": \"fortnight\"", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[6].tasks[0].rules[0].period", "\"fortnight\" is not one of");
    }

    [Fact]
    public async Task RuleWithZeroMinimumAndUnknownFilters_ReportsEach()
    {
        var json = TestRecipes.Site.Replace("\"minimum\": 6,", "\"minimum\": 0, \"filters\": { \"units\": [\"nope\"], \"tasks\": [99] },", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[6].tasks[0].rules[0].minimum", "greater than 0");
        AssertError(errors, "$.steps[6].tasks[0].rules[0].filters.units[0]", "unknown unit \"nope\"");
        AssertError(errors, "$.steps[6].tasks[0].rules[0].filters.tasks[0]", "unknown task 99");
    }

    [Fact]
    public async Task DuplicateKeys_AreReportedWithTheFirstOccurrence()
    {
        var json = TestRecipes.Site
            .Replace("\"key\": \"kthtdt\"", "\"key\": \"vhxh\"", StringComparison.Ordinal)
            .Replace("\"slug\": \"muc-mot\"", "\"slug\": \"bai-mot\"", StringComparison.Ordinal)
            .Replace("\"number\": 8,", "\"number\": 5,", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[1].units[1].key", "duplicate unit key \"vhxh\" (first at $.steps[1].units[0].key)");
        AssertError(errors, "$.steps[7].content[1].slug", "duplicate content slug \"bai-mot\"");
        AssertError(errors, "$.steps[6].tasks[1].number", "duplicate task number 5");
    }

    [Fact]
    public async Task BrokenReferences_AreAllReported()
    {
        var json = TestRecipes.Site
            .Replace("\"topics\": [\"e\"]", "\"topics\": [\"e\", \"zz\"]", StringComparison.Ordinal)
            .Replace("\"tasks\": [5]", "\"tasks\": [5, 42]", StringComparison.Ordinal)
            .Replace("\"unit\": \"vhxh\", \"topics\"", "\"unit\": \"phong-ma\", \"topics\"", StringComparison.Ordinal)
            .Replace("\"chapter\": \"Hộ tịch\"", "\"chapter\": \"\"", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[7].content[0].topics[1]", "unknown term \"zz\"");
        AssertError(errors, "$.steps[7].content[0].tasks[1]", "unknown task 42");
        AssertError(errors, "$.steps[7].content[0].unit", "unknown unit \"phong-ma\"");
        AssertError(errors, "$.steps[7].content[1].parts.handbook.chapter", "chương");
    }

    [Fact]
    public async Task Typos_InPropertyNamesAreNotIgnored()
    {
        var json = TestRecipes.Site.Replace("\"slugPattern\": \"/cchc/{slug}\"", "\"slugPatern\": \"/cchc/{slug}\"", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[0].settings.slugPatern", "unknown property");
    }

    [Fact]
    public async Task SyntaxError_NamesLineAndColumn()
    {
        var json = "{\n  \"name\": \"Lỗi cú pháp\",\n  \"steps\": [\n    { \"step\": \"units\" \"units\": [] }\n  ]\n}";
        var errors = await ErrorsOf(json);
        var error = Assert.Single(errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 4, column 23", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentsAndTrailingCommas_AreAllowed()
    {
        var json = "// a comment\n{ /* another */ \"name\": \"x\", \"site\": \"khong-co\", \"steps\": [], }";
        // Parses; the only complaint is the missing site, not the syntax.
        AssertError(await ErrorsOf(json), "$.site", "no site \"khong-co\" exists");
    }

    [Fact]
    public async Task UnknownStep_IsReported()
    {
        var json = TestRecipes.Site.Replace("\"step\": \"taxonomies\"", "\"step\": \"taxonomy\"", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[5].step", "unknown step \"taxonomy\"");
    }
}
