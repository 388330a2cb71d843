using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Editorial;

/// <summary>
/// Upgrading a database written before approvals were of a version: an item saved after its approval
/// still said "Approved"/"Scheduled" with unreviewed text as its latest version. The migration must
/// take the approved version from the audit trail and send such items back to review, so the
/// scheduler, "Xuất bản" and the radio desk never go out with that text after the upgrade.
/// </summary>
public abstract class ApprovedVersionMigrationTests
{
    protected abstract WardDbContext NewContext();

    [Fact]
    public async Task Upgrade_TakesTheApprovedVersionFromTheAudit_AndSendsItemsEditedAfterApprovalBackToReview()
    {
        await using var db = NewContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var target = migrations.Single(m => m.EndsWith("_ApprovedVersion", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[migrations.IndexOf(target) - 1]);

        var now = DateTime.UtcNow;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Sites" ("Id", "Key", "Name", "HostNames", "IssuingParent", "IssuingBody", "PlaceName", "TimeZoneId", "Tagline", "ContactText", "ReadingRate", "HandbookReviewMonths", "CreatedUtc")
            VALUES (1, 'p', 'Phường', 'localhost', '', '', '', 'Asia/Ho_Chi_Minh', '', '', 200, 6, {now})
            """);
        // A: approved v1, then v2 saved (the old bug kept "Approved"). B: scheduled and untouched.
        // C: published v1 with an unpublished v2. D: scheduled at v1, then v2 saved.
        await ItemAsync(db, 1, ContentStatus.Approved, versions: 2, published: null, scheduled: null, now);
        await AuditAsync(db, 1, 1, "Approved", now);
        await ItemAsync(db, 2, ContentStatus.Scheduled, versions: 1, published: null, scheduled: now.AddDays(1), now);
        await AuditAsync(db, 2, 1, "Scheduled", now);
        await ItemAsync(db, 3, ContentStatus.Published, versions: 2, published: 1, scheduled: null, now);
        await AuditAsync(db, 3, 1, "Published", now);
        await ItemAsync(db, 4, ContentStatus.Scheduled, versions: 2, published: null, scheduled: now.AddDays(1), now);
        await AuditAsync(db, 4, 1, "Scheduled", now);

        await migrator.MigrateAsync(target);

        var items = await db.ContentItems.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Status, i.ApprovedVersionId, i.ScheduledPublishUtc }).ToListAsync();
        Assert.Equal((ContentStatus.Draft, (int?)101), (items[0].Status, items[0].ApprovedVersionId));
        Assert.Equal((ContentStatus.Scheduled, (int?)201), (items[1].Status, items[1].ApprovedVersionId));
        Assert.NotNull(items[1].ScheduledPublishUtc);
        Assert.Equal((ContentStatus.Published, (int?)301), (items[2].Status, items[2].ApprovedVersionId));
        Assert.Equal((ContentStatus.Draft, (int?)401), (items[3].Status, items[3].ApprovedVersionId));
        Assert.Null(items[3].ScheduledPublishUtc);
    }

    // Item n has versions n01, n02…; the latest is the last, the published one (if any) is n0{published}.
    private static async Task ItemAsync(WardDbContext db, int id, string status, int versions, int? published, DateTime? scheduled, DateTime now)
    {
        int? publishedId = published is { } p ? id * 100 + p : null;
        var latestId = id * 100 + versions;
        var stamp = Guid.NewGuid();
        var title = $"Bài {id}";
        var deleted = false;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ContentItems" ("Id", "SiteId", "ContentType", "Status", "Title", "SearchText", "CreatedUtc", "UpdatedUtc", "IsDeleted", "ConcurrencyStamp", "ScheduledPublishUtc")
            VALUES ({id}, 1, 'CchcArticle', {status}, {title}, '', {now}, {now}, {deleted}, {stamp}, {scheduled})
            """);
        for (var n = 1; n <= versions; n++)
        {
            var versionId = id * 100 + n;
            var wasPublished = versionId == publishedId;
            var partsJson = "{}";
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ContentVersions" ("Id", "ContentItemId", "Number", "CreatedUtc", "CreatedByName", "Title", "Summary", "Body", "AuthorName", "PartsJson", "Note", "WasPublished")
                VALUES ({versionId}, {id}, {n}, {now}, 'Biên tập viên', {title}, '', '', '', {partsJson}, '', {wasPublished})
                """);
        }
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "ContentItems" SET "LatestVersionId" = {latestId}, "PublishedVersionId" = {publishedId} WHERE "Id" = {id}
            """);
    }

    private static Task AuditAsync(WardDbContext db, int itemId, int versionNumber, string action, DateTime now) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AuditEntry" ("SiteId", "ContentItemId", "VersionNumber", "UserName", "AtUtc", "Action", "FromState", "ToState", "Comment")
            VALUES (1, {itemId}, {versionNumber}, 'Lãnh đạo', {now}, {action}, 'Forwarded', {action}, '')
            """);
}

public sealed class SqliteApprovedVersionMigrationTests : ApprovedVersionMigrationTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"wardcms-migration-{Guid.NewGuid():N}.db");

    protected override WardDbContext NewContext() =>
        new SqliteWardDbContext(new DbContextOptionsBuilder<SqliteWardDbContext>().UseSqlite(DatabaseOptions.SqliteConnectionString(_file)).Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

public sealed class PostgresApprovedVersionMigrationTests : ApprovedVersionMigrationTests
{
    private readonly string _connection = TestPostgres.CreateDatabase("migration");

    protected override WardDbContext NewContext() =>
        new PostgresWardDbContext(new DbContextOptionsBuilder<PostgresWardDbContext>().UseNpgsql(_connection).Options);
}
