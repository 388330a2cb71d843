using System.Text;
using WardCms.Core.Search;

namespace WardCms.Tests.Search;

/// <summary>
/// The behaviour the search engine must show against ward administrative-procedure (CCHC) texts.
/// Written for the two engines it had before Lucene (SQLite FTS5, PostgreSQL); Lucene must pass it
/// all, except the four tests of the 1,000-match window, which are replaced by tests that every match
/// is counted and ranked.
/// </summary>
public abstract class SearchIndexSpecification : IAsyncLifetime
{
    private static int _nextSite = 100;

    protected int Site { get; } = Interlocked.Increment(ref _nextSite);

    protected ISearchIndex Index { get; private set; } = null!;

    protected abstract Task<ISearchIndex> CreateIndexAsync();

    public async Task InitializeAsync()
    {
        Index = await CreateIndexAsync();
        await Index.UpsertManyAsync(Fixtures.For(Site));
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_WithoutDiacritics_FindsTextWithDiacritics()
    {
        var results = await SearchAsync("dang ky");

        Assert.Contains(results.Hits, h => h.Id == Fixtures.TamTruOnline);
        Assert.Contains(results.Hits, h => h.Id == Fixtures.KhaiSinh);
    }

    [Fact]
    public async Task Search_DaiTruyenThanh_FindsĐàiTruyềnThanh()
    {
        var results = await SearchAsync("dai truyen thanh");

        Assert.Equal(Fixtures.Radio, results.Hits[0].Id);
        Assert.StartsWith("<mark>Đài truyền thanh</mark>", results.Hits[0].TitleHtml);
    }

    [Fact]
    public async Task Search_UnquotedSyllables_RankAdjacentInOrderAboveScattered()
    {
        var results = await SearchAsync("dang ky tam tru");

        var ids = results.Hits.Select(h => h.Id).ToList();
        Assert.Equal(Fixtures.TamTruOnline, ids[0]);
        // The scattered item has every syllable in its title, so plain relevance alone would put it high.
        Assert.Contains(Fixtures.Scattered, ids);
        Assert.True(ids.IndexOf(Fixtures.TamTruInBody) < ids.IndexOf(Fixtures.Scattered),
            $"adjacent body match should rank above scattered title words: {string.Join(", ", ids)}");
    }

    [Fact]
    public async Task Search_WithDiacritics_NarrowsToExactMarks()
    {
        var plain = await SearchAsync("dang ky");
        var marked = await SearchAsync("đăng ký");

        Assert.True(marked.Total <= plain.Total, $"{marked.Total} > {plain.Total}");
        Assert.Contains(plain.Hits, h => h.Id == Fixtures.DangKy);
        Assert.DoesNotContain(marked.Hits, h => h.Id == Fixtures.DangKy);
        Assert.Contains("<mark>đăng ký</mark>", marked.Hits[0].TitleHtml.ToLowerInvariant());
    }

    [Fact]
    public async Task Search_WithDiacritics_LeavesOutOtherMarksOnTheSameLetters()
    {
        // "Đang kỳ" holds "dang ky" adjacent, so without marks it would rank as a phrase match.
        var results = await SearchAsync("đăng ký", pageSize: 50);

        Assert.All(results.Hits, h => Assert.NotEqual(Fixtures.DangKy, h.Id));
        Assert.Contains(results.Hits, h => h.Id == Fixtures.KhaiSinh);
    }

    [Fact]
    public async Task Search_SomeWordsWithMarks_OnlyThoseMustMatchExactly()
    {
        var results = await SearchAsync("đăng ky", pageSize: 50);

        var ids = results.Hits.Select(h => h.Id).ToList();
        Assert.Contains(Fixtures.TamTruOnline, ids);
        Assert.DoesNotContain(Fixtures.DangKy, ids);
    }

    [Fact]
    public async Task Search_WordsInTitle_RankAboveWordsRepeatedInBody()
    {
        await Index.UpsertManyAsync(
        [
            new SearchDocument(Site, 600, "Giờ làm việc mùa hè", null,
                "Bộ phận một cửa mở từ 7 giờ. Một cửa nhận hồ sơ cả sáng thứ Bảy; một cửa trả kết quả đúng hẹn.", "tin", "/gio", null),
            new SearchDocument(Site, 601, "Bộ phận một cửa phường", null, "Địa chỉ và số điện thoại.", "tin", "/mot-cua", null),
        ]);

        var results = await SearchAsync("mot cua");

        Assert.Equal(601, results.Hits[0].Id);
    }

    [Fact]
    public async Task Search_QuotedPhrase_RequiresTheWordsAdjacent()
    {
        var results = await SearchAsync("\"đăng ký tạm trú\"");

        var ids = results.Hits.Select(h => h.Id).ToList();
        Assert.Contains(Fixtures.TamTruOnline, ids);
        Assert.Contains(Fixtures.TamTruInBody, ids);
        Assert.DoesNotContain(Fixtures.Scattered, ids);
    }

    [Fact]
    public async Task Search_LastWordStillBeingTyped_MatchesAsPrefix()
    {
        var typing = await SearchAsync("dai truyen th");
        var finished = await SearchAsync("dai truyen th ");

        Assert.Contains(typing.Hits, h => h.Id == Fixtures.Radio);
        Assert.Equal(0, finished.Total);
    }

    [Fact]
    public async Task Search_LastWordAlreadyAWholeWord_MatchesThatWordNotEveryLongerOne()
    {
        await Index.UpsertAsync(new SearchDocument(Site, 5000, "Điểm tạm trung chuyển rác thải khu phố 2", null,
            "Lịch thu gom mới.", "tin", "/tin/tam-trung-chuyen", null));

        var whole = await SearchAsync("tam tru");
        var typing = await SearchAsync("tam tr");

        Assert.Contains(whole.Hits, h => h.Id == Fixtures.TamTruOnline);
        Assert.DoesNotContain(whole.Hits, h => h.Id == 5000);
        Assert.Contains(typing.Hits, h => h.Id == 5000);
        Assert.Contains(typing.Hits, h => h.Id == Fixtures.TamTruOnline);
    }

    [Theory]
    [InlineData("123/QĐ-UBND")]
    [InlineData("qd-ubnd 123")]
    [InlineData("QD UBND")]
    [InlineData("so 123")]
    public async Task Search_DocumentNumber_FoundByItsParts(string text)
    {
        var results = await SearchAsync(text);

        Assert.Equal(Fixtures.Decision, results.Hits[0].Id);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("-")]
    [InlineData("đăng -ký")]
    [InlineData("/")]
    [InlineData("NOT")]
    [InlineData("đăng NOT ký")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(đăng ký, 2)")]
    [InlineData("c++")]
    [InlineData("*")]
    [InlineData("dang*")]
    [InlineData(")")]
    [InlineData("(")]
    [InlineData("'")]
    [InlineData("' OR 1=1 --")]
    [InlineData("--")]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("title_folded:dang")]
    [InlineData("{title_exact}: x")]
    [InlineData("dang & ky | !tam <-> tru:*")]
    [InlineData("\\'\\")]
    [InlineData("AND OR")]
    [InlineData("^dang")]
    public async Task Search_HostileInput_NeverThrows(string text)
    {
        var results = await SearchAsync(text);

        Assert.True(results.Total >= 0);
        Assert.True(results.Hits.Count <= results.Total);
    }

    [Fact]
    public async Task Search_TwoThousandRandomCharacters_NeverThrows()
    {
        var random = new Random(20261121);
        const string alphabet = "abcdđeêghiklmnoôơpqrstuưvxyăâáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵĐÂ0123456789 \"'-/*()+:^{}<>&|!~.,;\\\t\n";
        for (var round = 0; round < 5; round++)
        {
            var noise = new string(Enumerable.Range(0, 2000).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var unicodeNoise = new string(Enumerable.Range(0, 2000).Select(_ => (char)random.Next(1, 0xD7FF)).ToArray());

            var results = await SearchAsync(noise);
            var unicodeResults = await SearchAsync(unicodeNoise);

            Assert.True(results.Total >= 0);
            Assert.True(unicodeResults.Total >= 0);
        }
    }

    [Fact]
    public async Task Upsert_ChangedDocument_IsSearchableImmediately()
    {
        await Index.UpsertAsync(Fixtures.RadioDoc(Site) with { Title = "Loa phát thanh khu phố 3", Body = "Lịch sửa chữa loa." });

        var oldWords = await SearchAsync("dai truyen thanh");
        var newWords = await SearchAsync("loa phat thanh");

        Assert.DoesNotContain(oldWords.Hits, h => h.Id == Fixtures.Radio);
        Assert.Equal(Fixtures.Radio, newWords.Hits[0].Id);
        Assert.Equal("Loa phát thanh khu phố 3", newWords.Hits[0].Title);
    }

    [Fact]
    public async Task Remove_Document_DisappearsImmediately()
    {
        await Index.RemoveAsync(Site, Fixtures.Radio);
        await Index.RemoveAsync(Site, 987654); // unknown ids are ignored

        var results = await SearchAsync("dai truyen thanh");

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task Clear_OneSite_LeavesOtherSitesIntact()
    {
        var otherSite = Site + 100_000;
        await Index.UpsertAsync(Fixtures.RadioDoc(otherSite));

        await Index.ClearAsync(Site);

        Assert.Equal(0, (await SearchAsync("dang ky")).Total);
        var other = await Index.SearchAsync(new SearchQuery(otherSite, "dai truyen thanh"));
        Assert.Equal(1, other.Total);
    }

    [Fact]
    public async Task Rebuild_ReplacesTheSitesDocuments()
    {
        await Index.RebuildAsync(Site, [Fixtures.RadioDoc(Site)]);

        Assert.Equal(0, (await SearchAsync("dang ky")).Total);
        Assert.Equal(1, (await SearchAsync("dai truyen thanh")).Total);
    }

    [Fact]
    public async Task Search_Filters_ByTypeTopicAndYear()
    {
        var byType = await Index.SearchAsync(new SearchQuery(Site, "dang ky", Type: "thu-tuc"));
        var byTopic = await Index.SearchAsync(new SearchQuery(Site, "dang ky", Topic: "ho-tich"));
        var byYear = await Index.SearchAsync(new SearchQuery(Site, "dang ky", Year: 2024));

        Assert.NotEmpty(byType.Hits);
        Assert.All(byType.Hits, h => Assert.Equal("thu-tuc", h.ContentType));
        Assert.Equal([Fixtures.KhaiSinh], byTopic.Hits.Select(h => h.Id));
        Assert.Equal([Fixtures.KhaiSinh], byYear.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_EmptyTextWithFilter_ListsFilteredItemsNewestFirst()
    {
        var results = await Index.SearchAsync(new SearchQuery(Site, "", Type: "thu-tuc"));

        Assert.Equal(3, results.Total);
        var dates = results.Hits.Select(h => h.PublishedAt!.Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Search_EmptyTextWithoutFilter_FindsNothing()
    {
        var results = await SearchAsync("  -- ");

        Assert.Equal(0, results.Total);
        Assert.Empty(results.Suggestions);
    }

    [Fact]
    public async Task Search_ManyMatches_PagesWithExactTotal()
    {
        await Index.UpsertManyAsync(Enumerable.Range(0, 25).Select(i => new SearchDocument(
            Site, 1000 + i, $"Thông báo lịch trực số {i}", null, "Lịch trực tiếp dân của phường.", "thong-bao",
            $"/thong-bao/{i}", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i))));

        var pages = new List<SearchResults>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await Index.SearchAsync(new SearchQuery(Site, "lich truc", Page: page, PageSize: 10)));
        }

        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([10, 10, 5], pages.Select(p => p.Hits.Count));
        Assert.Equal(25, pages.SelectMany(p => p.Hits).Select(h => h.Id).Distinct().Count());
        var beyond = await Index.SearchAsync(new SearchQuery(Site, "lich truc", Page: 4, PageSize: 10));
        Assert.Equal(25, beyond.Total);
        Assert.Empty(beyond.Hits);
    }

    [Fact]
    public async Task Search_PageSizeAboveMaximum_IsCappedAt50()
    {
        await Index.UpsertManyAsync(Enumerable.Range(0, 60).Select(i => new SearchDocument(
            Site, 2000 + i, $"Điểm tin {i}", null, "Điểm tin tuần của phường.", "tin", $"/tin/{i}", null)));

        var results = await Index.SearchAsync(new SearchQuery(Site, "diem tin", PageSize: 500));

        Assert.Equal(60, results.Total);
        Assert.Equal(50, results.Hits.Count);
        Assert.Equal(50, results.PageSize);
    }

    [Fact]
    public async Task Snippet_QueryWithoutDiacritics_MarksTheOriginalWords()
    {
        var results = await SearchAsync("dang ky tam tru ");

        var hit = results.Hits.Single(h => h.Id == Fixtures.TamTruOnline);
        Assert.Contains("<mark>đăng ký tạm trú</mark>", hit.Snippet);
        Assert.Equal("<mark>Đăng ký tạm trú</mark> trực tuyến", hit.TitleHtml);
    }

    [Fact]
    public async Task Snippet_BodyWithMarkup_IsHtmlEncoded()
    {
        var results = await SearchAsync("script");

        var snippet = results.Hits.Single().Snippet;
        Assert.Contains("&lt;<mark>script</mark>&gt;", snippet);
        Assert.DoesNotContain("<script", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("Lịch phát sóng", snippet); // Vietnamese stays readable, not &#7883;
    }

    [Fact]
    public async Task Snippet_LongBody_ShowsThePassageWithTheMatch()
    {
        var filler = string.Concat(Enumerable.Repeat("Nội dung không liên quan đến câu hỏi. ", 100));
        await Index.UpsertAsync(new SearchDocument(Site, 3000, "Biên bản họp", null,
            filler + "Cuối cùng, hội nghị thống nhất lắp đặt camera an ninh ở ngã tư." + filler, "bien-ban", "/bb", null));

        var hit = (await SearchAsync("camera an ninh")).Hits.Single(h => h.Id == 3000);

        Assert.Contains("<mark>camera an ninh</mark>", hit.Snippet);
        Assert.StartsWith("… ", hit.Snippet);
        Assert.EndsWith(" …", hit.Snippet);
        Assert.True(hit.Snippet.Length < 400, hit.Snippet);
    }

    [Fact]
    public async Task Search_DecomposedInputAndDocuments_BehaveLikeComposed()
    {
        await Index.UpsertAsync(new SearchDocument(Site, 4000, "Cấp đổi căn cước".Normalize(NormalizationForm.FormD), null,
            "Hướng dẫn cấp đổi thẻ căn cước cho người dân.".Normalize(NormalizationForm.FormD), "thu-tuc", "/cc", null));

        var composed = await SearchAsync("căn cước");
        var decomposed = await SearchAsync("Đăng ký tạm trú".Normalize(NormalizationForm.FormD));

        Assert.Equal(4000, composed.Hits.Single().Id);
        Assert.Equal("Cấp đổi căn cước", composed.Hits.Single().Title);
        Assert.Equal(Fixtures.TamTruOnline, decomposed.Hits[0].Id);
    }

    [Fact]
    public async Task Search_NoResultsWithMarks_SuggestsTheWordsWithoutMarks()
    {
        var results = await SearchAsync("dăng ký");

        Assert.Equal(0, results.Total);
        Assert.Contains(new SearchSuggestion(SearchSuggestionKind.WithoutDiacritics, "dang ky"), results.Suggestions);
        Assert.Contains(new SearchSuggestion(SearchSuggestionKind.PopularTopic, "cu-tru"), results.Suggestions);
    }

    [Fact]
    public async Task Search_NoResultsWithManyWords_SuggestsFewerWords()
    {
        var results = await SearchAsync("đăng ký xyzzy");

        Assert.Equal(0, results.Total);
        Assert.Contains(new SearchSuggestion(SearchSuggestionKind.FewerWords, "đăng ký"), results.Suggestions);
        Assert.DoesNotContain(results.Suggestions, s => s.Kind == SearchSuggestionKind.WithoutDiacritics);
    }

    [Fact]
    public async Task Search_FilterValuesAsWords_MatchNothing()
    {
        // Site, type and topic are stored for filtering; typing them must not match every item.
        var results = await SearchAsync($"s{Site} thu-tuc cu-tru {Convert.ToHexStringLower("cu-tru"u8)} uE000");

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task Search_OtherSite_SeesNoneOfThisSitesDocuments()
    {
        var results = await Index.SearchAsync(new SearchQuery(Site + 200_000, "dang ky"));

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task Search_ThousandsOfMatches_CountsEveryOneExactly_AndPagesToTheLast()
    {
        await Index.UpsertManyAsync(Survey(1_210));

        var first = await Index.SearchAsync(new SearchQuery(Site, "khao sat", PageSize: 50));
        var last = await Index.SearchAsync(new SearchQuery(Site, "khao sat", Page: 25, PageSize: 50));

        Assert.Equal(1_210, first.Total);
        Assert.Equal(10, last.Hits.Count);
        // Every match is ranked, the oldest included: the ten from 2019 are on the last page (equal relevance, newer first).
        Assert.All(last.Hits, h => Assert.InRange(h.Id, 20_000, 20_009));
    }

    [Fact]
    public async Task Search_TheBestAnswerIsOld_StillRanksFirstAmongThousandsOfNewerMatches()
    {
        await Index.UpsertAsync(new SearchDocument(Site, 30_000, "Kết quả khảo sát sự hài lòng", null,
            "Tổng hợp phiếu khảo sát.", "tin", "/tin/ket-qua-khao-sat", new DateTimeOffset(2015, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        await Index.UpsertManyAsync(Survey(1_210));

        var results = await SearchAsync("khao sat hai long");

        Assert.Equal(1_211, results.Total);
        Assert.Equal(30_000, results.Hits[0].Id);
    }

    [Fact]
    public async Task Paging_AcrossPhraseAndScatteredMatches_ListsEveryItemOnce_PhraseMatchesFirst()
    {
        var at = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await Index.UpsertManyAsync(Enumerable.Range(0, 15).Select(i => new SearchDocument(Site, 40_000 + i, $"Tin {i}", null,
            "Người dân góp ý kiến về giờ tiếp công dân của phường.", "tin", $"/tin/a-{i}", at.AddDays(i))));
        await Index.UpsertManyAsync(Enumerable.Range(0, 13).Select(i => new SearchDocument(Site, 41_000 + i, $"Tin khác {i}", null,
            "Ý kiến của người dân được tổng hợp; lịch tiếp nhận hồ sơ và công dân số.", "tin", $"/tin/b-{i}", at.AddDays(i))));

        var pages = new List<SearchHit>();
        for (var page = 1; page <= 3; page++)
        {
            pages.AddRange((await Index.SearchAsync(new SearchQuery(Site, "tiep cong dan ", Page: page, PageSize: 10))).Hits);
        }

        Assert.Equal(28, pages.Count);
        Assert.Equal(28, pages.Select(h => h.Id).Distinct().Count());
        Assert.All(pages.Take(15), h => Assert.InRange(h.Id, 40_000, 40_014));
        Assert.All(pages.Skip(15), h => Assert.InRange(h.Id, 41_000, 41_012));
    }

    // Items 20,000 and up mention "khảo sát" in the body; the first ten are from 2019, the rest from 2025.
    private IEnumerable<SearchDocument> Survey(int count) => Enumerable.Range(0, count).Select(i => new SearchDocument(
        Site, 20_000 + i, $"Thông báo số {i} của phường", null,
        "Phường tổ chức khảo sát ý kiến người dân về sự hài lòng khi giải quyết thủ tục.", "tin", $"/tin/thong-bao-{i}",
        new DateTimeOffset(i < 10 ? 2019 : 2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    protected Task<SearchResults> SearchAsync(string text, int pageSize = 20) =>
        Index.SearchAsync(new SearchQuery(Site, text, PageSize: pageSize));
}

/// <summary>Realistic items of a ward e-portal; ids are named for what each test relies on.</summary>
internal static class Fixtures
{
    public const long TamTruOnline = 1;
    public const long Scattered = 2;
    public const long DangKy = 3;
    public const long Radio = 4;
    public const long Decision = 5;
    public const long KhaiSinh = 6;
    public const long TamTruInBody = 7;

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 2, 0, 0, TimeSpan.Zero);

    public static SearchDocument RadioDoc(int site) => new(site, Radio,
        "Đài truyền thanh phường phát bản tin an ninh trật tự",
        "Bản tin phát thanh tuần này.",
        "Ví dụ mã nhúng cũ <script>alert('x')</script> đã được gỡ. Lịch phát sóng: 6 giờ sáng & 17 giờ chiều hằng ngày.",
        "phat-thanh", "/phat-thanh/ban-tin-an-ninh", Utc(2025, 5, 2), ["truyen-thanh"]);

    public static IEnumerable<SearchDocument> For(int site) =>
    [
        new(site, TamTruOnline, "Đăng ký tạm trú trực tuyến",
            "Hướng dẫn công dân đăng ký tạm trú qua Cổng dịch vụ công quốc gia.",
            "Công dân đăng ký tạm trú trực tuyến tại Cổng dịch vụ công quốc gia, không phải đến trụ sở Công an phường. "
            + "Hồ sơ gồm tờ khai thay đổi thông tin cư trú (mẫu CT01) và giấy tờ chứng minh chỗ ở hợp pháp.",
            "thu-tuc", "/thu-tuc/dang-ky-tam-tru", Utc(2025, 3, 10), ["cu-tru"]),
        new(site, Scattered, "Tạm trú, đăng tải và ký kết: lịch họp khu phố",
            null,
            "Phường đăng tải danh sách hộ gia đình; trưởng khu phố ký biên bản; người tạm trú dài hạn được mời dự họp.",
            "thong-bao", "/thong-bao/lich-hop-khu-pho", Utc(2025, 4, 1), ["cu-tru"]),
        new(site, DangKy, "Hồ sơ đang kỳ thẩm định quý I",
            null,
            "Các hồ sơ đang kỳ thẩm định sẽ được trả kết quả trước ngày 15.",
            "thong-bao", "/thong-bao/ho-so-tham-dinh", Utc(2025, 4, 5)),
        RadioDoc(site),
        new(site, Decision, "Quyết định số 123/QĐ-UBND về việc công bố thủ tục hành chính",
            "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND phường.",
            "Căn cứ Luật Tổ chức chính quyền địa phương; xét đề nghị của Văn phòng HĐND và UBND phường.",
            "van-ban", "/van-ban/123-qd-ubnd", Utc(2025, 1, 20), ["cchc"]),
        new(site, KhaiSinh, "Hướng dẫn đăng ký khai sinh cho trẻ em",
            "Thủ tục đăng ký khai sinh tại bộ phận một cửa.",
            "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.",
            "thu-tuc", "/thu-tuc/dang-ky-khai-sinh", Utc(2024, 6, 15), ["ho-tich"]),
        new(site, TamTruInBody, "Những điều cần biết khi chuyển đến nơi ở mới",
            null,
            "Trong 30 ngày kể từ khi chuyển đến, người dân phải đăng ký tạm trú tại Công an phường.",
            "thu-tuc", "/thu-tuc/chuyen-noi-o", Utc(2025, 2, 1), ["cu-tru"]),
    ];
}
