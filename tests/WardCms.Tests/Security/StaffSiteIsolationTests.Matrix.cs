using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Security;

/// <summary>
/// The isolation matrix, generated from the app's own endpoints: every admin and API route that
/// answers GET × every role × own site / other site. On its own site no staff request is a server
/// error or a sign-in prompt; the same cookies on the other site's host are no session there; and the
/// other site's own administrator and leader, asking for every id this site owns, are answered 404.
/// A route added later is in the matrix without anyone writing it down.
/// </summary>
public abstract partial class StaffSiteIsolationTests<TFactory>
{
    private const string OtherAdmin = "admin-khac";

    private sealed record MatrixRoute(string Pattern, RoutePattern Route, bool Anonymous)
    {
        public bool NeedsValues => Route.Parameters.Any(p => !p.IsOptional && p.Default is null);

        public bool TakesValues => Route.Parameters.Count > 0;
    }

    private IReadOnlyList<MatrixRoute> AdminAndApiGetRoutes()
    {
        var routes = new List<MatrixRoute>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // Razor pages' routes come from their folders ("Admin/Content/Edit"); links are lower case.
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/').ToLowerInvariant();
            // Razor pages carry no method metadata: they answer GET (or say 405 themselves).
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if ((pattern.StartsWith("/admin", StringComparison.Ordinal) || pattern.StartsWith("/api/", StringComparison.Ordinal))
                && (methods is null || methods.Contains("GET")) && !pattern.EndsWith("/index", StringComparison.Ordinal))
            {
                routes.Add(new MatrixRoute(pattern, endpoint.RoutePattern, endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null));
            }
        }
        var distinct = routes.DistinctBy(r => r.Pattern).OrderBy(r => r.Pattern, StringComparer.Ordinal).ToList();
        Assert.True(distinct.Count >= 30, $"only {distinct.Count} admin/API GET routes found: " + string.Join(", ", distinct.Select(r => r.Pattern)));
        return distinct;
    }

    /// <summary>
    /// The route with its values filled: ids from <paramref name="ids"/> (numbers or strings by constraint),
    /// formats and dates plausible; optional values left out unless <paramref name="optional"/> (an edit
    /// page's "{id?}": without it the page makes a new item).
    /// </summary>
    private static IEnumerable<string> Fill(MatrixRoute route, IReadOnlyList<int> ids, IReadOnlyList<string> userIds, bool optional = false)
    {
        IEnumerable<string> paths = [""];
        foreach (var segment in route.Route.PathSegments)
        {
            var options = new List<string>();
            foreach (var path in paths)
            {
                var parts = new List<string> { "" };
                foreach (var part in segment.Parts)
                {
                    List<string> values = part switch
                    {
                        RoutePatternLiteralPart l => [l.Content.ToLowerInvariant()],
                        RoutePatternSeparatorPart s => [s.Content],
                        RoutePatternParameterPart p when !optional && (p.IsOptional || p.Default is not null) => [""],
                        RoutePatternParameterPart { Name: "format" } => ["docx"],
                        RoutePatternParameterPart { Name: "year" } => ["2025"],
                        RoutePatternParameterPart { Name: "month" } => ["5"],
                        RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "int") => ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                        RoutePatternParameterPart => [.. userIds],
                        _ => [""],
                    };
                    parts = parts.SelectMany(prefix => values.Select(v => prefix + v)).ToList();
                }
                options.AddRange(parts.Select(p => p.Length == 0 ? path : path + "/" + p));
            }
            paths = options;
        }
        return paths.Select(p => p.Length == 0 ? "/" : p).Distinct();
    }

    private async Task EnsureOtherAdminAsync()
    {
        await EnsureOtherSiteAsync();
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByNameAsync(OtherAdmin) is not null)
            {
                return;
            }
            var db = sp.GetRequiredService<WardDbContext>();
            var site = await db.Sites.SingleAsync(s => s.Key == "phuong-khac");
            var admin = new StaffUser { UserName = OtherAdmin, FullName = "Quản trị phường khác", SiteId = site.Id, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(admin, WardAppFactory.StaffPassword)).Succeeded);
            var roles = await users.GetRolesAsync((await users.FindByNameAsync("admin"))!);
            Assert.True((await users.AddToRolesAsync(admin, roles)).Succeeded);
        });
    }

    /// <summary>Up to a few ids of every entity this site owns (content, plans, bulletins, media, feedback…).</summary>
    private Task<(List<int> Ids, List<string> UserIds)> OwnIdsAsync(int siteId) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var ids = new SortedSet<int>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.FindProperty(WardDbContext.SiteKey) is not null && e.FindPrimaryKey()?.Properties is [{ ClrType: var key }] && key == typeof(int)))
        {
            var table = entity.GetTableName();
            var idColumn = entity.FindPrimaryKey()!.Properties[0].GetColumnName();
            // Table and column names come from the model, not from input.
            var sql = "SELECT \"" + idColumn + "\" AS \"Value\" FROM \"" + table + "\" WHERE \"SiteId\" = {0} ORDER BY \"" + idColumn + "\" DESC LIMIT 3";
            var found = await db.Database.SqlQueryRaw<int>(sql, siteId).ToListAsync();
            ids.UnionWith(found);
        }
        var userIds = await db.Users.Where(u => u.SiteId == siteId).OrderBy(u => u.UserName).Select(u => u.Id).Take(2).ToListAsync();
        return (ids.ToList(), userIds);
    });

    private HttpClient Signed(string host, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri($"http://{host}") });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private async Task<string> CookieOfAsync(string user, string password, string? host = null)
    {
        var login = await Client(host).LoginAsync(user, password);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"{user} could not sign in on {host ?? "localhost"}: {login.StatusCode}");
        return string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    [Fact]
    public async Task Matrix_EveryAdminAndApiRoute_EveryRole_OwnSiteAndOtherSite()
    {
        await EnsureOtherAdminAsync();
        var routes = AdminAndApiGetRoutes();
        var here = await SiteIdAsync("hai-ba-trung");
        var (ids, userIds) = await OwnIdsAsync(here);
        Assert.True(ids.Count >= 10, $"only {ids.Count} ids of this site");
        var failures = new List<string>();

        // 1. This site's staff, every role, on this site: never a server error, never asked to sign in.
        var staff = new List<(string User, string Cookie)> { ("admin", await CookieOfAsync("admin", WardAppFactory.AdminPassword)) };
        foreach (var (user, _, _) in TestStaff.Accounts)
        {
            staff.Add((user, await CookieOfAsync(user, WardAppFactory.StaffPassword)));
        }
        foreach (var (user, cookie) in staff)
        {
            var client = Signed("localhost", cookie);
            foreach (var route in routes.Where(r => !r.NeedsValues))
            {
                var path = Fill(route, ids, userIds).First();
                var response = await client.GetAsync(path);
                if ((int)response.StatusCode >= 500 || response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true)
                {
                    failures.Add($"own site, {user}: GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        // 2. The same cookies on the other site's host: no session there, on every route that needs one
        // (a page asks to sign in, an endpoint answers 401).
        foreach (var (user, cookie) in staff.Where(s => s.User is "admin" or "leader1"))
        {
            var client = Signed(OtherHost, cookie);
            foreach (var route in routes.Where(r => !r.Anonymous))
            {
                foreach (var path in Fill(route, ids.Take(2).ToList(), userIds.Take(1).ToList()))
                {
                    var response = await client.GetAsync(path);
                    var refused = response.StatusCode == HttpStatusCode.Unauthorized
                        || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase);
                    if (!refused)
                    {
                        failures.Add($"{user}'s cookie on the other site: GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
                    }
                }
            }
        }

        // 3. The other site's administrator and leader, signed in there, asking for this site's ids: 404.
        foreach (var user in new[] { OtherAdmin, OtherLeader })
        {
            var client = Signed(OtherHost, await CookieOfAsync(user, WardAppFactory.StaffPassword, OtherHost));
            foreach (var route in routes.Where(r => r.TakesValues))
            {
                foreach (var path in Fill(route, ids, userIds, optional: true))
                {
                    var response = await client.GetAsync(path);
                    // 404; or, for a page the role may not open at all, the sign-in cookie's "access denied" page.
                    var denied = response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location!.OriginalString.StartsWith("http://" + OtherHost + "/account/denied", StringComparison.OrdinalIgnoreCase);
                    if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden) && !denied)
                    {
                        failures.Add($"{user} on the other site: GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failure(s) in the matrix of {routes.Count} routes:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>
    /// Every row this site owns (its site-keyed tables) and every row of the tables that hang off them,
    /// as text: equal before and after means nothing of this site changed. Page-view counts, audit
    /// entries, the outbox and the key ring change on their own and are left out.
    /// </summary>
    private Task<string> FingerprintAsync(int siteId) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        string[] skipped = ["PageViewDaily", "AuditEntry", "SearchIndexingTask", "DataProtectionKey"];
        var text = new System.Text.StringBuilder();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned() && !skipped.Contains(e.ClrType.Name)).OrderBy(e => e.Name))
            {
                await using var command = connection.CreateCommand();
                var keyed = entity.FindProperty(WardDbContext.SiteKey) is not null;
                command.CommandText = "SELECT * FROM \"" + entity.GetTableName() + "\"" + (keyed ? " WHERE \"SiteId\" = " + siteId : "");
                await using var reader = await command.ExecuteReaderAsync();
                // Rows sorted here, as text: ORDER BY a first column that ties (a join table's) leaves
                // PostgreSQL free to return the tied rows in another order each time.
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    var row = new System.Text.StringBuilder();
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        row.Append(reader.IsDBNull(c) ? "∅" : Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)!.Replace("\n", "\\n", StringComparison.Ordinal)).Append('|');
                    }
                    rows.Add(row.ToString());
                }
                rows.Sort(StringComparer.Ordinal);
                text.Append('\u0001').Append(entity.GetTableName()).Append('\n');
                foreach (var row in rows)
                {
                    text.Append(row).Append('\n');
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return text.ToString();
    });

    /// <summary>
    /// The admin's POST handlers that act on something existing (a route or form value naming an id),
    /// generated from the page models: the other site's administrator sends each with every id this
    /// site owns (a valid antiforgery token of its own session). None is a server error, and not one
    /// row of this site changes.
    /// </summary>
    [Fact]
    public async Task Matrix_EveryAdminPostHandlerActingOnAnId_FromTheOtherSite_ChangesNothingHere()
    {
        await EnsureOtherAdminAsync();
        var here = await SiteIdAsync("hai-ba-trung");
        // Something waiting for each kind of action: a citizen's comment to moderate.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.Where(i => i.SiteId == here && i.PublishedVersionId != null).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            db.Add(new WardCms.Core.Engagement.Feedback { SiteId = here, ContentItemId = item, Helpful = true, Comment = "Ý kiến chờ duyệt (kiểm thử ma trận)", CreatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var (ids, userIds) = await OwnIdsAsync(here);
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.DisplayName?.StartsWith("/Admin/", StringComparison.Ordinal) == true)
            .GroupBy(e => e.DisplayName!).ToDictionary(g => g.Key, g => g.First().RoutePattern);
        var handlers = new List<(string Page, RoutePattern Route, string Handler, System.Reflection.ParameterInfo[] Parameters)>();
        foreach (var type in typeof(WardCms.Web.Setup.PublicCaching).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)) && t.Namespace?.StartsWith("WardCms.Web.Pages.Admin", StringComparison.Ordinal) == true))
        {
            // A page model's namespace and name are its page's path: WardCms.Web.Pages.Admin.Content.EditModel is /Admin/Content/Edit.
            var page = "/" + type.Namespace!["WardCms.Web.Pages.".Length..].Replace('.', '/') + "/" + type.Name[..^"Model".Length];
            if (!pages.TryGetValue(page, out var route))
            {
                continue;
            }
            foreach (var method in type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var parameters = method.GetParameters();
                if (parameters.Any(p => p.Name!.EndsWith("id", StringComparison.OrdinalIgnoreCase)) || route.Parameters.Count > 0)
                {
                    var name = method.Name["OnPost".Length..];
                    handlers.Add((page, route, name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name, parameters));
                }
            }
        }
        Assert.True(handlers.Count >= 25, $"only {handlers.Count} POST handlers found");
        Assert.Contains(handlers, h => h.Page == "/Admin/Feedback/Index" && h.Handler == "Hide");

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{OtherHost}") });
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(OtherAdmin, WardAppFactory.StaffPassword)).StatusCode);
        var token = await client.GetAntiforgeryTokenAsync("/admin/tokens");
        var before = await FingerprintAsync(here);
        var failures = new List<string>();
        var sent = 0;
        foreach (var (page, route, handler, parameters) in handlers)
        {
            foreach (var id in ids)
            {
                var path = Fill(new MatrixRoute(page, route, false), [id], userIds.Take(1).ToList(), optional: true).First();
                var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
                foreach (var parameter in parameters.Where(p => p.ParameterType != typeof(CancellationToken)))
                {
                    var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                    var value = type == typeof(int) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : type == typeof(bool) ? "true"
                        : type == typeof(string) && parameter.Name!.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? userIds[0]
                        : type == typeof(string) ? (parameter.Name == "direction" ? "up" : "kiểm thử")
                        : type == typeof(int[]) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : null;
                    if (value is not null)
                    {
                        form.Add(new(parameter.Name!, value));
                    }
                }
                var url = path + (handler.Length > 0 ? "?handler=" + handler : "");
                var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"POST {url} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} POSTs failed:\n" + string.Join("\n", failures.Take(40)));
        var after = await FingerprintAsync(here);
        if (before != after)
        {
            // Per table, the rows only before and only after (a row added twice counts twice).
            static Dictionary<string, List<string>> Tables(string text) => text.Split('\u0001', StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(t => t[..t.IndexOf('\n')], t => t[(t.IndexOf('\n') + 1)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
            var (was, now) = (Tables(before), Tables(after));
            var changed = new List<string>();
            foreach (var table in was.Keys.Union(now.Keys))
            {
                var gone = was.GetValueOrDefault(table, []).ToList();
                var added = new List<string>();
                foreach (var row in now.GetValueOrDefault(table, []))
                {
                    if (!gone.Remove(row))
                    {
                        added.Add(row);
                    }
                }
                changed.AddRange(gone.Take(5).Select(r => $"{table} − {r}").Concat(added.Take(5).Select(r => $"{table} + {r}")));
            }
            Assert.Fail($"{sent} POSTs from the other site changed this site's rows:\n" + string.Join("\n", changed.Take(30)));
        }
    }
}
