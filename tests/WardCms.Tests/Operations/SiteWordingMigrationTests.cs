using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Operations;

/// <summary>
/// Upgrading to wording as data: sites made before it spoke as wards (the words were in code), so a
/// ward keeps its words and its report's recipients; a commune is read from its issuing body; any
/// other unit gets the neutral "đơn vị" rather than a ward's words.
/// </summary>
public abstract class SiteWordingMigrationTests
{
    protected abstract WardDbContext NewContext();

    [Fact]
    public async Task Upgrade_KeepsAWardsWords_ReadsACommuneFromItsIssuingBody_AndLeavesOtherUnitsNeutral()
    {
        await using var db = NewContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var target = migrations.Single(m => m.EndsWith("_SiteWording", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[migrations.IndexOf(target) - 1]);
        var now = DateTime.UtcNow;
        foreach (var (id, body) in new[] { (1, "PHƯỜNG HAI BÀ TRƯNG"), (2, "XÃ SÓC SƠN"), (3, "SỞ NỘI VỤ") })
        {
            var key = $"s{id}";
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Sites" ("Id", "Key", "Name", "HostNames", "IssuingParent", "IssuingBody", "PlaceName", "TimeZoneId", "Tagline", "ContactText", "ReadingRate", "HandbookReviewMonths", "CreatedUtc", "RequireTwoStepRoles")
                VALUES ({id}, {key}, {body}, {key}, 'ỦY BAN NHÂN DÂN', {body}, '', 'Asia/Ho_Chi_Minh', '', '', 200, 6, {now}, '')
                """);
        }

        await migrator.MigrateAsync(target);
        await migrator.MigrateAsync(); // the later ones too, so the model's columns all exist when read

        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(("phường", "hệ thống truyền thanh phường"), (sites[0].Level, sites[0].RadioTitle));
        Assert.Equal(["UBND Thành phố (để báo cáo);", "Thường trực Đảng ủy, HĐND phường;", "Lưu: VT, VH-XH."], sites[0].ReportRecipientLines);
        Assert.Equal(("xã", "hệ thống truyền thanh xã", "Lưu: VT."), (sites[1].Level, sites[1].RadioTitle, sites[1].ReportRecipientLines.Single()));
        Assert.Equal(("", "đơn vị", "Lưu: VT."), (sites[2].Level, sites[2].SelfName, sites[2].ReportRecipientLines.Single()));
        // Every site made before said "…/BC-UBND" (SiteDocumentCode keeps it).
        Assert.All(sites, s => Assert.Equal("…/BC-UBND", s.ReportNumberPlaceholder));
    }
}

public sealed class SqliteSiteWordingMigrationTests : SiteWordingMigrationTests, IDisposable
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

public sealed class PostgresSiteWordingMigrationTests : SiteWordingMigrationTests
{
    private readonly string _connection = TestPostgres.CreateDatabase("migration");

    protected override WardDbContext NewContext() =>
        new PostgresWardDbContext(new DbContextOptionsBuilder<PostgresWardDbContext>().UseNpgsql(_connection).Options);
}
