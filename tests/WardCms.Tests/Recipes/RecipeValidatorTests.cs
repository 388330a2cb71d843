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
        Assert.Equal(RecipeStepNames.All.Where(s => s != RecipeStepNames.Media), result.Recipe!.Steps.Select(s => s.Kind)); // a media step reads files beside a recipe file
    }

    [Fact]
    public async Task SearchSynonyms_EachWrongEntryIsNamed_AndTheRecipeIsRefused()
    {
        var json = TestRecipes.Site.Replace("""
            "issuingBody": "PHƯỜNG THỬ NGHIỆM" }
            """.Trim(), """
            "issuingBody": "PHƯỜNG THỬ NGHIỆM", "searchSynonyms": [
                ["CCCD", "căn cước công dân"], ["cccđ"], "TTHC", ["Sổ đỏ", "  ", "so do"], ["x", "%"] ] }
            """.Trim(), StringComparison.Ordinal);
        Assert.Contains("searchSynonyms", json);

        var errors = await ErrorsOf(json);

        AssertError(errors, "$.steps[0].searchSynonyms[1]", "cần ít nhất hai cách viết");
        AssertError(errors, "$.steps[0].searchSynonyms[1][0]", "đã có ở $.steps[0].searchSynonyms[0][0]");
        AssertError(errors, "$.steps[0].searchSynonyms[2]", "phải là một mảng các cách viết cùng nghĩa");
        AssertError(errors, "$.steps[0].searchSynonyms[3][1]", "phải là một từ hoặc cụm từ có chữ hoặc số");
        AssertError(errors, "$.steps[0].searchSynonyms[3][2]", "“so do” đã có ở $.steps[0].searchSynonyms[3][0]");
        AssertError(errors, "$.steps[0].searchSynonyms[4][1]", "phải là một từ hoặc cụm từ có chữ hoặc số");
    }

    [Fact]
    public async Task RequireTwoStepFor_ARoleNoStepDeclares_IsNamed_AndARoleDeclaredLaterIsAccepted()
    {
        var known = await _host.ValidateAsync(TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            "\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", \"requireTwoStepFor\": [\"editor\"] }", StringComparison.Ordinal));
        Assert.True(known.IsValid, string.Join("\n", known.Errors));
        Assert.Equal(["editor"], known.Recipe!.Steps.OfType<SiteStep>().Single().Site.RequireTwoStepFor!);

        var json = TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            "\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", \"requireTwoStepFor\": [\"editor\", \"lanh-dao\"] }", StringComparison.Ordinal);
        Assert.Contains("lanh-dao", json);
        AssertError(await ErrorsOf(json), "$.steps[0].requireTwoStepFor[1]", "không có vai trò \"lanh-dao\"");
    }

    [Fact]
    public async Task SiteKind_Unknown_OrACityPageSendingToItself_IsNamed()
    {
        string With(string extra) => TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            $"\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", {extra} }}", StringComparison.Ordinal);
        AssertError(await ErrorsOf(With("\"kind\": \"thanhPho\"")), "$.steps[0].kind", "không có loại trang \"thanhPho\"");
        AssertError(await ErrorsOf(With("\"kind\": \"cityPage\", \"cityPage\": \"trang-khac\"")), "$.steps[0].cityPage", "không gửi bài cho chính nó");
        var valid = await _host.ValidateAsync(With("\"cityPage\": \"trang-cchc-thanh-pho\""));
        Assert.True(valid.IsValid, string.Join("\n", valid.Errors));
        Assert.Equal("trang-cchc-thanh-pho", valid.Recipe!.Steps.OfType<SiteStep>().Single().Site.CityPage);
    }

    [Fact]
    public async Task SiteWording_TooLongOrTooMany_IsNamedWithItsPath()
    {
        var json = TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            $"\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", \"level\": \"{new string('x', 101)}\", \"reportRecipients\": [\"Lưu: VT.\", \"{new string('y', 301)}\", 5] }}", StringComparison.Ordinal);
        Assert.Contains("reportRecipients", json);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[0].level", "dài 101 ký tự, tối đa 100 ký tự");
        AssertError(errors, "$.steps[0].reportRecipients[1]", "dài 301 ký tự, tối đa 300 ký tự");
        AssertError(errors, "$.steps[0].reportRecipients[2]", "phải là một chuỗi không rỗng");

        var many = TestRecipes.Site.Replace("\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\" }",
            $"\"issuingBody\": \"PHƯỜNG THỬ NGHIỆM\", \"reportRecipients\": [{string.Join(", ", Enumerable.Range(1, 16).Select(i => $"\"Nơi {i}\""))}] }}", StringComparison.Ordinal);
        AssertError(await ErrorsOf(many), "$.steps[0].reportRecipients", "có 16 dòng, tối đa 15 dòng");
    }

    [Fact]
    public async Task AKeyWrittenTwice_IsNamedWithItsPath_NotAppliedWithTheLastValue()
    {
        var json = TestRecipes.Site.Replace("\"minimum\": 6,", "\"minimum\": 6, \"minimum\": 1,", StringComparison.Ordinal);
        Assert.Contains("\"minimum\": 6, \"minimum\": 1", json);

        var errors = await ErrorsOf(json);

        var error = Assert.Single(errors);
        Assert.EndsWith(".rules[0].minimum", error.Path);
        Assert.Contains("\"minimum\" được ghi hai lần trong cùng một đối tượng", error.Message);
        // The same key in two different objects is fine.
        Assert.True((await _host.ValidateAsync(TestRecipes.Site)).IsValid);
    }

    [Fact]
    public async Task SearchWeight_OutOfRange_IsNamed()
    {
        var json = TestRecipes.Site.Replace("\"channel\": \"portal\" }", "\"channel\": \"portal\", \"searchWeight\": 10 }", StringComparison.Ordinal);
        Assert.Contains("searchWeight", json);

        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[0].settings.searchWeight", "phải từ 0,25 đến 4");
    }

    [Theory]
    [InlineData("\"slugPattern\": \"/tim-kiem/{slug}\"", "slugPattern", "/tim-kiem")]
    [InlineData("\"slugPattern\": \"/cchc/{slug}\", \"sectionPath\": \"/phat-thanh\"", "sectionPath", "/phat-thanh")]
    [InlineData("\"slugPattern\": \"/admin/tin/{slug}\"", "slugPattern", "/admin")]
    [InlineData("\"slugPattern\": \"/cchc/{slug}\", \"sectionPath\": \"/api\"", "sectionPath", "/api")]
    [InlineData("\"slugPattern\": \"/phat-thanh/ban-tin/{slug}\"", "slugPattern", "/phat-thanh/ban-tin")]
    [InlineData("\"slugPattern\": \"/tin/{slug}\", \"sectionPath\": \"/tin.xml\"", "sectionPath", "…/rss.xml")]
    public async Task SectionOnAFixedPagesAddress_IsRefused_NamingThatPage(string settings, string key, string fixedPage)
    {
        var json = TestRecipes.Site.Replace("\"slugPattern\": \"/cchc/{slug}\"", settings, StringComparison.Ordinal);
        Assert.Contains(settings, json);
        AssertError(await ErrorsOf(json), $"$.steps[4].contentTypes[0].settings.{key}", $"trùng với địa chỉ {fixedPage}");
    }

    [Fact]
    public async Task SectionUnderTheRadioPage_ButNotOnIt_IsAccepted()
    {
        var json = TestRecipes.Site.Replace("\"slugPattern\": \"/cchc/{slug}\"", "\"slugPattern\": \"/phat-thanh/kich-ban/{slug}\"", StringComparison.Ordinal);
        var result = await _host.ValidateAsync(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public async Task TwoTypesOnOverlappingAddresses_AreRefused_NamingBoth()
    {
        var json = TestRecipes.Site.Replace("\"slugPattern\": \"/cam-nang/{slug}\"", "\"slugPattern\": \"/cchc/cam-nang/{slug}\"", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[1].settings.sectionPath",
            "địa chỉ \"/cchc/cam-nang\" của loại \"HandbookEntry\" trùng hoặc nằm trong địa chỉ \"/cchc\" của loại \"CchcArticle\"");
    }

    [Fact]
    public async Task FieldsDeclaration_EachBadFieldIsNamedAtItsPath()
    {
        // Trailing commas and comments inside a part's settings are read as in the rest of the recipe (this threw before).
        var json = TestRecipes.Site.Replace("""[{ "name": "common" }, { "name": "route" }, { "name": "handbook" }]""", """
            [{ "name": "common" }, { "name": "route" }, { "name": "fields", "settings": {
                // one of each mistake
                "fields": [
                  { "name": "soKyHieu", "label": "Số ký hiệu", "kind": "text", },
                  { "name": "soKyHieu", "label": "Số ký hiệu lần nữa", "kind": "text" },
                  { "name": "loai", "label": "Loại văn bản", "kind": "choice" },
                  { "name": "coQuan", "label": "Cơ quan", "kind": "dropdown" },
                  { "name": "thayThe", "label": "Thay thế văn bản", "kind": "reference", "type": "VanBanKhongCo" },
                  { "name": "ngay", "label": "Ngày", "kind": "date", "colour": "red" },
                ],
                "register": { "columns": ["soKyHieu", "khongCo"], "sort": "-ngay", "filters": ["ngay", "ngay"] },
            } }]
            """.Trim(), StringComparison.Ordinal);
        Assert.Contains("VanBanKhongCo", json);
        var errors = await ErrorsOf(json);
        const string at = "$.steps[4].contentTypes[1].parts[2].settings";
        AssertError(errors, $"{at}.fields[1].name", "tên trường \"soKyHieu\" đã có ở trên");
        AssertError(errors, $"{at}.fields[2].options", "trường chọn cần danh sách lựa chọn");
        AssertError(errors, $"{at}.fields[3].kind", "không có kiểu trường \"dropdown\"");
        AssertError(errors, $"{at}.fields[4].type", "\"VanBanKhongCo\" không có (CchcArticle, HandbookEntry)");
        AssertError(errors, $"{at}.fields[5].colour", "không có thuộc tính \"colour\"");
        AssertError(errors, $"{at}.register.columns[1]", "không có trường \"khongCo\"");
        AssertError(errors, $"{at}.register.filters[1]", "trường \"ngay\" đã có ở trên"); // twice made the register page throw
        Assert.Equal(7, errors.Count(e => e.Path.StartsWith(at, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MediaStep_OfAnUploadedRecipe_IsRefused_AndContentMayOnlyReferToItsOwnFiles()
    {
        // Uploaded in the admin, a recipe has no folder its files could be read from.
        var json = TestRecipes.Site.Replace("""{ "step": "content", "content": [""", """
            { "step": "media", "files": [{ "name": "qd-1", "file": "media/qd-1.pdf" }] },
            { "step": "content", "content": [
            """.Trim(), StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[7].files[0].file", "chỉ dùng được khi áp dụng công thức từ tệp");

        // From a folder: a missing file is named; so is a "media:" reference to no file of the recipe.
        var folder = Path.Combine(Path.GetTempPath(), "wardcms-recipe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "media", "qd-1.pdf"), WardCms.Tests.Media.MediaSamples.Pdf());
        var withFile = json.Replace("""{ "name": "qd-1", "file": "media/qd-1.pdf" }""", """
            { "name": "qd-1", "file": "media/qd-1.pdf" }, { "name": "qd-2", "file": "media/khong-co.pdf" }, { "name": "qd-3", "file": "../ngoai.pdf" }
            """.Trim(), StringComparison.Ordinal);
        var fromFolder = await _host.ValidateAsync(withFile, folder);
        AssertError(fromFolder.Errors, "$.steps[7].files[1].file", "không có tệp \"media/khong-co.pdf\"");
        AssertError(fromFolder.Errors, "$.steps[7].files[2].file", "không có \"..\"");
        Assert.DoesNotContain(fromFolder.Errors, e => e.Path == "$.steps[7].files[0].file");
    }

    [Fact]
    public async Task FieldsPart_WithoutFields_IsRefused()
    {
        var json = TestRecipes.Site.Replace("""{ "name": "handbook" }""", """{ "name": "fields" }""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[1].parts[2].settings.fields", "cần danh sách trường");
    }

    [Fact]
    public async Task UnknownPart_IsReportedAtThePartsName()
    {
        var json = TestRecipes.Site.Replace("""{ "name": "handbook" }""", """{ "name": "galery" }""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[1].parts[2].name", "không có thành phần \"galery\"");
    }

    [Fact]
    public async Task TypeWithoutCommonPart_IsRefused()
    {
        var json = TestRecipes.Site.Replace("""[{ "name": "common" }, { "name": "route" }, { "name": "handbook" }]""", """[{ "name": "route" }, { "name": "handbook" }]""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[1].parts", "thành phần \"common\"");
    }

    [Fact]
    public async Task UnknownPermission_IsReportedAtItsIndex()
    {
        var json = TestRecipes.Site.Replace("""["AccessAdmin", "EditContent"]""", """["AccessAdmin", "EditEverything"]""", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[2].roles[0].permissions[1]", "không có quyền \"EditEverything\"");
    }

    [Fact]
    public async Task MissingTitle_IsReportedOnTheItem()
    {
        var json = TestRecipes.Site.Replace("""
            "title": "Bài một",
            """, "", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[7].content[0].title", "bắt buộc");
    }

    [Fact]
    public async Task BadRulePeriod_IsReportedInsideTheRule()
    {
        var json = TestRecipes.Site.Replace("\"period\": \"month\"", "\"period\": \"fortnight\"", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[6].tasks[0].rules[0].period", "\"fortnight\" không thuộc các giá trị");
    }

    [Fact]
    public async Task RuleWithZeroMinimumAndUnknownFilters_ReportsEach()
    {
        var json = TestRecipes.Site.Replace("\"minimum\": 6,", "\"minimum\": 0, \"filters\": { \"units\": [\"nope\"], \"tasks\": [99] },", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[6].tasks[0].rules[0].minimum", "phải lớn hơn 0");
        AssertError(errors, "$.steps[6].tasks[0].rules[0].filters.units[0]", "không có đơn vị \"nope\" (các đơn vị có: kthtdt, vhxh)");
        AssertError(errors, "$.steps[6].tasks[0].rules[0].filters.tasks[0]", "không có nhiệm vụ số 99");
    }

    [Fact]
    public async Task DuplicateKeys_AreReportedWithTheFirstOccurrence()
    {
        var json = TestRecipes.Site
            .Replace("\"key\": \"kthtdt\"", "\"key\": \"vhxh\"", StringComparison.Ordinal)
            .Replace("\"slug\": \"muc-mot\"", "\"slug\": \"bai-mot\"", StringComparison.Ordinal)
            .Replace("\"number\": 8,", "\"number\": 5,", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[1].units[1].key", "khoá đơn vị \"vhxh\" bị trùng (đã ghi ở $.steps[1].units[0].key)");
        AssertError(errors, "$.steps[7].content[1].slug", "đường dẫn (slug) của mục \"bai-mot\" bị trùng");
        AssertError(errors, "$.steps[6].tasks[1].number", "số nhiệm vụ 5 bị trùng");
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
        AssertError(errors, "$.steps[7].content[0].topics[1]", "không có chủ đề \"zz\"");
        AssertError(errors, "$.steps[7].content[0].tasks[1]", "không có nhiệm vụ số 42");
        AssertError(errors, "$.steps[7].content[0].unit", "không có đơn vị \"phong-ma\"");
        AssertError(errors, "$.steps[7].content[1].parts.handbook.chapter", "chương");
    }

    [Fact]
    public async Task Typos_InPropertyNamesAreNotIgnored()
    {
        var json = TestRecipes.Site.Replace("\"slugPattern\": \"/cchc/{slug}\"", "\"slugPatern\": \"/cchc/{slug}\"", StringComparison.Ordinal);
        AssertError(await ErrorsOf(json), "$.steps[4].contentTypes[0].settings.slugPatern", "không có trường \"slugPatern\"");
    }

    [Fact]
    public async Task SyntaxError_NamesLineAndColumn()
    {
        var json = "{\n  \"name\": \"Lỗi cú pháp\",\n  \"steps\": [\n    { \"step\": \"units\" \"units\": [] }\n  ]\n}";
        var errors = await ErrorsOf(json);
        var error = Assert.Single(errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("dòng 4, cột 23", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentsAndTrailingCommas_AreAllowed()
    {
        var json = "// a comment\n{ /* another */ \"name\": \"x\", \"site\": \"khong-co\", \"steps\": [], }";
        // Parses; the only complaint is the missing site, not the syntax.
        AssertError(await ErrorsOf(json), "$.site", "chưa có trang \"khong-co\"");
    }

    [Fact]
    public async Task UnknownStep_IsReported()
    {
        var json = TestRecipes.Site.Replace("\"step\": \"taxonomies\"", "\"step\": \"taxonomy\"", StringComparison.Ordinal);
        var errors = await ErrorsOf(json);
        AssertError(errors, "$.steps[5].step", "không có bước \"taxonomy\"");
    }
}
