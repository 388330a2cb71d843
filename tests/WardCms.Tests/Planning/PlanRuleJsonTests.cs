using WardCms.Core.Planning;

namespace WardCms.Tests.Planning;

public sealed class PlanRuleJsonTests
{
    [Fact]
    public void Parse_RecipeVocabulary_GivesEngineRulesKeyedByTaskAndIndex()
    {
        var rules = PlanRuleJson.Parse("""
            [{ "metric": "airTimeMinutes", "minimum": 15, "period": "week", "event": "airedOnRadio",
               "filters": { "contentTypes": ["RadioScript"], "units": ["vhxh"], "tasks": [3] }, "label": "15 phút mỗi tuần" },
             { "metric": "count", "minimum": 3, "period": "halfYear", "event": "postedToCityPage", "window": { "from": "2025-08-01", "to": "2025-12-31" } }]
            """, 3);

        Assert.Equal(["3.1", "3.2"], rules.Select(r => r.Key));
        Assert.Equal(QuotaMetric.AirTimeMinutes, rules[0].Metric);
        Assert.Equal(QuotaPeriodKind.Week, rules[0].Period);
        Assert.Equal(["RadioScript"], rules[0].Filters.ContentTypes);
        Assert.Equal(["vhxh"], rules[0].Filters.Units);
        Assert.Equal("15 phút mỗi tuần", rules[0].Label);
        Assert.Equal(QuotaPeriodKind.HalfYear, rules[1].Period);
        Assert.Equal(CountingEventKind.PostedToCityPage, rules[1].Event);
        Assert.Equal(DateWindow.Months(2025, 8, 12), rules[1].ActiveWindow);
        Assert.All(rules, r => Assert.Empty(r.Validate()));
    }

    [Theory]
    [InlineData("""[{ "minimum": 1, "period": "fortnight", "event": "airedOnRadio" }]""", "'period'")]
    [InlineData("""[{ "period": "month", "event": "airedOnRadio" }]""", "minimum")]
    [InlineData("""[{ "minimum": 1, "period": "month", "event": "airedOnRadio", "window": { "from": "2025-13-01", "to": "2025-12-31" } }]""", "'from'")]
    public void Parse_BadRule_SaysWhichRuleAndWhatInVietnamese(string json, string named)
    {
        var e = Assert.Throws<FormatException>(() => PlanRuleJson.Parse(json, 7));
        Assert.Contains("Chỉ tiêu 7.1", e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Parse_EmptyOrMissing_IsNoRules()
    {
        Assert.Empty(PlanRuleJson.Parse("[]", 1));
        Assert.Empty(PlanRuleJson.Parse("", 1));
        Assert.Equal([new DateOnly(2025, 3, 15), new DateOnly(2025, 6, 15)], PlanRuleJson.DueDates("""["2025-03-15", "2025-06-15"]"""));
    }
}
