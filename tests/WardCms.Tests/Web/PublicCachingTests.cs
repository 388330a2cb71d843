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
    public async Task SecondAnonymousRequest_IsServedFromTheCache_WithTheSameBytes()
    {
        var client = factory.CreateBrowserClient();
        var url = "/cchc?lan=" + Guid.NewGuid().ToString("N");

        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);

        Assert.Equal("MISS", first.Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single());
        Assert.Equal("HIT", second.Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        // Security headers are on cached answers too.
        Assert.True(second.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task CachedPage_IsSentBrotliCompressedToClientsThatAskAndPlainToOthers()
    {
        var client = factory.CreateBrowserClient();
        var url = "/cchc?lan=" + Guid.NewGuid().ToString("N");
        var plain = await client.GetStringAsync(url);

        var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        req.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var compressed = await client.SendAsync(req);

        Assert.Equal("HIT", compressed.Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single());
        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < plain.Length / 2, $"{bytes.Length} compressed bytes for {plain.Length} characters");
        await using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(plain, await new StreamReader(brotli).ReadToEndAsync());
    }

    [Fact]
    public async Task ContentChange_RetiresTheCachedPage()
    {
        var client = factory.CreateBrowserClient();
        var url = "/cchc?lan=" + Guid.NewGuid().ToString("N");
        await client.GetAsync(url);
        Assert.Equal("HIT", (await client.GetAsync(url)).Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single());

        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null).OrderByDescending(i => i.Id).FirstAsync();
            await sp.GetRequiredService<ContentManager>().UnpublishAsync(item.Id, Actor.System);
            await sp.GetRequiredService<ContentManager>().PublishAsync(item.Id, Actor.System);
            return true;
        });

        Assert.Equal("MISS", (await client.GetAsync(url)).Headers.GetValues(WardCms.Web.Setup.PublicCaching.CacheHeader).Single());
    }

    [Fact]
    public async Task NotFound_IsNeverCached()
    {
        var client = factory.CreateBrowserClient();

        var first = await client.GetAsync("/cchc/khong-co-bai-nay");
        var second = await client.GetAsync("/cchc/khong-co-bai-nay");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(second.Headers.Contains(WardCms.Web.Setup.PublicCaching.CacheHeader));
        Assert.Contains("Không tìm thấy", await second.Content.ReadAsStringAsync());
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
        Assert.False(res.Headers.Contains(WardCms.Web.Setup.PublicCaching.CacheHeader));
    }
}

public sealed class SqlitePublicCachingTests(SqliteAppFactory f) : PublicCachingTests<SqliteAppFactory>(f);

public sealed class PostgresPublicCachingTests(PostgresAppFactory f) : PublicCachingTests<PostgresAppFactory>(f);
