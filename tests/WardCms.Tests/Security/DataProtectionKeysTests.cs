using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Security;

/// <summary>
/// The keys that protect sign-in cookies (and antiforgery tokens, print links) are in the database:
/// the database alone, read by a new container of services that shares nothing else with the app (no
/// key files, no application path), opens the app's sign-in cookie. So a new container or a restored
/// backup keeps every session; with the keys in the user profile (before) it could not.
/// </summary>
public abstract class DataProtectionKeysTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task SignInCookie_IsOpenedByTheDatabasesKeyRingAlone()
    {
        var login = await factory.CreateBrowserClient().LoginAsync("admin", WardAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        // The cookie manager splits a large cookie into chunks: "chunks-N", then name + "C1" … "CN".
        var auth = cookies["wardcms.auth"] is var value && value.StartsWith("chunks-", StringComparison.Ordinal)
            ? string.Concat(Enumerable.Range(1, int.Parse(value["chunks-".Length..])).Select(i => cookies[$"wardcms.authC{i}"]))
            : value;

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWardData(factory.Services.GetRequiredService<DatabaseOptions>());
        services.AddDataProtection().SetApplicationName("WardCms").PersistKeysToDbContext<WardDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<WardDbContext>().DataProtectionKeys.AnyAsync());
        }
        var protector = provider.GetDataProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2");

        var ticket = new TicketDataFormat(protector).Unprotect(auth);

        Assert.Equal("admin", ticket?.Principal.Identity?.Name);
    }
}

public sealed class SqliteDataProtectionKeysTests(SqliteAppFactory f) : DataProtectionKeysTests<SqliteAppFactory>(f);

public sealed class PostgresDataProtectionKeysTests(PostgresAppFactory f) : DataProtectionKeysTests<PostgresAppFactory>(f);
