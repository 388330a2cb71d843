using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Search;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Search;

/// <summary>The search index inside the running app: fed by content events, rebuilt on demand, served as a page and an API.</summary>
public abstract class SearchWiringTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string HandbookTitle = "Đăng ký tạm trú trực tuyến";

    [Fact]
    public async Task AfterStartup_DemoHandbookEntry_IsFirstForDangKyTamTru()
    {
        var results = await SearchAsync("dang ky tam tru");

        Assert.True(results.Total > 1);
        Assert.Equal(HandbookTitle, results.Hits[0].Title);
        Assert.Equal("/cam-nang/dang-ky-tam-tru-truc-tuyen", results.Hits[0].Url);
    }

    [Fact]
    public async Task AfterStartup_IndexHoldsEveryPublishedDemoItem()
    {
        var (indexed, published) = await factory.WithScopeAsync(async sp =>
        {
            var site = await SiteIdAsync(sp);
            return (await sp.GetRequiredService<ISearchIndex>().CountAsync(site),
                await sp.GetRequiredService<WardDbContext>().ContentItems.CountAsync(i => i.SiteId == site && i.PublishedVersionId != null && !i.IsDeleted));
        });

        Assert.True(published > 50, $"the demo recipe publishes ~63 items, found {published}");
        Assert.Equal(published, indexed);
    }

    [Fact]
    public async Task PublishingNewItem_MakesItFindableImmediately()
    {
        var id = await CreateAsync("Hướng dẫn nộp hồ sơ xylophonvang trên Cổng dịch vụ công", "Nội dung thử nghiệm.");
        Assert.Equal(0, (await SearchAsync("xylophonvang")).Total);

        await WithContentAsync(c => c.PublishAsync(id, Actor.System));

        var results = await SearchAsync("xylophonvang");
        Assert.Equal(1, results.Total);
        Assert.Equal(id, results.Hits[0].Id);
        Assert.Contains("<mark>xylophonvang</mark>", results.Hits[0].TitleHtml);
    }

    [Fact]
    public async Task SavingDraftOfPublishedItem_DoesNotChangeResultsUntilRepublished()
    {
        var id = await CreateAsync("Bài quoclapcu về thủ tục hộ tịch", "Thân bài.");
        await WithContentAsync(c => c.PublishAsync(id, Actor.System));

        await factory.WithScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.AsNoTracking().FirstAsync(i => i.Id == id);
            var type = (await content.FindTypeAsync(item.SiteId, item.ContentType))!;
            var draft = await content.LoadLatestAsync(item, type);
            draft.Common.Title = "Bài bannhapmoi về thủ tục hộ tịch";
            var saved = await content.SaveAsync(id, draft, item.LatestVersionId!.Value, Actor.System);
            Assert.True(saved.Succeeded);
        });

        Assert.Equal(0, (await SearchAsync("bannhapmoi")).Total);
        Assert.Equal(1, (await SearchAsync("quoclapcu")).Total);

        await WithContentAsync(c => c.PublishAsync(id, Actor.System));
        Assert.Equal(1, (await SearchAsync("bannhapmoi")).Total);
        Assert.Equal(0, (await SearchAsync("quoclapcu")).Total);
    }

    [Fact]
    public async Task UnpublishingOrTrashing_RemovesItemFromResults()
    {
        var first = await CreateAsync("Tin gogiaphong thứ nhất", "Thân bài.");
        var second = await CreateAsync("Tin gogiaphong thứ hai", "Thân bài.");
        await WithContentAsync(c => c.PublishAsync(first, Actor.System));
        await WithContentAsync(c => c.PublishAsync(second, Actor.System));
        Assert.Equal(2, (await SearchAsync("gogiaphong")).Total);

        await WithContentAsync(c => c.UnpublishAsync(first, Actor.System));
        Assert.Equal([second], (await SearchAsync("gogiaphong")).Hits.Select(h => h.Id));

        await WithContentAsync(c => c.TrashAsync(second, Actor.System));
        Assert.Equal(0, (await SearchAsync("gogiaphong")).Total);
    }

    [Fact]
    public async Task PublishInsideACallersTransaction_ReachesTheIndexOnlyWhenItCommits()
    {
        var rolledBack = await PublishInTransactionAsync("Tin hoantacgiaodich trong công thức", commit: false);
        var committed = await PublishInTransactionAsync("Tin camketgiaodich trong công thức", commit: true);

        // The commit wakes the indexer; it applies the outbox rows in the background.
        await WaitForAsync(async () => (await SearchAsync("camketgiaodich")).Total == 1);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<SearchOutbox>().CatchUpAsync());
        Assert.Equal(0, (await SearchAsync("hoantacgiaodich")).Total);
        Assert.True(rolledBack > 0 && committed > 0);
    }

    [Fact]
    public async Task ChangeCommittedWhileNoIndexerRan_IsAppliedWhenTheIndexerStartsAgain()
    {
        // A second index folder stands for the portal's index when the portal was down (or crashed
        // between the database commit and the index update): it is behind the database by one change.
        var folder = Path.Combine(factory.DataFolder, "crash-" + Guid.NewGuid().ToString("N"));
        await WithIndexerAsync(folder, outbox => outbox.EnsureFreshAsync());
        var id = await CreateAsync("Tin saukhisapnguon khi cổng tạm dừng", "Thân bài.");
        await WithContentAsync(c => c.PublishAsync(id, Actor.System));

        var (wasReset, found) = await WithIndexerAsync(folder, async (outbox, index) =>
        {
            await outbox.EnsureFreshAsync();
            var siteId = await factory.WithScopeAsync(SiteIdAsync);
            return (index.WasReset, (await index.SearchAsync(new SearchQuery(siteId, "saukhisapnguon"))).Total);
        });

        Assert.False(wasReset); // caught up from its checkpoint, not rebuilt
        Assert.Equal(1, found);
    }

    [Fact]
    public async Task RowsWrittenByAnotherProcess_AreFoundByPolling()
    {
        var id = await CreateAsync("Tin quytrinhkhac từ một tiến trình khác", "Thân bài.");
        await WithContentAsync(c => c.PublishAsync(id, Actor.System));
        Assert.Equal(1, (await SearchAsync("quytrinhkhac")).Total);

        // What `./wardcms recipe apply` in another process does: its own save and outbox row, no signal to this one.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            await db.ContentItems.Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.IsDeleted, true));
            var siteId = await SiteIdAsync(sp);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"SearchIndexingTasks\" (\"SiteId\", \"ContentItemId\", \"CreatedUtc\") VALUES ({siteId}, {id}, {DateTime.UtcNow})");
        });

        await WaitForAsync(async () => (await SearchAsync("quytrinhkhac")).Total == 0);
    }

    [Fact]
    public async Task SearchRebuildCommand_WhileThePortalHoldsTheIndex_AsksThePortalInsteadOfFightingForTheWriter()
    {
        var index = Path.Combine(factory.DataFolder, "search-index");
        var (sites, queued) = await WithIndexerAsync(index, (outbox, _) => outbox.RebuildOrQueueAsync());

        Assert.True(queued);
        Assert.Equal("hai-ba-trung", Assert.Single(sites).SiteKey);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<SearchOutbox>().CatchUpAsync());
        Assert.Equal(HandbookTitle, (await SearchAsync("dang ky tam tru")).Hits[0].Title);
    }

    [Fact]
    public async Task SearchRebuild_RestoresAnEmptiedIndex()
    {
        var siteId = await factory.WithScopeAsync(SiteIdAsync);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<ISearchIndex>().ClearAsync(siteId));
        Assert.Equal(0, (await SearchAsync("dang ky tam tru")).Total);

        var counts = await factory.WithScopeAsync(sp => sp.GetRequiredService<SearchOutbox>().RebuildAllAsync());

        var site = Assert.Single(counts);
        Assert.Equal("hai-ba-trung", site.SiteKey);
        Assert.True(site.Documents > 50);
        Assert.Equal(HandbookTitle, (await SearchAsync("dang ky tam tru")).Hits[0].Title);
    }

    /// <summary>
    /// One process writes an index folder: `./wardcms search rebuild` run as a process of its own while
    /// the portal holds the index asks the portal to rebuild instead of opening a second writer (Lucene.Net's
    /// own lock let it in: two writers on one folder); a second index in this process is refused too,
    /// and disposing an index frees its folder.
    /// </summary>
    [Fact]
    public async Task SearchRebuild_AsAnotherProcess_WhileThePortalRuns_IsQueued_NotASecondWriter()
    {
        await factory.WithScopeAsync(sp => sp.GetRequiredService<SearchOutbox>().CatchUpAsync());
        var (exitCode, output) = await CommandLineProcess.RunAsync(factory, null, "search", "rebuild");

        Assert.True(exitCode == 0, output);
        Assert.Contains("The portal is running and holds the search index", output);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<SearchOutbox>().CatchUpAsync());
        Assert.Equal(HandbookTitle, (await SearchAsync("dang ky tam tru")).Hits[0].Title);

        var folder = Path.Combine(factory.DataFolder, "lock-" + Guid.NewGuid().ToString("N"));
        using (var index = new LuceneSearchIndex(folder))
        {
            Assert.Equal(0, index.Checkpoint); // opened
            using var second = new LuceneSearchIndex(folder);
            Assert.Throws<Lucene.Net.Store.LockObtainFailedException>(() => second.Checkpoint);
        }
        using var again = new LuceneSearchIndex(folder);
        Assert.Equal(0, again.Checkpoint);
    }

    [Fact]
    public async Task StartUpRebuild_IsMergedIntoOneSegmentByTheIndexerLoop_AndTheCommandLinesAtOnce()
    {
        var folder = Path.Combine(factory.DataFolder, "merge-" + Guid.NewGuid().ToString("N"));
        await WithIndexerAsync(folder, async (outbox, index) =>
        {
            // At start (a new folder: rebuilt) the merge is left to the loop, so serving starts sooner.
            await outbox.EnsureFreshAsync();
            Assert.True(await outbox.CompactIfWantedAsync());
            Assert.False(await outbox.CompactIfWantedAsync());
            Assert.Equal(1, index.SegmentCount);
            return true;
        });
        // Opened again: the merged index was committed, at the checkpoint the rebuild recorded.
        await WithIndexerAsync(folder, async (outbox, index) =>
        {
            Assert.False(index.WasReset);
            Assert.Equal(1, index.SegmentCount);
            var siteId = await factory.WithScopeAsync(SiteIdAsync);
            Assert.Equal(HandbookTitle, (await index.SearchAsync(new SearchQuery(siteId, "dang ky tam tru"))).Hits[0].Title);

            // `./wardcms search rebuild` (no indexer loop in that process) merges before it commits.
            var id = await CreateAsync("Tin hopnhatphandoan cho lần dựng lại", "Thân bài.");
            await WithContentAsync(c => c.PublishAsync(id, Actor.System));
            await outbox.CatchUpAsync();
            await outbox.RebuildAllAsync();
            Assert.Equal(1, index.SegmentCount);
            Assert.False(await outbox.CompactIfWantedAsync()); // merged already, nothing left for a loop
            Assert.Equal(1, (await index.SearchAsync(new SearchQuery(siteId, "hopnhatphandoan"))).Total);
            return true;
        });
    }

    [Theory]
    [InlineData("dang ki tam tru", "/cam-nang/dang-ky-tam-tru-truc-tuyen")]
    [InlineData("cccd", "/cam-nang/cap-doi-the-can-cuoc")]
    [InlineData("giay phep xay dung", "/cam-nang/cap-giay-phep-xay-dung-nha-o-rieng-le")]
    [InlineData("sổ đỏ", "/cam-nang/cap-giay-chung-nhan-quyen-su-dung-dat-lan-dau")]
    [InlineData("đăng kí", null)]
    // The register of legal documents: a document's number, as written or in another order, finds it first.
    [InlineData("12/2025/QĐ-UBND", "/van-ban/quyet-dinh-12-2025-qd-ubnd-quy-che-bo-phan-mot-cua")]
    [InlineData("QĐ-UBND 12", "/van-ban/quyet-dinh-12-2025-qd-ubnd-quy-che-bo-phan-mot-cua")]
    [InlineData("15/KH-UBND", "/van-ban/ke-hoach-15-kh-ubnd-thong-tin-tuyen-truyen-cchc-2025")]
    public async Task SearchPage_CitizensWords_PutTheRightHandbookEntryFirst(string q, string? first)
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=" + Uri.EscapeDataString(q));

        var hit = html.IndexOf("<li class=\"search-hit\">", StringComparison.Ordinal);
        Assert.True(hit > 0, $"“{q}” found nothing");
        if (first is not null)
        {
            Assert.Contains($"href=\"{first}\"", html.Substring(hit, 300));
        }
    }

    [Fact]
    public async Task SearchPage_UnmarkedQueryWithTwoReadings_OffersTheUsualOne()
    {
        var id = await CreateAsync("Thủ tục đặt đài thuphatmoi tại tổ dân phố", "Thủ tục đặt đài thu phát.");
        await WithContentAsync(c => c.PublishAsync(id, Actor.System));

        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=thu+tuc+dat+dai");

        Assert.Contains("Có phải bạn muốn tìm: <a href=\"/tim-kiem?q=th%E1%BB%A7%20t%E1%BB%A5c%20%C4%91%E1%BA%A5t%20%C4%91ai\"><strong>thủ tục đất đai</strong></a>?", html);
        var hits = html[html.IndexOf("<ol class=\"search-results\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("thuphatmoi", hits[..hits.IndexOf("</li>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task SearchPage_FilterOptions_ShowTheirCounts()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=tam+tru");

        Assert.Matches("<option value=\"HandbookEntry\"[^>]*>Mục cẩm nang \\(\\d+\\)</option>", html);
    }

    [Fact]
    public async Task SearchPage_NothingFound_LinksTheHandbookFirst()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=zzkhongcogica");

        var browse = html.IndexOf("Tra cứu theo chuyên mục", StringComparison.Ordinal);
        Assert.True(browse > 0);
        Assert.StartsWith("<ul class=\"topic-links\">", html[(browse + "Tra cứu theo chuyên mục</h2>".Length)..].TrimStart());
        var firstLink = html.IndexOf("href=\"", browse, StringComparison.Ordinal);
        Assert.Equal("href=\"/cam-nang\"", html.Substring(firstLink, "href=\"/cam-nang\"".Length));
    }

    [Fact]
    public async Task SearchPage_ShowsCountAndHitsWithHighlights()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=dang+ky+tam+tru");

        Assert.Matches("Tìm thấy <strong>\\d+</strong> kết quả cho “<strong>dang ky tam tru</strong>”", html);
        Assert.Contains("<ol class=\"search-results\"", html);
        var firstHit = html.IndexOf("<li class=\"search-hit\">", StringComparison.Ordinal);
        Assert.True(firstHit > 0);
        Assert.Contains("href=\"/cam-nang/dang-ky-tam-tru-truc-tuyen\"", html.Substring(firstHit, 300));
        Assert.Contains("<mark>", html);
        Assert.Contains("type=\"search\"", html);
    }

    [Fact]
    public async Task SearchPage_NoResults_OffersSuggestionsAsLinks()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=zzkhongco+tam+tru");

        Assert.Contains("Không tìm thấy kết quả nào cho “<strong>zzkhongco tam tru</strong>”", html);
        Assert.Contains("href=\"/tim-kiem?q=tam%20tru\"", html);
        Assert.Contains("href=\"/tim-kiem?chu-de=", html);
        // The sections to browse: the handbook (searchWeight 1.5 in the recipe) before the CCHC section.
        var browse = html[html.IndexOf("Tra cứu theo chuyên mục", StringComparison.Ordinal)..];
        Assert.True(browse.IndexOf("href=\"/cam-nang\"", StringComparison.Ordinal) is >= 0 and var handbook
            && handbook < browse.IndexOf("href=\"/cchc\"", StringComparison.Ordinal), "the handbook's section comes first");
    }

    [Fact]
    public async Task SearchPage_FiltersByTypeTopicAndYear()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=tam+tru&loai=HandbookEntry&nam=2025");

        Assert.Contains("loại “Mục cẩm nang”", html);
        var start = html.IndexOf("search-results", StringComparison.Ordinal);
        var results = html[start..html.IndexOf("</main>", start, StringComparison.Ordinal)];
        Assert.DoesNotContain("href=\"/cchc/", results);
    }

    [Fact]
    public async Task SearchPage_OverlongQuery_IsCappedWithAMessage()
    {
        var html = await factory.CreateBrowserClient().GetStringAsync("/tim-kiem?q=" + new string('a', 2000));

        Assert.Contains("Từ khóa dài 2.000 ký tự; chỉ 500 ký tự đầu được dùng để tìm.", html);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\" tạm \"trú")]
    [InlineData("-")]
    [InlineData("--tam -tru")]
    [InlineData("/")]
    [InlineData("*")]
    [InlineData("tam*")]
    [InlineData("NEAR(tam tru)")]
    [InlineData("NOT tam")]
    [InlineData("tam OR tru AND NOT")]
    [InlineData("123/QĐ-UBND")]
    [InlineData("c++ {} [] ^ : ; ' \\ %")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("SELECT * FROM search_fts; --")]
    [InlineData("tam tru &trang=abc")]
    public async Task SearchPage_HostileInput_Renders(string q)
    {
        var res = await factory.CreateBrowserClient().GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
    }

    [Theory]
    [InlineData("/tim-kiem?q=" + "tam%20tru%20" + "x")]
    [InlineData("/tim-kiem?trang=abc&nam=xyz&loai=Khong&chu-de=khong-co")]
    [InlineData("/tim-kiem?q=tam&trang=-5")]
    [InlineData("/tim-kiem?q=tam&trang=99999999999")]
    [InlineData("/tim-kiem?q=%00%01")]
    public async Task SearchPage_HostileParameters_Render(string url)
    {
        var res = await factory.CreateBrowserClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task SearchPage_TwoThousandCharacterQuery_Renders()
    {
        var words = string.Join(' ', Enumerable.Repeat("tạm trú \"NEAR\" -", 200))[..2000];
        var res = await factory.CreateBrowserClient().GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(words));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task Api_ReturnsTotalAndCamelCaseHits()
    {
        var res = await factory.CreateBrowserClient().GetAsync("/api/search?q=dang%20ky%20tam%20tru&type=HandbookEntry");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/json", res.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.True(root.GetProperty("total").GetInt32() >= 1);
        var hit = root.GetProperty("hits")[0];
        Assert.Equal(HandbookTitle, hit.GetProperty("title").GetString());
        Assert.Equal("/cam-nang/dang-ky-tam-tru-truc-tuyen", hit.GetProperty("url").GetString());
        Assert.Equal("HandbookEntry", hit.GetProperty("type").GetString());
        Assert.Contains("<mark>", hit.GetProperty("snippet").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", hit.GetProperty("publishedAt").GetString());
        Assert.True(DateTimeOffset.TryParse(hit.GetProperty("publishedAt").GetString(), out _));
        foreach (var h in root.GetProperty("hits").EnumerateArray())
        {
            Assert.Equal("HandbookEntry", h.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Api_TopicFilter_AcceptsSlugAndKey()
    {
        var client = factory.CreateBrowserClient();
        var bySlug = await client.GetStringAsync("/api/search?topic=mot-cua-dich-vu-cong-truc-tuyen");
        var byKey = await client.GetStringAsync("/api/search?topic=e");

        Assert.Equal(JsonDocument.Parse(bySlug).RootElement.GetProperty("total").GetInt32(), JsonDocument.Parse(byKey).RootElement.GetProperty("total").GetInt32());
        Assert.True(JsonDocument.Parse(bySlug).RootElement.GetProperty("total").GetInt32() > 0);
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=0", "page")]
    [InlineData("q=tam&page=-1", "page")]
    [InlineData("type=KhongCo", "type")]
    [InlineData("topic=khong-co-chu-de", "topic")]
    public async Task Api_BadParameter_Is400ProblemNamingIt(string query, string parameter)
    {
        var res = await factory.CreateBrowserClient().GetAsync("/api/search?" + query);

        await AssertProblemAsync(res, parameter);
    }

    [Fact]
    public async Task Api_QueryLongerThan500_Is400()
    {
        var res = await factory.CreateBrowserClient().GetAsync("/api/search?q=" + new string('a', 501));

        await AssertProblemAsync(res, "q");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage res, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"errors should name “{parameter}”");
        Assert.Contains($"“{parameter}”", messages[0].GetString());
        Assert.Equal("Tham số tìm kiếm không hợp lệ", json.RootElement.GetProperty("title").GetString());
    }

    private Task<SearchResults> SearchAsync(string text) =>
        factory.WithScopeAsync(async sp => await sp.GetRequiredService<ISearchIndex>().SearchAsync(new SearchQuery(await SiteIdAsync(sp), text)));

    private Task<int> PublishInTransactionAsync(string title, bool commit) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var content = sp.GetRequiredService<ContentManager>();
            var siteId = await SiteIdAsync(sp);
            var type = (await content.FindTypeAsync(siteId, "CchcArticle"))!;
            await using var tx = await db.Database.BeginTransactionAsync();
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = title;
            var created = await content.CreateAsync(siteId, type, draft, Actor.System);
            await content.PublishAsync(created.Item!.Id, Actor.System);
            // Nothing reaches the index before the transaction ends.
            Assert.Equal(0, (await sp.GetRequiredService<ISearchIndex>().SearchAsync(new SearchQuery(siteId, title))).Total);
            if (commit)
            {
                await tx.CommitAsync();
            }
            else
            {
                await tx.RollbackAsync();
            }
            return created.Item!.Id;
        });

    /// <summary>Runs an indexer of its own on an index folder, as another process (or the portal after a restart) would.</summary>
    private async Task<T> WithIndexerAsync<T>(string folder, Func<SearchOutbox, LuceneSearchIndex, Task<T>> work)
    {
        var sp = factory.Services;
        using var index = new LuceneSearchIndex(folder);
        using var outbox = new SearchOutbox(sp.GetRequiredService<IServiceScopeFactory>(), index, new SearchOutboxSignal(),
            new PublicContentStamp(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SearchOutbox>.Instance);
        return await work(outbox, index);
    }

    private Task WithIndexerAsync(string folder, Func<SearchOutbox, Task> work) =>
        WithIndexerAsync(folder, async (outbox, _) =>
        {
            await work(outbox);
            return true;
        });

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the indexer did not apply the change within 20 s");
            await Task.Delay(100);
        }
    }

    private static Task<int> SiteIdAsync(IServiceProvider sp) =>
        sp.GetRequiredService<WardDbContext>().Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();

    private Task WithContentAsync(Func<ContentManager, Task> action) =>
        factory.WithScopeAsync(sp => action(sp.GetRequiredService<ContentManager>()));

    private Task<int> CreateAsync(string title, string body) =>
        factory.WithScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentManager>();
            var registry = sp.GetRequiredService<ContentPartRegistry>();
            var siteId = await SiteIdAsync(sp);
            var type = (await content.FindTypeAsync(siteId, "CchcArticle"))!;
            var draft = ContentDraft.Empty(type, registry);
            draft.Common.Title = title;
            draft.Common.Summary = "Tóm tắt.";
            draft.Common.Body = body;
            var created = await content.CreateAsync(siteId, type, draft, Actor.System);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
            return created.Item!.Id;
        });
}

public sealed class SqliteSearchWiringTests(SqliteAppFactory f) : SearchWiringTests<SqliteAppFactory>(f);

public sealed class PostgresSearchWiringTests(PostgresAppFactory f) : SearchWiringTests<PostgresAppFactory>(f);
