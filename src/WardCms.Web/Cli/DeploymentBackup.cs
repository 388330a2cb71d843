using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace WardCms.Web.Cli;

/// <summary>What a backup holds, as its manifest says.</summary>
public sealed record BackupManifest(DateTime CreatedUtc, string Database, int Files, long Bytes);

/// <summary>
/// `./wardcms backup FILE` and `./wardcms restore FILE` for a SQLite deployment: one zip with the
/// database and the folders that are not derived data. The database is copied with SQLite's online
/// backup API (a consistent copy while the portal runs and writes, WAL included); the Data Protection
/// keys are in it, so a restored portal keeps its sessions and forms. The search index and the speech
/// cache are left out: they are rebuilt from the database. PostgreSQL deployments use pg_dump and copy
/// the same folders (docs/operations.md).
/// </summary>
public static class DeploymentBackup
{
    public const string DatabaseEntry = "wardcms.db";
    public const string ManifestEntry = "wardcms-backup.json";

    /// <summary>The data folder's subfolders a backup carries (media library and evidence files; aired bulletins' audio).</summary>
    public static readonly string[] Folders = ["media", "radio-audio"];

    /// <summary>Writes the backup to <paramref name="zipPath"/> (replaced only once it is complete).</summary>
    public static BackupManifest Backup(string databaseFile, IReadOnlyDictionary<string, string> folders, string zipPath)
    {
        var partial = zipPath + ".partial";
        var copy = zipPath + ".db.partial";
        try
        {
            using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
            }
            var files = 0;
            long bytes = 0;
            using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(copy, DatabaseEntry, CompressionLevel.Optimal);
                bytes += new FileInfo(copy).Length;
                foreach (var (name, folder) in folders)
                {
                    if (!Directory.Exists(folder))
                    {
                        continue;
                    }
                    foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                    {
                        var entry = name + "/" + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                        // Media files are compressed images and audio already: stored as they are.
                        zip.CreateEntryFromFile(file, entry, CompressionLevel.NoCompression);
                        files++;
                        bytes += new FileInfo(file).Length;
                    }
                }
                var manifest = new BackupManifest(DateTime.UtcNow, DatabaseEntry, files, bytes);
                using var writer = zip.CreateEntry(ManifestEntry).Open();
                JsonSerializer.Serialize(writer, manifest);
                return manifest;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
            if (File.Exists(partial))
            {
                File.Move(partial, zipPath, overwrite: true);
            }
        }
    }

    /// <summary>
    /// Replaces the deployment's database and folders with a backup's. What was there is kept aside in
    /// <c>{data}/before-restore-{time}</c>; the search index is removed (the portal rebuilds it at start).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a WardCms backup, or its database is not one.</exception>
    public static (BackupManifest Manifest, string KeptAside) Restore(string zipPath, string databaseFile, string dataFolder,
        IReadOnlyDictionary<string, string> folders)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var staging = Path.Combine(dataFolder, "restoring-" + stamp);
        var aside = Path.Combine(dataFolder, "before-restore-" + stamp);
        BackupManifest manifest;
        try
        {
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"{zipPath} is not a WardCms backup (no {ManifestEntry}).");
                using (var stream = manifestEntry.Open())
                {
                    manifest = JsonSerializer.Deserialize<BackupManifest>(stream) ?? throw new InvalidDataException($"{ManifestEntry} is empty.");
                }
                if (zip.GetEntry(DatabaseEntry) is null)
                {
                    throw new InvalidDataException($"{zipPath} holds no database ({DatabaseEntry}).");
                }
                // Entries are extracted under the staging folder only (a "../" entry is refused by the framework).
                zip.ExtractToDirectory(staging);
            }
            CheckDatabase(Path.Combine(staging, DatabaseEntry));

            Directory.CreateDirectory(aside);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(databaseFile + suffix))
                {
                    File.Move(databaseFile + suffix, Path.Combine(aside, Path.GetFileName(databaseFile) + suffix));
                }
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
            File.Move(Path.Combine(staging, DatabaseEntry), databaseFile);
            foreach (var (name, folder) in folders)
            {
                if (Directory.Exists(folder))
                {
                    Directory.Move(folder, Path.Combine(aside, name));
                }
                var restored = Path.Combine(staging, name);
                if (Directory.Exists(restored))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(folder))!);
                    Directory.Move(restored, folder);
                }
            }
            var index = WardCms.Core.Search.LuceneSearchIndex.PathIn(dataFolder);
            if (Directory.Exists(index))
            {
                Directory.Move(index, Path.Combine(aside, "search-index"));
            }
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"The backup's database cannot be read: {ex.Message}", ex);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        return (manifest, aside);
    }

    // A WardCms database: it opens, passes SQLite's own check, and has been migrated and has a site.
    private static void CheckDatabase(string file)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        if (command.ExecuteScalar() as string != "ok")
        {
            throw new InvalidDataException("The backup's database fails SQLite's integrity check.");
        }
        command.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\"";
        var migrations = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "SELECT count(*) FROM \"Sites\"";
        var sites = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (migrations == 0 || sites == 0)
        {
            throw new InvalidDataException("The backup's database holds no WardCms site.");
        }
    }
}
