using Microsoft.AspNetCore.Identity;
using WardCms.Core.Recipes;
using WardCms.Core.Search;
using WardCms.Core.Security;
using WardCms.Web.Setup;

namespace WardCms.Web.Cli;

/// <summary>The application's own verbs, reached through `./wardcms VERB …`.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["recipe", "migrate", "admin", "search", "help"];

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
                await app.Services.PrepareDatabaseAsync(ct);
                using (var scope = app.Services.CreateScope())
                {
                    var applier = scope.ServiceProvider.GetRequiredService<RecipeApplier>();
                    try
                    {
                        await using var stream = File.OpenRead(file);
                        await applier.ApplyAsync(stream, ct);
                    }
                    catch (RecipeValidationException ex)
                    {
                        Console.Error.WriteLine($"Công thức {file} chưa được áp dụng, không có gì thay đổi. Các lỗi:");
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
                Console.WriteLine($"Đã áp dụng công thức {file}.");
                return 0;
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
            default:
                Console.WriteLine("""
                    WardCms commands:
                      recipe apply FILE          validate and apply a recipe (all or nothing)
                      migrate                    create or upgrade the database
                      admin reset-password USER  set a new password (WARDCMS_ADMIN_PASSWORD or generated)
                      search rebuild             rebuild the search index of every site from published content
                    """);
                return args is ["help"] ? 0 : 2;
        }
    }
}
