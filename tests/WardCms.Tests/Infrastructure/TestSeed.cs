using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Tests.Infrastructure;

/// <summary>Staff accounts of every role, one per role, used by the integration and E2E tests.</summary>
public static class TestStaff
{
    public static readonly IReadOnlyList<(string User, string Role, string Unit)> Accounts =
    [
        ("editor1", "editor", "vhxh"),
        ("editor2", "editor", "kthtdt"),
        ("reviewer1", "reviewer", "vhxh"),
        ("leader1", "leader", "vhxh"),
        ("radio1", "radio", "vhxh"),
    ];

    public static async Task EnsureAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WardDbContext>();
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        foreach (var (name, role, unitKey) in Accounts)
        {
            if (await users.FindByNameAsync(name) is not null)
            {
                continue;
            }
            var unit = await db.Units.FirstAsync(u => u.SiteId == site.Id && u.Key == unitKey);
            var user = new StaffUser { UserName = name, FullName = $"Cán bộ {name}", SiteId = site.Id, UnitId = unit.Id, CreatedUtc = DateTime.UtcNow };
            var created = await users.CreateAsync(user, WardAppFactory.StaffPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, role);
        }
    }
}
