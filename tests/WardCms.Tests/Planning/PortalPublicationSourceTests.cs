using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Sites;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Planning;

// The dashboard's bulk read of publications (BulkRowReader, TagSets) against real databases: the
// same events the LINQ-shaped rules describe, whichever provider, with nothing of another site.
public abstract class PortalPublicationSourceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task LoadsPublishedTaggedItems_WithTopicsUnitsAndExactInstants_InChronologicalThenIdOrder()
    {
        var ward = await SeedWardAsync();

        var events = await factory.WithScopeAsync(sp => new PortalPublicationSource(sp.GetRequiredService<WardDbContext>())
            .LoadAsync(ward.SiteId, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc), CancellationToken.None));

        // Same instant: lower id first, though the counting index orders them the other way (by unit).
        Assert.Equal([ward.Ids["tie-b"], ward.Ids["tie-a"], ward.Ids["late"], ward.Ids["two-tasks"], ward.Ids["edge"]], events.Select(e => e.ContentItemId));
        var byKey = events.ToDictionary(e => ward.Ids.Single(x => x.Value == e.ContentItemId).Key);
        Assert.Equal([ward.Tasks[0], ward.Tasks[1]], byKey["two-tasks"].PlanTaskIds);
        Assert.Equal(["land", "tech"], byKey["two-tasks"].Topics.Order());
        Assert.Equal("u2", byKey["two-tasks"].UnitKey);
        Assert.Null(byKey["late"].UnitKey);
        Assert.Empty(byKey["late"].Topics);
        // Items tagged alike share one list (interned), and it holds that task only.
        Assert.Same(byKey["tie-a"].PlanTaskIds, byKey["tie-b"].PlanTaskIds);
        Assert.Equal([ward.Tasks[0]], byKey["tie-a"].PlanTaskIds);
        // 23:59:59.999999 ICT (the precision both databases keep) is read exactly, not rounded into the next second or day.
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 16, 59, 59, TimeSpan.Zero).AddTicks(9_999_990), byKey["edge"].OccurredAt);
        Assert.Equal(new DateOnly(2025, 3, 31), PeriodCalculator.LocalDate(byKey["edge"].OccurredAt));
        Assert.All(events, e => Assert.Equal(CountingEventKind.PublishedOnPortal, e.Kind));
        Assert.All(events, e => Assert.Equal("portal", e.Channel));
        // Not counted: untagged, unpublished-tag-only, draft, deleted, a radio type, another site, outside the window.
        Assert.DoesNotContain(events, e => ward.Excluded.Contains(e.ContentItemId));
    }

    [Fact]
    public async Task Window_BoundsAreInclusive_AndAWardWithoutPlanTasksCountsNothing()
    {
        var ward = await SeedWardAsync();
        var edge = new DateTime(2025, 3, 31, 16, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990);

        var (upToEdge, fromEdge, other) = await factory.WithScopeAsync(async sp =>
        {
            var source = new PortalPublicationSource(sp.GetRequiredService<WardDbContext>());
            return (
                await source.LoadAsync(ward.SiteId, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), edge, CancellationToken.None),
                await source.LoadAsync(ward.SiteId, edge, new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None),
                await source.LoadAsync(ward.OtherSiteId, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None));
        });

        Assert.Equal(ward.Ids["edge"], upToEdge[^1].ContentItemId);
        Assert.Equal(ward.Ids["edge"], Assert.Single(fromEdge).ContentItemId);
        // The other ward has an item tagged to this ward's task but no plan of its own.
        Assert.Empty(other);
    }

    private sealed record Ward(int SiteId, int OtherSiteId, string[] Tasks, Dictionary<string, string> Ids, HashSet<string> Excluded);

    private async Task<Ward> SeedWardAsync() => await factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var site = new Site { Key = "pps-" + suffix, Name = "Phường thử " + suffix, CreatedUtc = DateTime.UtcNow };
        var other = new Site { Key = "pps-other-" + suffix, Name = "Phường khác " + suffix, CreatedUtc = DateTime.UtcNow };
        db.Sites.AddRange(site, other);
        await db.SaveChangesAsync();
        var u1 = new Unit { SiteId = site.Id, Key = "u1", Name = "Phòng 1" };
        var u2 = new Unit { SiteId = site.Id, Key = "u2", Name = "Phòng 2" };
        db.Units.AddRange(u1, u2);
        db.ContentTypes.AddRange(
            new ContentTypeDefinition { SiteId = site.Id, Name = "CchcArticle", DisplayName = "Bài viết", SettingsJson = """{"channel":"portal"}""" },
            new ContentTypeDefinition { SiteId = site.Id, Name = "RadioScript", DisplayName = "Tin phát thanh", SettingsJson = """{"channel":"radio"}""" },
            new ContentTypeDefinition { SiteId = other.Id, Name = "CchcArticle", DisplayName = "Bài viết", SettingsJson = """{"channel":"portal"}""" });
        var taxonomy = new Taxonomy
        {
            SiteId = site.Id, Key = "topics", Name = "Chủ đề",
            Terms = [new Term { Key = "land", Name = "Đất đai", Slug = "dat-dai" }, new Term { Key = "tech", Name = "Chuyển đổi số", Slug = "chuyen-doi-so" }],
        };
        db.Taxonomies.Add(taxonomy);
        var plan = new Plan
        {
            SiteId = site.Id, Key = "pps", Title = "Kế hoạch thử", Year = 2025, StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 12, 31),
            Tasks = [new PlanTask { Number = 1, Text = "Nhiệm vụ 1" }, new PlanTask { Number = 2, Text = "Nhiệm vụ 2" }],
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        var ids = new Dictionary<string, ContentItem>();
        ContentItem Item(string key, int siteId, DateTime? firstPublished, Unit? unit = null, string type = "CchcArticle", bool published = true, bool deleted = false)
        {
            var item = new ContentItem
            {
                SiteId = siteId, ContentType = type, UnitId = unit?.Id, Title = key, Status = published ? ContentStatus.Published : ContentStatus.Draft,
                PublishedVersionId = published ? 1 : null, FirstPublishedUtc = firstPublished, IsDeleted = deleted,
                CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            };
            ids[key] = item;
            db.ContentItems.Add(item);
            return item;
        }
        var tie = new DateTime(2025, 2, 10, 3, 0, 0, DateTimeKind.Utc);
        Item("two-tasks", site.Id, new DateTime(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc).AddTicks(1234567), u2);
        Item("edge", site.Id, new DateTime(2025, 3, 31, 16, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990), u1);
        Item("late", site.Id, new DateTime(2025, 2, 20, 8, 0, 0, DateTimeKind.Utc));
        // tie-b is added first (lower id) with the later unit, so the counting index holds it second.
        Item("tie-b", site.Id, tie, u2);
        Item("tie-a", site.Id, tie, u1);
        Item("untagged", site.Id, tie, u1);
        Item("draft-tag-only", site.Id, tie, u1);
        Item("draft", site.Id, tie, u1, published: false);
        Item("deleted", site.Id, tie, u1, deleted: true);
        Item("radio", site.Id, tie, u1, type: "RadioScript");
        Item("before-window", site.Id, new DateTime(2024, 12, 31, 23, 0, 0, DateTimeKind.Utc), u1);
        Item("other-site", other.Id, tie);
        await db.SaveChangesAsync();
        Assert.True(ids["tie-b"].Id < ids["tie-a"].Id);

        var (t1, t2) = (plan.Tasks[0].Id, plan.Tasks[1].Id);
        void Tag(string key, int task, bool published = true) =>
            db.ContentItemPlanTasks.Add(new ContentItemPlanTask { ContentItemId = ids[key].Id, PlanTaskId = task, Published = published });
        Tag("two-tasks", t2);
        Tag("two-tasks", t1);
        Tag("edge", t1);
        Tag("late", t2);
        Tag("tie-a", t1);
        Tag("tie-b", t1);
        Tag("draft-tag-only", t1, published: false);
        Tag("draft", t1);
        Tag("deleted", t1);
        Tag("radio", t1);
        Tag("before-window", t1);
        Tag("other-site", t1);
        foreach (var term in taxonomy.Terms)
            db.ContentItemTerms.Add(new ContentItemTerm { ContentItemId = ids["two-tasks"].Id, TermId = term.Id, Published = true });
        db.ContentItemTerms.Add(new ContentItemTerm { ContentItemId = ids["late"].Id, TermId = taxonomy.Terms[0].Id, Published = false });
        await db.SaveChangesAsync();

        string Id(string key) => ids[key].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Ward(site.Id, other.Id, [t1.ToString(), t2.ToString()], ids.Keys.ToDictionary(k => k, Id),
            new[] { "untagged", "draft-tag-only", "draft", "deleted", "radio", "before-window", "other-site" }.Select(Id).ToHashSet());
    });
}

