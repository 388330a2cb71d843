using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Media;
using Microsoft.Extensions.Configuration;
using WardCms.Core.Recipes;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Recipes;

/// <summary>The recipe engine wired as the app wires it, on a fresh SQLite file or PostgreSQL database.</summary>
public sealed class RecipeTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _file;

    private RecipeTestHost(DatabaseOptions options, string? file)
    {
        _file = file;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWardData(options);
        services.AddContentEngine();
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
            }).AddRoles<StaffRole>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>().AddEntityFrameworkStores<WardDbContext>();
        services.AddRecipes();
        // The audit trail, as the app has it (the recipe audits what it publishes and takes down); no scheduler.
        services.AddEditorial(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WardCms:ScheduledPublishing:Enabled"] = "false" }).Build());
        // A recipe's media step puts its files in the library (in a folder of this host's own).
        services.AddMedia(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{WardCms.Core.Media.MediaOptions.SectionName}:{nameof(WardCms.Core.Media.MediaOptions.RootPath)}"] = Path.Combine(Path.GetTempPath(), "wardcms-recipe-media-" + Guid.NewGuid().ToString("N")),
        }).Build());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static Task<RecipeTestHost> SqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wardcms-recipes-{Guid.NewGuid():N}.db");
        return CreateAsync(new DatabaseOptions(DatabaseProvider.Sqlite, DatabaseOptions.SqliteConnectionString(file), Path.GetTempPath()), file);
    }

    public static Task<RecipeTestHost> PostgresAsync() =>
        CreateAsync(new DatabaseOptions(DatabaseProvider.Postgres, TestPostgres.CreateDatabase("rcp"), Path.GetTempPath()), null);

    private static async Task<RecipeTestHost> CreateAsync(DatabaseOptions options, string? file)
    {
        var host = new RecipeTestHost(options, file);
        await host.WithDbAsync(async db =>
        {
            await db.MigrateAsync();
            return true;
        });
        return host;
    }

    /// <summary>Each apply runs in its own scope, as a command-line run or a request would.</summary>
    public async Task<RecipeResult> ApplyAsync(string json)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeApplier>().ApplyAsync(json);
    }

    public async Task<RecipeResult> ApplyFileAsync(string name)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeApplier>().ApplyFileAsync(RepoFile("recipes", name));
    }

    public async Task<RecipeValidation> ValidateAsync(string json, string? folder = null)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeValidator>().ValidateAsync(json, folder);
    }

    public async Task<T> WithDbAsync<T>(Func<WardDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WardDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Row counts of every table a recipe writes: equal counts before and after mean nothing was applied.</summary>
    public Task<string> CountRowsAsync() => WithDbAsync(async db =>
        string.Join(", ",
            $"sites={await db.Sites.CountAsync()}",
            $"units={await db.Units.CountAsync()}",
            $"roles={await db.Roles.CountAsync()}",
            $"roleClaims={await db.RoleClaims.CountAsync()}",
            $"users={await db.Users.CountAsync()}",
            $"userRoles={await db.UserRoles.CountAsync()}",
            $"types={await db.ContentTypes.CountAsync()}",
            $"taxonomies={await db.Taxonomies.CountAsync()}",
            $"terms={await db.Terms.CountAsync()}",
            $"plans={await db.Plans.CountAsync()}",
            $"tasks={await db.PlanTasks.CountAsync()}",
            $"items={await db.ContentItems.CountAsync()}",
            $"versions={await db.ContentVersions.CountAsync()}",
            $"itemTerms={await db.ContentItemTerms.CountAsync()}",
            $"itemTasks={await db.ContentItemPlanTasks.CountAsync()}"));

    public static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WardCms.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine([dir?.FullName ?? throw new InvalidOperationException("WardCms.sln not found above the test folder."), .. parts]);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
