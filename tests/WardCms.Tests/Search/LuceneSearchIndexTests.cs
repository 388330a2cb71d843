using Lucene.Net.Store;
using WardCms.Core.Search;
using WardCms.Core.Search.Lucene;

namespace WardCms.Tests.Search;

/// <summary>
/// The engine on its own (an index in memory): the shared specification, and what Lucene added:
/// spelling variants, synonyms, the usual reading of an unmarked query, spelling suggestions, counts
/// per filter value, an unreadable index folder.
/// </summary>
public sealed class LuceneSearchIndexTests : SearchIndexSpecification
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Synonyms =
    [
        ["CCCD", "căn cước công dân", "thẻ căn cước"],
        ["GCN QSDĐ", "sổ đỏ", "giấy chứng nhận quyền sử dụng đất"],
        ["TTHC", "thủ tục hành chính"],
    ];

    protected override Task<ISearchIndex> CreateIndexAsync() => Task.FromResult<ISearchIndex>(new LuceneSearchIndex(new RAMDirectory()));

    public override Task DisposeAsync()
    {
        ((LuceneSearchIndex)Index).Dispose();
        return Task.CompletedTask;
    }

    private static DateTimeOffset At(int year, int month = 6) => new(year, month, 1, 2, 0, 0, TimeSpan.Zero);

    private SearchDocument Doc(long id, string title, string? body = null, string? summary = null, int year = 2025) =>
        new(Site, id, title, summary, body, "tin", $"/tin/{id}", At(year));

    private Task<SearchResults> SearchWithSynonymsAsync(string text) =>
        Index.SearchAsync(new SearchQuery(Site, text) { Synonyms = Synonyms });

    [Theory]
    [InlineData("dang ki tam tru")]
    [InlineData("đăng kí tạm trú")]
    [InlineData("ĐĂNG KÍ TẠM TRÚ")]
    public async Task Search_IAndYSpellings_AreOneWord(string text)
    {
        var results = await SearchAsync(text);

        Assert.Equal(Fixtures.TamTruOnline, results.Hits[0].Id);
        Assert.StartsWith("<mark>Đăng ký tạm trú</mark>", results.Hits[0].TitleHtml);
    }

    [Fact]
    public async Task Search_IAndYSpellings_EitherWayInTheText()
    {
        await Index.UpsertManyAsync([Doc(100, "Thủ tục cấp lý lịch tư pháp"), Doc(101, "Lí lịch tư pháp số 2 cấp qua VNeID"), Doc(102, "Quý I và quí II")]);

        Assert.Equal([100L, 101L], (await SearchAsync("lý lịch")).Hits.Select(h => h.Id).Order());
        Assert.Equal([100L, 101L], (await SearchAsync("li lich")).Hits.Select(h => h.Id).Order());
        Assert.Equal(1, (await SearchAsync("\"quý ii\"")).Total);
        // Only open syllables vary: "kịp" and "tuyết" are not spellings of anything else.
        Assert.Equal(0, (await SearchAsync("ly lich kip")).Total);
    }

    [Fact]
    public async Task Search_ToneOnEitherVowel_OfOaOeUy_IsOneWord()
    {
        await Index.UpsertManyAsync([Doc(110, "Hoà giải ở cơ sở"), Doc(111, "Khám sức khỏe và thủy lợi"), Doc(112, "Uỷ ban nhân dân phường")]);

        Assert.Equal(110, (await SearchAsync("hòa giải")).Hits.Single().Id);
        Assert.Equal(111, (await SearchAsync("khoẻ thuỷ")).Hits.Single().Id);
        Assert.Equal(112, (await SearchAsync("Ủy ban")).Hits.Single().Id);
        // Marks still narrow: "hoa" typed with another tone is another word.
        Assert.Equal(0, (await SearchAsync("hoá giải")).Total);
    }

    [Theory]
    [InlineData("cccd")]
    [InlineData("CCCD")]
    [InlineData("căn cước công dân")]
    [InlineData("can cuoc cong dan")]
    public async Task Search_Abbreviation_FindsEveryFormOfIt(string text)
    {
        await Index.UpsertManyAsync([
            Doc(120, "Cấp, đổi thẻ căn cước", "Thẻ căn cước công dân cấp trước ngày 01/7/2024 vẫn có giá trị."),
            Doc(121, "Lịch làm CCCD lưu động tại khu dân cư", "Công an phường làm thủ tục cho người cao tuổi."),
            Doc(122, "Tin khác", "Không liên quan."),
        ]);

        var results = await SearchWithSynonymsAsync(text);

        Assert.Equal([120L, 121L], results.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Search_Synonym_RanksAsIfTypedInFull_AndMarksTheFormFound()
    {
        await Index.UpsertManyAsync([
            Doc(130, "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Điều kiện, hồ sơ và thời hạn."),
            Doc(131, "Tin tổng hợp tháng 6", "Trong tháng, phường tiếp nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất và nhiều thủ tục khác."),
        ]);

        var results = await SearchWithSynonymsAsync("sổ đỏ");

        Assert.Equal(130, results.Hits[0].Id);
        Assert.Equal(2, results.Total);
        Assert.Contains("<mark>Giấy chứng nhận quyền sử dụng đất</mark>", results.Hits[0].TitleHtml);
    }

    [Fact]
    public async Task Search_WithoutSynonyms_TheAbbreviationIsJustAWord()
    {
        await Index.UpsertAsync(Doc(140, "Cấp, đổi thẻ căn cước"));

        Assert.Equal(0, (await SearchAsync("cccd")).Total);
        Assert.Equal(1, (await SearchWithSynonymsAsync("cccd")).Total);
    }

    [Fact]
    public async Task Search_UnmarkedQuery_RanksTheIndexsUsualReadingFirst_AndOffersIt()
    {
        // "thu tuc dat dai": đất đai (land) in most items, đặt đài (installing a radio) in one whose title says it.
        await Index.UpsertAsync(Doc(150, "Thủ tục đặt đài truyền thanh không dây ở tổ dân phố", "Thủ tục đặt đài truyền thanh.", year: 2026));
        await Index.UpsertManyAsync(Enumerable.Range(0, 6).Select(i =>
            Doc(151 + i, $"Hỏi đáp số {i}", $"Người dân hỏi về thủ tục đất đai: chuyển nhượng, tặng cho, thừa kế ({i}).", year: 2024)));

        var results = await SearchAsync("thu tuc dat dai");

        Assert.Equal(7, results.Total);
        Assert.Equal(150, results.Hits[^1].Id);
        Assert.Equal("thủ tục đất đai", results.DidYouMean);
    }

    [Fact]
    public async Task Search_OneReadingOnly_IsNotOfferedAsDidYouMean()
    {
        var results = await SearchAsync("dang ky tam tru");

        Assert.Null(results.DidYouMean);
        Assert.Null((await SearchAsync("đăng ký tạm trú")).DidYouMean);
    }

    [Fact]
    public async Task Search_MisspelledWord_SuggestsTheNearestWordOfTheIndex()
    {
        var results = await SearchAsync("dang ky tam trus");

        Assert.Equal(0, results.Total);
        var spelling = Assert.Single(results.Suggestions, s => s.Kind == SearchSuggestionKind.Spelling);
        Assert.Equal("dang ky tam tru", spelling.Text);
        Assert.True((await SearchAsync(spelling.Text)).Total > 0);
    }

    [Fact]
    public async Task Search_WithCounts_CountsEachFilterValue_OtherFiltersApplied()
    {
        var all = await Index.SearchAsync(new SearchQuery(Site, "dang ky") { WithCounts = true });
        var filtered = await Index.SearchAsync(new SearchQuery(Site, "dang ky", Type: "thu-tuc") { WithCounts = true });

        Assert.NotNull(all.Counts);
        Assert.Equal(all.Total, all.Counts!.Types.Values.Sum());
        Assert.Equal(3, all.Counts.Types["thu-tuc"]);
        // A chosen type still shows the other types' counts; topics and years count within the type.
        Assert.Equal(all.Counts.Types, filtered.Counts!.Types);
        Assert.Equal(filtered.Total, filtered.Counts.Years.Values.Sum());
        Assert.Equal(2, filtered.Counts.Topics["cu-tru"]);
        Assert.Equal(1, filtered.Counts.Topics["ho-tich"]);
    }

    [Theory]
    [InlineData("12/2025/QĐ-UBND")]
    [InlineData("QĐ-UBND 12")]
    [InlineData("qd ubnd 12/2025")]
    [InlineData("06")]
    public async Task Search_DocumentSymbolsAndNumbers_StayFindable(string text)
    {
        await Index.UpsertAsync(Doc(160, "Quyết định số 12/2025/QĐ-UBND triển khai Đề án 06", "Về việc phát triển ứng dụng dữ liệu dân cư."));

        var results = await SearchAsync(text);

        Assert.Equal(160, results.Hits[0].Id);
    }

    [Theory]
    [InlineData("dang\0ky")]
    [InlineData("đăng ký \uD800 tạm trú")]
    [InlineData("🏠 đăng ký 👍")]
    [InlineData("title:dang~2")]
    [InlineData("dang ky\" OR \"")]
    [InlineData("+dang -ky")]
    public async Task Search_MoreHostileInput_NeverThrows_NorIsReadAsQuerySyntax(string text)
    {
        var results = await SearchAsync(text);

        Assert.True(results.Total >= 0);
    }

    [Fact]
    public void Analyzer_FoldsEveryVietnameseLetter_AsTheSnippetsDo()
    {
        // The index's folded terms (ASCIIFoldingFilter) and the snippets' (Vietnamese.Fold) must agree.
        const string letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        var text = string.Join(' ', letters.Select(c => "x" + c + "n"));
        using var analyzer = new VietnameseAnalyzer();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var position = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var byPosition = new List<HashSet<string>>();
        while (stream.IncrementToken())
        {
            if (position.PositionIncrement > 0)
            {
                byPosition.Add([]);
            }
            byPosition[^1].Add(term.ToString());
        }
        stream.End();

        Assert.Equal(letters.Length, byPosition.Count);
        for (var i = 0; i < letters.Length; i++)
        {
            var word = "x" + letters[i] + "n";
            Assert.Contains(VietnameseText.Fold(word), byPosition[i]);
            Assert.Contains(word, byPosition[i]); // the original stays at the same position
        }
    }

    [Fact]
    public async Task UnreadableIndexFolder_StartsEmpty_AndSaysItNeedsARebuild()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wardcms-lucene-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = new LuceneSearchIndex(folder))
            {
                index.Write([Doc(170, "Đăng ký tạm trú")]);
                index.Commit(5);
                Assert.Equal(5, index.Checkpoint);
            }
            using (var reopened = new LuceneSearchIndex(folder))
            {
                Assert.False(reopened.WasReset);
                Assert.Equal(5, reopened.Checkpoint);
            }
            foreach (var file in System.IO.Directory.GetFiles(folder, "segments_*"))
            {
                File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8]);
            }

            using var damaged = new LuceneSearchIndex(folder);

            Assert.True(damaged.WasReset);
            Assert.Equal(0, damaged.Checkpoint);
            Assert.Equal(0, await damaged.CountAsync(Site));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