public sealed class SqlitePortalPublicationSourceTests(SqliteAppFactory f) : PortalPublicationSourceTests<SqliteAppFactory>(f);

public sealed class PostgresPortalPublicationSourceTests(PostgresAppFactory f) : PortalPublicationSourceTests<PostgresAppFactory>(f);

public class StoredInstantTests
{
    [Fact]
    public void Sqlite_ColumnsAreReadStraightFromTheLibrary()
    {
        // The fast path is bound on this platform; if it were not, the dashboard would silently be slower.
        Assert.True(BulkRowReader.ReadsSqliteColumnsDirectly);
    }

    [Theory]
    [InlineData("2025-03-31 16:59:59", 0L)]
    [InlineData("2025-03-31 16:59:59.9999999", 9_999_999L)]
    [InlineData("2025-03-31 16:59:59.999999", 9_999_990L)]
    [InlineData("2025-03-31 16:59:59.5", 5_000_000L)]
    [InlineData("2025-03-31T16:59:59.123", 1_230_000L)]
    public void ParseStoredUtc_ReadsEfCoresSqliteFormat_ToTheTick(string text, long ticks)
    {
        var parsed = BulkRowReader.ParseStoredUtc(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new DateTime(2025, 3, 31, 16, 59, 59, DateTimeKind.Utc).AddTicks(ticks), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Theory]
    [InlineData("2025-02-29 10:00:00")]
    [InlineData("2025-13-01 10:00:00")]
    [InlineData("not a date")]
    public void ParseStoredUtc_Invalid_Throws(string text) =>
        Assert.Throws<FormatException>(() => BulkRowReader.ParseStoredUtc(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void ParseStoredUtc_OtherShapes_FallBackToTheGeneralParser() =>
        Assert.Equal(new DateTime(2025, 3, 31, 16, 59, 59, DateTimeKind.Utc), BulkRowReader.ParseStoredUtc("2025-03-31 16:59:59Z"u8));
}

public class TagSetsTests
{
    private sealed record Row(int Id) : IHasItemId;

    [Fact]
    public void Join_GroupsPairsByItem_InTagOrder_SharingOneArrayPerCombination()
    {
        List<Row> rows = [new(10), new(3), new(7), new(99)];
        string[] keys = ["a", "b", "c", "d", "e"];
        // Any order, one duplicate, one pair of an item not in the rows.
        List<long> pairs = [Pair(7, 1), Pair(3, 2), Pair(10, 2), Pair(3, 0), Pair(7, 1), Pair(10, 0), Pair(5, 4)];

        var sets = TagSets.Join(rows, pairs, keys);

        Assert.Equal(["a", "c"], sets[0]!);
        Assert.Same(sets[0], sets[1]);
        Assert.Equal(["b"], sets[2]!);
        Assert.Null(sets[3]);
    }

    [Fact]
    public void Join_ManyTagsOnOneItem_AndSparseIds_StillExact()
    {
        // Ids far apart take the dictionary path; five tags take the list path.
        List<Row> rows = [new(1), new(2_000_000_000)];
        var keys = Enumerable.Range(0, 8).Select(i => "t" + i).ToArray();
        List<long> pairs = [.. new[] { 7, 3, 5, 1, 0 }.Select(t => Pair(2_000_000_000, t)), Pair(1, 6)];

        var sets = TagSets.Join(rows, pairs, keys);

        Assert.Equal(["t6"], sets[0]!);
        Assert.Equal(["t0", "t1", "t3", "t5", "t7"], sets[1]!);
    }

    private static long Pair(int item, int tag) => ((long)item << 32) | (uint)tag;
}
