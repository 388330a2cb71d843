using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web.Admin;

public abstract class SitePageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string NoticeType = """
        {
          // A type made only of existing parts: no code change needed.
          "name": "Thông báo", "site": "hai-ba-trung",
          "steps": [ { "step": "contentTypes", "contentTypes": [
            { "name": "ThongBao", "displayName": "Thông báo", "order": 9,
              "settings": { "slugPattern": "/thong-bao/{slug}", "sectionTitle": "Thông báo", "channel": "portal", "hasReview": false },
              "parts": [ { "name": "common" }, { "name": "route" }, { "name": "topics" } ] } ] } ]
        }
        """;

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string json)
    {
        var token = await client.GetAntiforgeryTokenAsync("/admin/settings");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "recipe", "cong-thuc.json");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync("/admin/settings", form);
    }

    [Fact]
    public async Task InvalidRecipe_Is400_NamesThePath_AndChangesNothing()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.CountAsync());
        var res = await UploadAsync(client, NoticeType.Replace("\"topics\"", "\"khong-co-phan-nay\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("$.steps[0].contentTypes[0].parts[2].name", html);
        Assert.Contains("không có gì thay đổi", html);
        Assert.Equal(before, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.CountAsync()));
    }

    [Fact]
    public async Task ValidRecipe_AddsAType_ThatTheAdminListsAtOnce()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("admin", WardAppFactory.AdminPassword);
        var res = await UploadAsync(client, NoticeType);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("Đã áp dụng “Thông báo”", html);
        Assert.Contains("/thong-bao/{slug}", html);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentTypes.AnyAsync(t => t.Name == "ThongBao")));
    }

    [Fact]
    public async Task SystemPage_IsForAdministratorsOnly()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("leader1", WardAppFactory.StaffPassword);
        var res = await client.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.StartsWith("/account/denied", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteSitePageTests(SqliteAppFactory f) : SitePageTests<SqliteAppFactory>(f);

public sealed class PostgresSitePageTests(PostgresAppFactory f) : SitePageTests<PostgresAppFactory>(f);
