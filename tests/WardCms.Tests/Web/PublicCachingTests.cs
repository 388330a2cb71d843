using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Web;

public abstract class PublicCachingTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    [Fact]
    public async Task AnonymousPage_IsCompressedAndRevalidatedWithAWeakETag()
    {
        var client = factory.CreateBrowserClient();
        var req = new HttpRequestMessage(HttpMethod.Get, "/cchc");
        req.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var first = await client.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("br", first.Content.Headers.ContentEncoding);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag!.IsWeak);

        var again = new HttpRequestMessage(HttpMethod.Get, "/cchc");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Unpublishing_ShowsAtOnce_DespiteTheCache()
    {
        var client = factory.CreateBrowserClient();
        var (id, url, title, oldEtag) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null).OrderBy(i => i.Id).FirstAsync();
            return (item.Id, "/cchc/" + item.PublishedSlug, item.Title, "");
        });
        var before = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var listing = await client.GetStringAsync("/cchc?trang=1");
        var etag = before.Headers.ETag!;

        await factory.WithScopeAsync(sp => sp.GetRequiredService<ContentManager>().UnpublishAsync(id, Actor.System));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(etag);
        Assert.NotEqual(HttpStatusCode.NotModified, (await client.SendAsync(stale)).StatusCode);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<ContentManager>().PublishAsync(id, Actor.System));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task StaffWithACookie_AreNeverServedFromTheCache()
    {
        var anonymous = factory.CreateBrowserClient();
        await anonymous.GetAsync("/");
        var staff = factory.CreateBrowserClient();
        await staff.LoginAsync("admin", WardAppFactory.AdminPassword);
        var res = await staff.GetAsync("/");
        Assert.Null(res.Headers.ETag);
    }
}

public sealed class SqlitePublicCachingTests(SqliteAppFactory f) : PublicCachingTests<SqliteAppFactory>(f);

public sealed class PostgresPublicCachingTests(PostgresAppFactory f) : PublicCachingTests<PostgresAppFactory>(f);
