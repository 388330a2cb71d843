using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Editorial;
using WardCms.Tests.Infrastructure;
using WardCms.Web.Pages.Content;

namespace WardCms.Tests.Web.Admin;

/// <summary>
/// Preview links (issue 17): an editor makes a link of a saved draft; anyone holding it reads that
/// version as citizens will, without signing in, on a page that is never cached or indexed and offers
/// no feedback or sharing; an altered link is a 404, an expired one or one whose item went to the
/// trash a 410 that says why. Handing one out is in the item's history.
/// </summary>
public abstract partial class ContentAdminTests<TFactory>
{
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().Add(shift);
    }

    [Fact]
    public async Task PreviewLink_ShowsTheDraftToAnyoneWithIt_UncachedAndUnindexed_AndStopsWhenAlteredExpiredOrTrashed()
    {
        var editor = await LoginAsync("editor1", WardAppFactory.StaffPassword);
        var slug = "xem-truoc-" + Unique();
        var id = await CreateAsync(editor, Article, Fields("Dự thảo lịch tiếp dân " + slug, "Nội dung **dự thảo** chờ lãnh đạo đọc.", slug));
        var share = $"/admin/content/share/{id}";

        var offer = await editor.GetStringAsync(share);
        Assert.Contains("Tạo liên kết xem trước", offer);
        var versionId = await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.LatestVersionId!.Value).FirstAsync());
        var made = await editor.PostFormAsync(share, share, [new("VersionId", versionId.ToString())]);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var page = WebUtility.HtmlDecode(await made.Content.ReadAsStringAsync());
        var url = new Uri(Regex.Match(page, "id=\"preview-link\" type=\"text\" readonly value=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith(PreviewLinks.PathPrefix, url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("data:image/svg+xml;base64,", page); // the QR code for a phone
        Assert.Equal(1, await CountAsync(db => db.Set<AuditEntry>().CountAsync(a => a.ContentItemId == id && a.Action == WorkflowAction.PreviewShared)));

        // Anyone with the link, signed in or not: the draft as the public page would show it.
        var reader = factory.CreateBrowserClient();
        for (var visit = 0; visit < 2; visit++)
        {
            var preview = await reader.GetAsync(url.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
            Assert.Contains("<h1>Dự thảo lịch tiếp dân " + slug + "</h1>", html);
            Assert.Contains("<strong>dự thảo</strong>", html);
            Assert.Contains("Bản xem trước, chưa xuất bản", html);
            Assert.DoesNotContain("Thông tin này có hữu ích không?", html);
            Assert.DoesNotContain("Chia sẻ Zalo", html);
            Assert.DoesNotContain("rel=\"canonical\"", html);
            Assert.Contains("no-store", preview.Headers.CacheControl!.ToString());
            Assert.Equal("noindex, nofollow", preview.Headers.GetValues("X-Robots-Tag").Single());
            Assert.Equal("no-referrer", preview.Headers.GetValues("Referrer-Policy").Single());
            Assert.NotEqual("HIT", preview.Headers.TryGetValues(WardCms.Web.Setup.PublicCaching.CacheHeader, out var cache) ? cache.Single() : "");
        }
        // Still a draft: the public address does not exist.
        var draftAddress = await reader.GetAsync($"/cchc/{slug}");
        Assert.True(draftAddress.StatusCode == HttpStatusCode.NotFound, await draftAddress.Content.ReadAsStringAsync());

        // Altered by one character: not ours.
        var token = url.AbsolutePath[PreviewLinks.PathPrefix.Length..];
        var altered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(PreviewLinks.PathPrefix + altered)).StatusCode);

        // Made eight days ago (the same keys, a clock moved back): expired, and the page says so.
        var siteId = await CountAsync(db => db.ContentItems.Where(i => i.Id == id).Select(i => i.SiteId).FirstAsync());
        var old = new PreviewLinks(factory.Services.GetRequiredService<IDataProtectionProvider>(), new ShiftedClock(TimeSpan.FromDays(-8)))
            .Create(siteId, id, versionId);
        var expired = await reader.GetAsync(old.Path);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("đã hết hạn", WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()));

        // To the trash: the link stops.
        var trash = await editor.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Trash", []);
        Assert.Equal(HttpStatusCode.Redirect, trash.StatusCode);
        var gone = await reader.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("thùng rác", WebUtility.HtmlDecode(await gone.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostFormAsync(share, share, [new("VersionId", versionId.ToString())])).StatusCode);
    }
}
