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

    private SearchDocument Document(long id, string title, string type, params (string Filter, string Value)[] filters) =>
        new(Site, id, title, null, "Văn bản chỉ đạo về cải cách hành chính.", type, $"/{type}/{id}", At(2025), FilterValues: filters);

    [Fact]
    public async Task Search_PartFilters_SelectByValue_AndCountEachValueWithinTheType()
    {
        await Index.UpsertManyAsync([
            Document(200, "Quyết định ban hành kế hoạch CCHC", "van-ban", ("loai", "Quyết định"), ("coQuan", "UBND phường"), ("ngayBanHanh", "2025")),
            Document(201, "Kế hoạch tuyên truyền CCHC", "van-ban", ("loai", "Kế hoạch"), ("coQuan", "UBND phường"), ("ngayBanHanh", "2025")),
            Document(202, "Quyết định kiện toàn ban chỉ đạo CCHC", "van-ban", ("loai", "Quyết định"), ("coQuan", "UBND thành phố"), ("ngayBanHanh", "2024")),
            // Another type with a filter of the same key: never counted or found with the document type's filters.
            Document(203, "Quyết định khen thưởng CCHC", "thong-bao", ("loai", "Quyết định")),
        ]);

        var chosen = await Index.SearchAsync(new SearchQuery(Site, "cchc", Type: "van-ban")
        {
            WithCounts = true,
            // Typed decomposed (NFD), as some phones send it: still the value the index holds.
            PartFilters = new Dictionary<string, string> { ["loai"] = "Quyết định".Normalize(System.Text.NormalizationForm.FormD) },
        });
        var noText = await Index.SearchAsync(new SearchQuery(Site, "", Type: "van-ban")
        {
            WithCounts = true,
            PartFilters = new Dictionary<string, string> { ["loai"] = "Quyết định", ["ngayBanHanh"] = "2025" },
        });
        var none = await Index.SearchAsync(new SearchQuery(Site, "cchc", Type: "van-ban")
        {
            PartFilters = new Dictionary<string, string> { ["loai"] = "Chỉ thị" },
        });

        Assert.Equal([200L, 202L], chosen.Hits.Select(h => h.Id).Order());
        Assert.Equal(2, chosen.Total);
        var counts = chosen.Counts!.Filters;
        // The chosen filter counts without its own value (the other kinds stay offered), within the type.
        Assert.Equal(new Dictionary<string, int> { ["Quyết định"] = 2, ["Kế hoạch"] = 1 }, counts["loai"]);
        // The others count within the choice.
        Assert.Equal(new Dictionary<string, int> { ["UBND phường"] = 1, ["UBND thành phố"] = 1 }, counts["coQuan"]);
        Assert.Equal(new Dictionary<string, int> { ["2025"] = 1, ["2024"] = 1 }, counts["ngayBanHanh"]);
        Assert.Equal([200L], noText.Hits.Select(h => h.Id));
        Assert.Equal(0, none.Total);
        // Without a type nothing is counted per part filter.
        var anyType = await Index.SearchAsync(new SearchQuery(Site, "cchc") { WithCounts = true });
        Assert.Empty(anyType.Counts!.Filters);
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

    [Fact]
    public async Task IndexWrittenWithAnOlderLayout_StartsEmpty_AndSaysItNeedsARebuild()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wardcms-lucene-" + Guid.NewGuid().ToString("N"));
        try
        {
            // What the first Lucene version left: documents without the pair fields, no layout recorded.
            using (var directory = new Lucene.Net.Store.NIOFSDirectory(folder))
            using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(VietnameseAnalyzer.Version, new VietnameseAnalyzer())))
            {
                writer.AddDocument([new Lucene.Net.Documents.StringField("site", Site.ToString(System.Globalization.CultureInfo.InvariantCulture), Lucene.Net.Documents.Field.Store.NO)]);
                writer.SetCommitData(new Dictionary<string, string> { ["outbox"] = "9" });
                writer.Commit();
            }

            using (var old = new LuceneSearchIndex(folder))
            {
                Assert.True(old.WasReset);
                Assert.Equal(0, old.Checkpoint);
                Assert.Equal(0, await old.CountAsync(Site));
                old.Write([Doc(171, "Đăng ký tạm trú")]);
                old.Commit(3);
            }
            using var rebuilt = new LuceneSearchIndex(folder);
            Assert.False(rebuilt.WasReset);
            Assert.Equal(3, rebuilt.Checkpoint);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A summary holding the words against a short body repeating them: on the combined text alone
    /// (the first pass) the body wins; the full ranking (summary 4 : body 1) puts the summary first.
    /// </summary>
    [Fact]
    public async Task Ranking_OfTheFirstItems_IsTheFullOne_WithEachFieldsWeight()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Ủy ban nhân dân phường tiếp nhận hồ sơ của công dân trong giờ hành chính.", 20));
        SearchDocument[] docs =
        [
            Doc(180, "Thông báo", body: filler, summary: "Đăng ký tạm trú"),
            Doc(181, "Thông báo", body: "Đăng ký tạm trú. Đăng ký tạm trú. Đăng ký tạm trú."),
        ];
        using var firstPassOnly = new LuceneSearchIndex(new RAMDirectory()) { RescoreWindow = 1 };
        await firstPassOnly.UpsertManyAsync(docs);
        await Index.UpsertManyAsync(docs);

        Assert.Equal([181L, 180L], (await firstPassOnly.SearchAsync(new SearchQuery(Site, "đăng ký tạm trú"))).Hits.Select(h => h.Id));
        Assert.Equal([180L, 181L], (await Index.SearchAsync(new SearchQuery(Site, "đăng ký tạm trú"))).Hits.Where(h => h.Id >= 180).Select(h => h.Id));
    }

    /// <summary>
    /// Below the window items keep the first pass's order: tiers still hold (the words together
    /// first, by their pair terms), and paging neither repeats nor skips an item across the window's edge.
    /// </summary>
    [Fact]
    public async Task Ranking_BelowTheWindow_KeepsTheWordsTogetherFirst_AndPagesNeverRepeatOrSkip()
    {
        using var index = new LuceneSearchIndex(new RAMDirectory()) { RescoreWindow = 3 };
        var together = Enumerable.Range(0, 9).Select(i => Doc(1000 + i, $"Bản tin số {i}", body: $"Hướng dẫn đăng ký tạm trú, lần {i}.", year: 2020 + i % 5));
        var apart = Enumerable.Range(0, 9).Select(i => Doc(2000 + i, $"Tạm trú và thông báo số {i}", body: $"Lịch đăng ký xe số {i}.", year: 2020 + i % 5));
        await index.UpsertManyAsync([.. apart, .. together]);

        var ids = new List<long>();
        for (var page = 1; page <= 5; page++)
        {
            var results = await index.SearchAsync(new SearchQuery(Site, "dang ky tam tru", Page: page, PageSize: 4));
            Assert.Equal(18, results.Total);
            ids.AddRange(results.Hits.Select(h => h.Id));
        }

        Assert.Equal(18, ids.Distinct().Count());
        Assert.All(ids.Take(9), id => Assert.InRange(id, 1000, 1008));
        Assert.All(ids.Skip(9), id => Assert.InRange(id, 2000, 2008));
    }

    /// <summary>
    /// The one item with the words in its title, among many whose short bodies repeat them, reaches
    /// the window (and so the top) however small the window: the first pass looks at titles first.
    /// </summary>
    [Fact]
    public async Task Ranking_ATitleHoldingTheWords_ReachesTheWindow_AmongManyBodiesRepeatingThem()
    {
        using var index = new LuceneSearchIndex(new RAMDirectory()) { RescoreWindow = 2 };
        var filler = string.Join(' ', Enumerable.Repeat("Ủy ban nhân dân phường tiếp nhận hồ sơ của công dân trong giờ hành chính.", 20));
        var bodies = Enumerable.Range(0, 20).Select(i => Doc(3000 + i, $"Thông báo số {i}", body: "Hộ tịch. Hộ tịch. Hộ tịch.", year: 2026));
        await index.UpsertManyAsync([.. bodies, Doc(3100, "Hộ tịch", body: filler, year: 2019)]);

        var results = await index.SearchAsync(new SearchQuery(Site, "ho tich"));

        Assert.Equal(21, results.Total);
        Assert.Equal(3100, results.Hits[0].Id);
    }

    /// <summary>
    /// A rebuild leaves one segment (a search pays per segment for every term), another site's items
    /// included, and what it found and counted before the merge it finds and counts after it, with
    /// counts per filter value (counted beside the ranking, on another thread) equal to the total.
    /// </summary>
    [Fact]
    public async Task Rebuild_MergesIntoOneSegment_AndSearchesFindAndCountTheSame()
    {
        // Segments are merged only when the index is told to (not by a policy racing the test's writes).
        using var index = new LuceneSearchIndex(new RAMDirectory()) { RescoreWindow = 5, MergePolicy = new Lucene.Net.Index.LogDocMergePolicy { MergeFactor = 1000 } };
        var otherSite = Site + 100_000;
        var documents = Enumerable.Range(0, 60).Select(i => Doc(5000 + i, i % 3 == 0 ? $"Đăng ký tạm trú lần {i}" : $"Thông báo số {i}",
            body: i % 2 == 0 ? "Hướng dẫn đăng ký tạm trú trực tuyến." : "Lịch tiếp công dân.", year: 2020 + i % 4)).ToList();
        foreach (var batch in documents.Chunk(10))
        {
            await index.UpsertManyAsync(batch); // each batch made visible: a segment of its own
            await index.UpsertManyAsync(batch.Select(d => d with { SiteId = otherSite }));
        }
        Assert.Equal(12, index.SegmentCount);
        var before = await index.SearchAsync(new SearchQuery(Site, "dang ky tam tru") { WithCounts = true });

        await index.RebuildAsync(Site, documents);

        Assert.Equal(1, index.SegmentCount);
        var after = await index.SearchAsync(new SearchQuery(Site, "dang ky tam tru") { WithCounts = true });
        Assert.Equal(40, after.Total); // i % 3 == 0 or i % 2 == 0
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Hits.Select(h => h.Id), after.Hits.Select(h => h.Id));
        Assert.Equal(after.Total, after.Counts!.Years.Values.Sum());
        Assert.Equal(40, (await index.SearchAsync(new SearchQuery(otherSite, "dang ky tam tru"))).Total);
        var listed = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            listed.AddRange((await index.SearchAsync(new SearchQuery(Site, "dang ky tam tru", Page: page, PageSize: 10))).Hits.Select(h => h.Id));
        }
        Assert.Equal(40, listed.Distinct().Count());
    }
}
