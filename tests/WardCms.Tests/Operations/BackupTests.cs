using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WardCms.Core.Data;
using WardCms.Core.Media;
using WardCms.Tests.Infrastructure;
using WardCms.Web.Cli;

namespace WardCms.Tests.Operations;

/// <summary>
/// `./wardcms backup` / `restore` on a SQLite deployment: a backup taken while the portal runs holds a
/// consistent database (Data Protection keys included) and the media; a restore puts it in place and
/// keeps what was there aside; a file that is not a backup changes nothing. (PostgreSQL deployments
/// use pg_dump; the command says so.)
/// </summary>
public sealed class BackupTests(SqliteAppFactory factory) : IClassFixture<SqliteAppFactory>
{
    private (string Database, Dictionary<string, string> Folders) Deployment()
    {
        var database = factory.Services.GetRequiredService<DatabaseOptions>();
        var media = factory.Services.GetRequiredService<IOptions<MediaOptions>>().Value.RootPath;
        return (new SqliteConnectionStringBuilder(database.ConnectionString).DataSource,
            new() { ["media"] = Path.GetFullPath(media, AppContext.BaseDirectory), ["radio-audio"] = Path.Combine(database.DataFolder, "radio-audio") });
    }

    private static long Count(string databaseFile, string table)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task BackupWhileThePortalRuns_RestoredElsewhere_HoldsTheSameDatabaseKeysAndMedia()
    {
        var (database, folders) = Deployment();
        var mediaFile = Path.Combine(folders["media"], "ab", "cd", "kiem-thu-sao-luu.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(mediaFile)!);
        await File.WriteAllBytesAsync(mediaFile, [1, 2, 3, 4, 5]);
        // A write just before the backup, still in the WAL: the copy must hold it.
        var items = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.OrderBy(i => i.Id).FirstAsync();
            item.Title = "Tiêu đề đổi ngay trước khi sao lưu";
            await db.SaveChangesAsync();
            return await db.ContentItems.CountAsync();
        });
        var zip = Path.Combine(factory.DataFolder, "sao-luu.zip");

        var manifest = DeploymentBackup.Backup(database, folders, zip);

        Assert.True(manifest.Files >= 1);
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.NotNull(archive.GetEntry(DeploymentBackup.DatabaseEntry));
            Assert.NotNull(archive.GetEntry(DeploymentBackup.ManifestEntry));
            await using var media = archive.GetEntry("media/ab/cd/kiem-thu-sao-luu.bin")!.Open();
            using var bytes = new MemoryStream();
            await media.CopyToAsync(bytes);
            Assert.Equal([1, 2, 3, 4, 5], bytes.ToArray());
        }

        // Restored into another data folder that already holds a database: that one is kept aside.
        var target = Path.Combine(factory.DataFolder, "restored-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        var targetDb = Path.Combine(target, "wardcms.db");
        await File.WriteAllTextAsync(targetDb, "an older database");
        var targetFolders = new Dictionary<string, string> { ["media"] = Path.Combine(target, "media"), ["radio-audio"] = Path.Combine(target, "radio-audio") };
        Directory.CreateDirectory(Path.Combine(target, "search-index"));

        var (restored, aside) = DeploymentBackup.Restore(zip, targetDb, target, targetFolders);

        Assert.Equal(manifest.Files, restored.Files);
        Assert.Equal("an older database", await File.ReadAllTextAsync(Path.Combine(aside, "wardcms.db")));
        Assert.Equal(items, Count(targetDb, "ContentItems"));
        Assert.True(Count(targetDb, "DataProtectionKeys") > 0);
        Assert.Equal([1, 2, 3, 4, 5], await File.ReadAllBytesAsync(Path.Combine(target, "media", "ab", "cd", "kiem-thu-sao-luu.bin")));
        Assert.False(Directory.Exists(Path.Combine(target, "search-index"))); // rebuilt at the next start
        using (var db = new SqliteConnection($"Data Source={targetDb};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT \"Title\" FROM \"ContentItems\" ORDER BY \"Id\" LIMIT 1";
            Assert.Equal("Tiêu đề đổi ngay trước khi sao lưu", command.ExecuteScalar());
        }
    }

    [Fact]
    public async Task RestoreOfAFileThatIsNoBackup_ChangesNothing()
    {
        var target = Path.Combine(factory.DataFolder, "untouched-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(target, "media"));
        var targetDb = Path.Combine(target, "wardcms.db");
        await File.WriteAllTextAsync(targetDb, "the current database");
        var folders = new Dictionary<string, string> { ["media"] = Path.Combine(target, "media"), ["radio-audio"] = Path.Combine(target, "radio-audio") };
        var notABackup = Path.Combine(target, "anh.zip");
        using (var zip = ZipFile.Open(notABackup, ZipArchiveMode.Create))
        {
            await using var entry = zip.CreateEntry("anh.jpg").Open();
            entry.WriteByte(1);
        }
        var fakeDatabase = Path.Combine(target, "fake.zip");
        using (var zip = ZipFile.Open(fakeDatabase, ZipArchiveMode.Create))
        {
            await using (var manifest = zip.CreateEntry(DeploymentBackup.ManifestEntry).Open())
            {
                await System.Text.Json.JsonSerializer.SerializeAsync(manifest, new BackupManifest(DateTime.UtcNow, "wardcms.db", 0, 0));
            }
            await using var db = zip.CreateEntry(DeploymentBackup.DatabaseEntry).Open();
            await db.WriteAsync("not a database at all, just text"u8.ToArray());
        }

        Assert.Throws<InvalidDataException>(() => DeploymentBackup.Restore(notABackup, targetDb, target, folders));
        Assert.Throws<InvalidDataException>(() => DeploymentBackup.Restore(fakeDatabase, targetDb, target, folders));

        Assert.Equal("the current database", await File.ReadAllTextAsync(targetDb));
        Assert.Equal(["anh.zip", "fake.zip", "media", "wardcms.db"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
