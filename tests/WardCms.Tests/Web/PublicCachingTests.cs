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
    public async Task SavedUnitName_ShowsOnTheNextRenderedPage_ThroughTheReadModel()
    {
        // Not a content event: only the save itself (the stamp's interceptor) can retire the read
        // model's copy of the article, which a new query string (a page-cache miss) still uses.
        var client = factory.CreateBrowserClient();
        var (url, unitId, oldName) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var row = await db.ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null)
                .Join(db.ContentVersions, i => i.PublishedVersionId, v => v.Id, (i, v) => new { i.PublishedSlug, v.UnitId })
                .Where(r => r.UnitId != null).OrderBy(r => r.PublishedSlug).FirstAsync();
            var unit = await db.Units.SingleAsync(u => u.Id == row.UnitId);
            return ("/cchc/" + row.PublishedSlug, unit.Id, unit.Name);
        });
        Assert.Contains($"<span>{oldName}</span>", System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(url + "?lan=1")), StringComparison.Ordinal);
        var readModel = factory.Services.GetRequiredService<WardCms.Web.Setup.PublicReadModel>();
        Assert.True(readModel.Count > 0);

        var newName = "Phòng thử nghiệm " + Guid.NewGuid().ToString("N")[..6];
        await RenameUnitAsync(unitId, newName);
        try
        {
            var html = await client.GetStringAsync(url + "?lan=2");
            // The article's byline (the unit's name may also be in the body's text).
            Assert.Contains($"<span>{newName}</span>", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            Assert.DoesNotContain($"<span>{oldName}</span>", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
        finally
        {
            await RenameUnitAsync(unitId, oldName);
        }
    }

    private Task RenameUnitAsync(int unitId, string name) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        (await db.Units.SingleAsync(u => u.Id == unitId)).Name = name;
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Stamp_ChangesWithSavesOfWhatPagesShow_AndNotWithCountsOrUnmoderatedFeedback()
    {
        var stamp = factory.Services.GetRequiredService<PublicContentStamp>();
        var client = factory.CreateBrowserClient();
        var (siteId, itemId, url) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedVersionId != null).OrderBy(i => i.Id).Skip(1).FirstAsync();
            return (item.SiteId, item.Id, "/cchc/" + item.PublishedSlug);
        });
        var comment = "Góp ý kiểm thử " + Guid.NewGuid().ToString("N")[..8];

        // A citizen's comment waiting for moderation, and a day's view count: no change to any page.
        var before = stamp.Value;
        var feedbackId = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var f = new WardCms.Core.Engagement.Feedback { SiteId = siteId, ContentItemId = itemId, Helpful = true, Comment = comment, CreatedUtc = DateTime.UtcNow };
            db.Add(f);
            db.Add(new WardCms.Core.Engagement.PageViewDaily { SiteId = siteId, ContentItemId = itemId, Day = new DateOnly(2001, 1, 1), Views = 3 });
            await db.SaveChangesAsync();
            return f.Id;
        });
        Assert.Equal(before, stamp.Value);
        Assert.DoesNotContain(comment, await client.GetStringAsync(url + "?lan=3"), StringComparison.Ordinal);

        // A moderator approves it: the stamp moves, and the next rendered page shows the comment.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            (await db.Set<WardCms.Core.Engagement.Feedback>().SingleAsync(f => f.Id == feedbackId)).Status = WardCms.Core.Engagement.FeedbackStatus.Approved;
            await db.SaveChangesAsync();
        });
        Assert.NotEqual(before, stamp.Value);
        Assert.Contains(comment, System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(url + "?lan=4")), StringComparison.Ordinal);

        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            db.Remove(await db.Set<WardCms.Core.Engagement.Feedback>().SingleAsync(f => f.Id == feedbackId));
            db.Remove(await db.Set<WardCms.Core.Engagement.PageViewDaily>().SingleAsync(v => v.ContentItemId == itemId && v.Day == new DateOnly(2001, 1, 1)));
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(comment, await client.GetStringAsync(url + "?lan=5"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveInATransaction_BumpsTheStampAgainWhenItCommits_AndNotWhenItRollsBack()
    {
        var stamp = factory.Services.GetRequiredService<PublicContentStamp>();
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var unit = await db.Units.OrderBy(u => u.Id).FirstAsync();
            var name = unit.Name;

            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                unit.Name = name + " (tạm)";
                var before = stamp.Value;
                await db.SaveChangesAsync();
                var afterSave = stamp.Value;
                Assert.True(afterSave > before);
                // A page loaded now still sees the old name under the new stamp: the commit must bump again.
                await tx.CommitAsync();
                Assert.True(stamp.Value > afterSave);
            }

            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                unit.Name = name;
                await db.SaveChangesAsync();
                var afterSave = stamp.Value;
                await tx.RollbackAsync();
                Assert.Equal(afterSave, stamp.Value);
            }
            // Rolled back: the database still holds the temporary name; put the original back.
            db.ChangeTracker.Clear();
            (await db.Units.SingleAsync(u => u.Id == unit.Id)).Name = name;
            await db.SaveChangesAsync();
        });
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
