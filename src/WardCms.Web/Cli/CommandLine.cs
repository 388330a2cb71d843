using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using WardCms.Core.Data;
using WardCms.Core.Media;
using WardCms.Core.Recipes;
using WardCms.Core.Search;
using WardCms.Core.Security;
using WardCms.Web.Setup;

namespace WardCms.Web.Cli;

/// <summary>The application's own verbs, reached through `./wardcms VERB …`.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["recipe", "migrate", "admin", "search", "site", "backup", "restore", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var ct = CancellationToken.None;
        switch (args)
        {
            case ["migrate"]:
                await app.Services.PrepareDatabaseAsync(ct);
                Console.WriteLine("Database is up to date.");
                return 0;
            case ["recipe", "apply", var file]:
                return await WithRecipeAsync(app, file, $"Công thức {file} chưa được áp dụng", async (recipes, path) =>
                {
                    await recipes.ApplyFileAsync(path, ct);
                    return $"Đã áp dụng công thức {file}.";
                }, ct);
            case ["admin", "reset-password", var user]:
                await app.Services.PrepareDatabaseAsync(ct);
                using (var scope = app.Services.CreateScope())
                {
                    var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
                    var staff = await users.FindByNameAsync(user);
                    if (staff is null)
                    {
                        Console.Error.WriteLine($"No user named {user}.");
                        return 2;
                    }
                    var password = Environment.GetEnvironmentVariable("WARDCMS_ADMIN_PASSWORD") ?? FirstRunSetup.GeneratePassword();
                    var token = await users.GeneratePasswordResetTokenAsync(staff);
                    var result = await users.ResetPasswordAsync(staff, token, password);
                    await users.SetLockoutEndDateAsync(staff, null);
                    if (!result.Succeeded)
                    {
                        Console.Error.WriteLine(string.Join("; ", result.Errors.Select(e => e.Description)));
                        return 2;
                    }
                    Console.WriteLine($"New password for {user}: {password}");
                    // The way back for an administrator who lost the phone and the recovery codes.
                    if (await users.GetTwoFactorEnabledAsync(staff))
                    {
                        await users.SetTwoFactorEnabledAsync(staff, false);
                        await users.ResetAuthenticatorKeyAsync(staff);
                        Console.WriteLine("Two-step sign-in was on for this account; it is now off. Sign in with the new password and turn it on again at /account/two-step.");
                    }
                }
                return 0;
            case ["search", "rebuild"]:
                await app.Services.PrepareDatabaseAsync(ct);
                {
                    var (sites, queued) = await app.Services.GetRequiredService<SearchOutbox>().RebuildOrQueueAsync(ct);
                    if (queued)
                    {
                        Console.WriteLine($"The portal is running and holds the search index: it rebuilds {sites.Count} site(s) within seconds.");
                        return 0;
                    }
                    foreach (var site in sites)
                    {
                        Console.WriteLine($"Site {site.SiteKey}: {site.Documents} published items indexed.");
                    }
                    Console.WriteLine($"Search index rebuilt: {sites.Sum(c => c.Documents)} items in {sites.Count} site(s).");
                }
                return 0;
            case ["site", "add", "--recipe", var recipe, "--host", var host]:
                return await AddSiteAsync(app, CallerPath(recipe), host, ct);
            case ["site", "add", "--recipe", var recipe]:
                return await AddSiteAsync(app, CallerPath(recipe), null, ct);
            case ["backup", var file]:
                return Backup(app, CallerPath(file));
            case ["restore", var file]:
                return Restore(app, CallerPath(file));
            default:
                Console.WriteLine("""
                    WardCms commands:
                      recipe apply FILE          validate and apply a recipe (all or nothing)
                      migrate                    create or upgrade the database
                      admin reset-password USER  set a new password (WARDCMS_ADMIN_PASSWORD or generated)
                      search rebuild             rebuild the search index of every site from published content
                      site add --recipe FILE [--host NAME]
                                                 a new site from a recipe, in one transaction, answering on NAME
                      backup FILE.zip            SQLite: the database (a consistent copy, also while the portal runs) and the media
                      restore FILE.zip           SQLite, portal stopped: put a backup in place (what was there is kept aside)
                    """);
                return args is ["help"] ? 0 : 2;
        }
    }

    private static Task<int> AddSiteAsync(WebApplication app, string file, string? host, CancellationToken ct) =>
        WithRecipeAsync(app, file, $"Chưa tạo trang từ {file}", async (recipes, path) =>
        {
            var result = await recipes.AddSiteAsync(await File.ReadAllTextAsync(path, ct), host, ct, Path.GetDirectoryName(Path.GetFullPath(path)));
            return $"Đã tạo trang {result.SiteKey} từ {file}{(host is null ? "" : $", địa chỉ {host}")}.\n{result}";
        }, ct);

    /// <summary>Applies a recipe file one way or another (given its path): all or nothing, its errors listed when refused.</summary>
    private static async Task<int> WithRecipeAsync(WebApplication app, string file, string refused, Func<RecipeApplier, string, Task<string>> apply, CancellationToken ct)
    {
        await app.Services.PrepareDatabaseAsync(ct);
        using var scope = app.Services.CreateScope();
        try
        {
            Console.WriteLine(await apply(scope.ServiceProvider.GetRequiredService<RecipeApplier>(), file));
            return 0;
        }
        catch (RecipeValidationException ex)
        {
            Console.Error.WriteLine($"{refused}, không có gì thay đổi. Các lỗi:");
            foreach (var e in ex.Errors)
            {
                Console.Error.WriteLine($"  {e}");
            }
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"Không tìm thấy tệp công thức: {file}");
            return 2;
        }
    }

    // `./wardcms` runs the app from its build folder: a relative path means the caller's folder.
    private static string CallerPath(string file) =>
        Path.GetFullPath(file, Environment.GetEnvironmentVariable("WARDCMS_CALLER_DIR") is { Length: > 0 } dir ? dir : Environment.CurrentDirectory);

    private static (string DatabaseFile, Dictionary<string, string> Folders)? SqliteDeployment(WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine("This deployment runs on PostgreSQL: back it up with pg_dump and copy the media and radio-audio folders (docs/operations.md).");
            return null;
        }
        // The folders as the services that write them resolved them.
        var folders = new Dictionary<string, string>
        {
            ["media"] = ((LocalDiskMediaStore)app.Services.GetRequiredService<IMediaStore>()).RootPath,
            ["radio-audio"] = app.Services.GetRequiredService<WardCms.Core.Radio.BulletinAudio>().Folder,
        };
        return (new SqliteConnectionStringBuilder(database.ConnectionString).DataSource, folders);
    }

    private static int Backup(WebApplication app, string file)
    {
        if (SqliteDeployment(app) is not var (database, folders))
        {
            return 2;
        }
        if (!File.Exists(database))
        {
            Console.Error.WriteLine($"No database at {database}: nothing to back up.");
            return 2;
        }
        var manifest = DeploymentBackup.Backup(database, folders, file);
        Console.WriteLine($"Backup written to {file}: the database and {manifest.Files} file(s), {manifest.Bytes / 1024.0 / 1024.0:0.0} MB before compression.");
        return 0;
    }

    private static int Restore(WebApplication app, string file)
    {
        if (SqliteDeployment(app) is not var (database, folders))
        {
            return 2;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"No backup at {file}.");
            return 2;
        }
        var data = app.Services.GetRequiredService<DatabaseOptions>().DataFolder;
        // The running portal holds the search index's process lock: replacing its database under it would lose writes.
        if (LuceneSearchIndex.IsHeld(LuceneSearchIndex.PathIn(data)))
        {
            Console.Error.WriteLine("The portal is running (it holds the search index): stop it, then restore.");
            return 2;
        }
        try
        {
            var (manifest, aside) = DeploymentBackup.Restore(file, database, data, folders);
            Console.WriteLine($"Restored the backup made {manifest.CreatedUtc:yyyy-MM-dd HH:mm} UTC ({manifest.Files} file(s)). " +
                $"What was here is kept in {aside}. Start the portal: it rebuilds the search index.");
            return 0;
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"Nothing was changed: {ex.Message}");
            return 2;
        }
    }
}
