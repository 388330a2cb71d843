using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Security;

namespace WardCms.Web.Setup;

public sealed record FirstRunOptions(IReadOnlyList<string> DefaultRecipes, string AdminUserName, string? AdminPassword, string RecipesFolder);

/// <summary>
/// On start: migrate the schema; on a new database apply the default recipes and create the
/// administrator, printing where and how to log in.
/// </summary>
public static class FirstRunSetup
{
    public static IServiceCollection AddFirstRunSetup(this IServiceCollection services, IConfiguration config)
    {
        var recipes = config.GetSection("WardCms:DefaultRecipes").Get<string[]>() ?? ["hai-ba-trung.recipe.json", "demo-content.recipe.json"];
        var folder = config["WardCms:RecipesFolder"] is { Length: > 0 } f ? f : Path.Combine(AppContext.BaseDirectory, "recipes");
        services.AddSingleton(new FirstRunOptions(recipes, config["WARDCMS_ADMIN_USER"] ?? "admin", config["WARDCMS_ADMIN_PASSWORD"], folder));
        return services;
    }

    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WardDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("WardCms.Setup");
        await db.MigrateAsync(ct);
        if (await db.Sites.AnyAsync(ct))
        {
            return;
        }
        var options = sp.GetRequiredService<FirstRunOptions>();
        var applier = sp.GetRequiredService<WardCms.Core.Recipes.RecipeApplier>();
        foreach (var name in options.DefaultRecipes.Where(n => n.Length > 0))
        {
            var path = Path.IsPathRooted(name) ? name : Path.Combine(options.RecipesFolder, name);
            log.LogInformation("Applying recipe {Recipe}", path);
            await applier.ApplyFileAsync(path, ct);
        }
        if (await db.Sites.AnyAsync(ct))
        {
            await EnsureAdministratorAsync(sp, options, ct);
        }
    }

    public static async Task EnsureAdministratorAsync(IServiceProvider sp, FirstRunOptions options, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var db = sp.GetRequiredService<WardDbContext>();
        if (await users.FindByNameAsync(options.AdminUserName) is not null)
        {
            return;
        }
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync(ct);
        var generated = options.AdminPassword is null;
        var password = options.AdminPassword ?? GeneratePassword();
        var admin = new StaffUser
        {
            UserName = options.AdminUserName,
            FullName = "Quản trị hệ thống",
            SiteId = site.Id,
            IsActive = true,
            CreatedUtc = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the administrator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, "admin");
        Console.WriteLine();
        Console.WriteLine("  WardCms is set up. Log in to the admin at /admin with:");
        Console.WriteLine($"    user name: {options.AdminUserName}");
        Console.WriteLine(generated
            ? $"    password:  {password}   (generated now; shown only once — change it after logging in)"
            : "    password:  the one in WARDCMS_ADMIN_PASSWORD");
        Console.WriteLine();
    }

    // No look-alike characters: people type this from a terminal.
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        chars[5] = (char)('2' + RandomNumberGenerator.GetInt32(8)); // Identity wants a digit
        return new string(chars);
    }
}
