using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Media;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;
using WardCms.Tests.Media;

namespace WardCms.Tests.Web;

/// <summary>The media library through the real endpoints and pages, on each database provider.</summary>
public abstract class MediaLibraryTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private static readonly Lazy<byte[]> SmallJpeg = new(() => MediaSamples.VipsImage(400, 300, "jpg", "[Q=80]"));

    private string MediaFolder => Path.Combine(factory.DataFolder, "media");

    private async Task<HttpClient> LoggedInAsync(string user = "editor1", string? password = null)
    {
        var client = factory.CreateBrowserClient();
        var login = await client.LoginAsync(user, password ?? WardAppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, IEnumerable<(string Name, byte[] Bytes)> files, bool tokenInHeader = true, string? token = null, params (string Name, string Value)[] fields)
    {
        token ??= await client.GetAntiforgeryTokenAsync("/admin/media");
        var form = new MultipartFormDataContent();
        if (!tokenInHeader)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            // Browsers claim whatever the extension suggests; the server must not care.
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "files", name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = form };
        if (tokenInHeader)
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task PublishedArticleWithALibraryCover_ShowsAResponsivePicture_AndShares1200x630()
    {
        var client = await LoggedInAsync();
        var photo = await UploadOneAsync(client, "hoi-nghi.jpg", MediaSamples.VipsImage(2000, 1500, "jpg", "[Q=80]"));
        var key = photo.GetProperty("key").GetString()!;
        var slug = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var manager = sp.GetRequiredService<ContentManager>();
            var site = await db.Sites.FirstAsync();
            var type = (await manager.FindTypeAsync(site.Id, "CchcArticle"))!;
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = "Hội nghị có ảnh bìa " + Guid.NewGuid().ToString("N")[..6];
            draft.Parts[MediaPart.PartName] = new MediaPart.Data { MediaKey = key, Alt = "Toàn cảnh hội nghị" };
            var saved = await manager.CreateAsync(site.Id, type, draft, Actor.System);
            await manager.PublishAsync(saved.Item!.Id, Actor.System);
            return saved.Version!.Slug!;
        });

        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc/" + slug);

        Assert.Contains("<picture>", html);
        Assert.Matches("<source type=\"image/webp\" srcset=\"[^\"]+ 320w, [^\"]+ 640w, [^\"]+ 1024w, [^\"]+ 1600w\"", html);
        Assert.Contains("width=\"2000\" height=\"1500\"", html);
        Assert.Contains("loading=\"lazy\"", html);
        Assert.Contains("alt=\"Toàn cảnh hội nghị\"", html);
        var og = System.Text.RegularExpressions.Regex.Match(html, "<meta property=\"og:image\" content=\"[^\"]*(/media/[^\"]+)\"").Groups[1].Value;
        Assert.NotEqual(key, og.Replace("/media/", ""));
        var ogImage = await factory.CreateBrowserClient().GetByteArrayAsync(og);
        var inspected = new WardCms.Core.Media.FileInspector(new WardCms.Core.Media.MediaOptions()).Inspect(ogImage, "og.jpg");
        Assert.Equal((1200, 630), (inspected.Width, inspected.Height));
    }

    /// <summary>An article with a valid cover, then a save of <paramref name="media"/> on top of it.</summary>
    private Task<(ContentSaveResult Result, MediaPart.Data Stored)> SaveCoverAsync(MediaPart.Data media) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var manager = sp.GetRequiredService<ContentManager>();
            var site = await db.Sites.FirstAsync();
            var type = (await manager.FindTypeAsync(site.Id, "CchcArticle"))!;
            var registry = sp.GetRequiredService<ContentPartRegistry>();
            var draft = ContentDraft.Empty(type, registry);
            draft.Common.Title = "Bài có ảnh bìa " + Guid.NewGuid().ToString("N")[..6];
            draft.Parts[MediaPart.PartName] = new MediaPart.Data { ImageUrl = "https://dichvucong.gov.vn/anh.jpg", Alt = "Cổng dịch vụ công" };
            var created = await manager.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
            var edit = await manager.LoadLatestAsync(created.Item!, type);
            edit.Parts[MediaPart.PartName] = media;
            var result = await manager.SaveAsync(created.Item!.Id, edit, created.Version!.Id, Actor.System);
            db.ChangeTracker.Clear();
            var item = await db.ContentItems.AsNoTracking().SingleAsync(i => i.Id == created.Item.Id);
            var stored = (await manager.LoadLatestAsync(item, type)).Part<MediaPart.Data>(MediaPart.PartName)!;
            return (result, stored);
        });

    [Theory]
    [InlineData("/\\evil.example/x.png")]
    [InlineData("//evil.example/x.png")]
    [InlineData("/\t/evil.example/x.png")]
    [InlineData("https:/\\evil.example/x.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://evil.example/x.png")]
    [InlineData("/media/00/00/0000000000000000000000000000000000000000000000000000000000000000.jpg")]
    public async Task CoverAddress_ThatLoadsFromAnotherHostOrIsNotInTheLibrary_IsRefusedByName_AndTheStoredCoverIsUntouched(string url)
    {
        var (result, stored) = await SaveCoverAsync(new MediaPart.Data { ImageUrl = url, Alt = "Ảnh" });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Parts.media.ImageUrl", error.Field);
        Assert.StartsWith("Địa chỉ ảnh", error.Message);
        Assert.Equal("https://dichvucong.gov.vn/anh.jpg", stored.ImageUrl);
    }

    [Fact]
    public async Task CoverAddress_OnThisSiteOrHttps_IsAccepted()
    {
        var client = await LoggedInAsync();
        var photo = await UploadOneAsync(client, "bia-hop-le.png", MediaSamples.Png(52, 40));

        var local = await SaveCoverAsync(new MediaPart.Data { ImageUrl = photo.GetProperty("url").GetString(), Alt = "Ảnh" });
        var https = await SaveCoverAsync(new MediaPart.Data { ImageUrl = "https://example.gov.vn/a/b.jpg?w=640", Alt = "Ảnh" });

        Assert.True(local.Result.Succeeded, string.Join("; ", local.Result.Errors.Select(e => e.Message)));
        Assert.True(https.Result.Succeeded, string.Join("; ", https.Result.Errors.Select(e => e.Message)));
    }

    [Theory]
    [InlineData("../../wardcms.db", "không đúng định dạng")]
    [InlineData("AB/CD/ABCD.jpg", "không đúng định dạng")]
    [InlineData("00/00/0000000000000000000000000000000000000000000000000000000000000000.jpg", "không khớp ảnh nào của trang này")]
    public async Task CoverMediaKey_NotAKeyOfThisSitesLibrary_IsRefusedByName_AndTheStoredCoverIsUntouched(string key, string expected)
    {
        var (result, stored) = await SaveCoverAsync(new MediaPart.Data { MediaKey = key, Alt = "Ảnh" });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Parts.media.MediaKey", error.Field);
        Assert.Contains("Mã tệp trong thư viện", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Null(stored.MediaKey);
    }

    [Fact]
    public async Task CoverCaption_OverTheLimit_IsRefusedByName_AndTheStoredCoverIsUntouched()
    {
        var (result, stored) = await SaveCoverAsync(new MediaPart.Data { ImageUrl = "https://dichvucong.gov.vn/anh.jpg", Alt = "Ảnh", Caption = new string('c', 1001) });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Parts.media.Caption", error.Field);
        Assert.Equal("Chú thích ảnh dài 1.001 ký tự, tối đa 1.000 ký tự.", error.Message);
        Assert.Equal("", stored.Caption);
    }

    [Theory]
    [InlineData(201, "Tên thư mục dài 201 ký tự, tối đa 200 ký tự.")]
    [InlineData(9000, "Tên thư mục dài hơn 2.000 ký tự, tối đa 200 ký tự.")]
    public async Task Upload_FolderNameTooLong_IsRefusedByName_NotDropped_AndNothingIsStored(int length, string expected)
    {
        var client = await LoggedInAsync();
        var rowsBefore = await AssetCountAsync();

        var res = await UploadAsync(client, [("thu-muc-dai.png", MediaSamples.Png(53, 41))], fields: ("folder", new string('t', length)));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(expected, (await JsonAsync(res)).GetProperty("detail").GetString());
        Assert.Equal(rowsBefore, await AssetCountAsync());
    }

    /// <summary>The version stamp the details form carries, as a browser that opened the page would post it.</summary>
    private static async Task<string> StampAsync(HttpClient client, int id)
    {
        var html = await client.GetStringAsync($"/admin/media/{id}");
        return System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.ConcurrencyStamp\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
    }

    private static List<KeyValuePair<string, string>> Details(string stamp, string title, string alt, string caption) =>
    [
        new("Input.ConcurrencyStamp", stamp),
        new("Input.Title", title),
        new("Input.AltText", alt),
        new("Input.Caption", caption),
        new("Input.Folder", ""),
        new("Input.Tags", ""),
    ];

    [Fact]
    public async Task MetadataEdit_FromTwoSessions_TheSecondIs409NamingTheFirst_KeepsItsTypedText_AndTheFirstSaveStays()
    {
        var first = await LoggedInAsync("editor1");
        var second = await LoggedInAsync("editor2");
        var id = (await UploadOneAsync(first, "hai-phien.png", MediaSamples.Png(54, 42))).GetProperty("id").GetInt32();
        var firstStamp = await StampAsync(first, id);
        var secondStamp = await StampAsync(second, id);
        Assert.Equal(firstStamp, secondStamp);

        var saved = await first.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}", Details(firstStamp, "Ảnh của phiên 1", "Mô tả của phiên 1", "Chú thích 1"));
        var conflict = await second.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}", Details(secondStamp, "Ảnh của phiên 2", "Mô tả của phiên 2", "Chú thích 2"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("Chưa lưu: thông tin tệp vừa được người khác sửa", html);
        Assert.Contains("Cán bộ editor1 đã lưu thông tin tệp này lúc ", html);
        Assert.Contains("value=\"Ảnh của phiên 2\"", html);
        Assert.Contains("value=\"Mô tả của phiên 2\"", html);
        Assert.Contains("Chú thích 2", html);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(("Ảnh của phiên 1", "Mô tả của phiên 1", "Chú thích 1"), (stored.Title, stored.AltText, stored.Caption));

        // The re-shown form carries the current stamp: saving it again is a deliberate save over.
        var fresh = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.ConcurrencyStamp\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var over = await second.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}", Details(fresh, "Ảnh của phiên 2", "Mô tả của phiên 2", "Chú thích 2"));
        Assert.Equal(HttpStatusCode.Redirect, over.StatusCode);
        Assert.Equal("Ảnh của phiên 2", await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res) =>
        JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> UploadOneAsync(HttpClient client, string name, byte[] bytes)
    {
        var res = await UploadAsync(client, [(name, bytes)]);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("assets")[0];
    }

    private string[] StoredFiles() => Directory.Exists(MediaFolder)
        ? Directory.GetFiles(MediaFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
        : [];

    private Task<int> AssetCountAsync() => factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().CountAsync());

    [Fact]
    public async Task Upload_PhonePhotoWithGps_CreatesAssetAndEveryServedVariantIsFreeOfGpsWithImmutableHeaders()
    {
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(1600, 1200, "jpg", "[Q=85]"), "jpg", MediaSamples.PhoneTags);
        Assert.Contains("GPS:GPSLatitude", MediaSamples.ReadTags(photo, "jpg").Keys);
        var client = await LoggedInAsync();

        var asset = await UploadOneAsync(client, "IMG_20251121_093000.jpg", photo);

        Assert.Equal("image", asset.GetProperty("kind").GetString());
        Assert.Equal((1600, 1200), (asset.GetProperty("width").GetInt32(), asset.GetProperty("height").GetInt32()));
        var id = asset.GetProperty("id").GetInt32();
        var row = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().Include(a => a.Files).SingleAsync(a => a.Id == id));
        Assert.Equal("IMG_20251121_093000.jpg", row.FileName);
        Assert.Equal(row.Files.Count, asset.GetProperty("variants").GetArrayLength() + 1);
        var urls = asset.GetProperty("variants").EnumerateArray()
            .Select(v => (Url: v.GetProperty("url").GetString()!, Type: v.GetProperty("mediaType").GetString()!))
            .Prepend((Url: asset.GetProperty("url").GetString()!, Type: "image/jpeg")).ToList();
        Assert.Contains(urls, u => u.Type == "image/webp");
        Assert.Contains(asset.GetProperty("variants").EnumerateArray(), v => v.GetProperty("width").GetInt32() == 1200 && v.GetProperty("height").GetInt32() == 630);

        var anonymous = factory.CreateBrowserClient();
        foreach (var (url, type) in urls)
        {
            var res = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.Equal(type, res.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", res.Headers.GetValues("Cache-Control")));
            Assert.NotNull(res.Headers.ETag);
            Assert.Null(res.Content.Headers.ContentDisposition);
            var bytes = await res.Content.ReadAsByteArrayAsync();
            var revealing = MediaSamples.RevealingTags(MediaSamples.ReadTags(bytes, type == "image/webp" ? "webp" : "jpg"));
            Assert.True(revealing.Count == 0, $"{url} keeps {string.Join(", ", revealing)}");

            var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(res.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);
        }
    }

    [Theory]
    [InlineData("SVG renamed .jpg")]
    [InlineData("HTML renamed .png")]
    [InlineData("JPEG/PDF polyglot")]
    [InlineData("JPEG with a ZIP appended")]
    [InlineData("PNG declaring 100000×100000")]
    [InlineData("plain zip named .docx")]
    public async Task Upload_BadFile_Is422WithTheVietnameseReasonAndNothingIsStored(string caseName)
    {
        var (fileName, content, message) = BadUploads.Get(caseName);
        var client = await LoggedInAsync();
        var filesBefore = StoredFiles();
        var rowsBefore = await AssetCountAsync();

        var res = await UploadAsync(client, [(fileName, content)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType!.MediaType);
        var error = Assert.Single((await JsonAsync(res)).GetProperty("errors").EnumerateArray());
        Assert.Equal(fileName, error.GetProperty("fileName").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(rowsBefore, await AssetCountAsync());
        Assert.Equal(filesBefore, StoredFiles());
    }

    [Fact]
    public async Task Upload_OneFileMoreThanAllowed_IsRefusedBeforeAnyFileIsProcessed()
    {
        var client = await LoggedInAsync();
        var filesBefore = StoredFiles();
        var rowsBefore = await AssetCountAsync();
        var eleven = Enumerable.Range(1, 11).Select(i => ($"anh-{i}.png", MediaSamples.Png(8 + i, 8)));

        var res = await UploadAsync(client, eleven);

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("tối đa 10 tệp", (await JsonAsync(res)).GetProperty("detail").GetString());
        Assert.Equal(rowsBefore, await AssetCountAsync());
        Assert.Equal(filesBefore, StoredFiles());
    }

    [Fact]
    public async Task Upload_WithoutAntiforgeryToken_IsRefusedAndNothingIsStored()
    {
        var client = await LoggedInAsync();
        var rowsBefore = await AssetCountAsync();
        var form = new MultipartFormDataContent { { new ByteArrayContent(SmallJpeg.Value), "files", "anh.jpg" } };

        var res = await client.PostAsync("/admin/media/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("mã chống giả mạo", (await JsonAsync(res)).GetProperty("detail").GetString());
        Assert.Equal(rowsBefore, await AssetCountAsync());
    }

    [Fact]
    public async Task Document_UploadedWithFormFieldToken_IsServedAsAttachmentWithItsVietnameseNameAndRanges()
    {
        var client = await LoggedInAsync();
        var res = await UploadAsync(client, [("Kế hoạch CCHC năm 2025.pdf", MediaSamples.Pdf())], tokenInHeader: false, fields: ("folder", " 2025 / Văn bản /"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var asset = (await JsonAsync(res)).GetProperty("assets")[0];
        Assert.Equal("document", asset.GetProperty("kind").GetString());
        var id = asset.GetProperty("id").GetInt32();
        Assert.Equal("2025/Văn bản", await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().Where(a => a.Id == id).Select(a => a.Folder).SingleAsync()));

        var download = await factory.CreateBrowserClient().GetAsync(asset.GetProperty("url").GetString());

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Kế hoạch CCHC năm 2025.pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch", string.Join(";", download.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal(MediaSamples.Pdf(), await download.Content.ReadAsByteArrayAsync());

        var range = new HttpRequestMessage(HttpMethod.Get, asset.GetProperty("url").GetString());
        range.Headers.Range = new RangeHeaderValue(0, 7);
        var partial = await factory.CreateBrowserClient().SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("%PDF-1.4", Encoding.ASCII.GetString(await partial.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("/media/..%2F..%2Fwardcms.db")]
    [InlineData("/media/%2e%2e/%2e%2e/wardcms.db")]
    [InlineData("/media/..%5C..%5Cwardcms.db")]
    [InlineData("/media/ab/cd/..%2F..%2F..%2Fwardcms.db")]
    [InlineData("/media/%2Fetc%2Fpasswd")]
    [InlineData("/media/00/00/0000000000000000000000000000000000000000000000000000000000000000.jpg")]
    [InlineData("/media/00/00/0000000000000000000000000000000000000000000000000000000000000000.svg")]
    public async Task Serve_KeyThatIsNotALiveAsset_Is404(string url)
    {
        var res = await factory.CreateBrowserClient().GetAsync(url);

        Assert.True(res.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {res.StatusCode}");
        Assert.DoesNotContain("SQLite format", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_AssetUsedAsAnItemsCover_IsRefusedListingTheItem_AndAnUnusedOneIsDeletedWithItsFiles()
    {
        var client = await LoggedInAsync();
        var used = await UploadOneAsync(client, "dung.png", MediaSamples.Png(40, 30));
        var unused = await UploadOneAsync(client, "khong-dung.png", MediaSamples.Png(41, 30));
        var usedKey = used.GetProperty("key").GetString()!;
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var manager = sp.GetRequiredService<ContentManager>();
            var site = await db.Sites.FirstAsync();
            var type = (await manager.FindTypeAsync(site.Id, "CchcArticle"))!;
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = "Hội nghị triển khai Đề án 06 có ảnh";
            draft.Parts[MediaPart.PartName] = new MediaPart.Data { MediaKey = usedKey, Alt = "Toàn cảnh hội nghị" };
            var saved = await manager.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        });
        var usedId = used.GetProperty("id").GetInt32();

        var detail = await client.GetStringAsync($"/admin/media/{usedId}");
        Assert.Contains("Hội nghị triển khai Đề án 06 có ảnh", detail);
        var refused = await client.PostFormAsync($"/admin/media/{usedId}", $"/admin/media/{usedId}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Không xoá được", html);
        Assert.Contains("Hội nghị triển khai Đề án 06 có ảnh", html);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync(MediaUrls.Of(usedKey))).StatusCode);
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().Where(a => a.Id == usedId).Select(a => a.IsDeleted).SingleAsync()));

        var unusedId = unused.GetProperty("id").GetInt32();
        var unusedKey = unused.GetProperty("key").GetString()!;
        var deleted = await client.PostFormAsync($"/admin/media/{unusedId}", $"/admin/media/{unusedId}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>().Where(a => a.Id == unusedId).Select(a => a.IsDeleted).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync(MediaUrls.Of(unusedKey))).StatusCode);
        Assert.DoesNotContain(StoredFiles(), f => f.Contains(unusedKey.Split('/')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_AssetWhoseVariantIsLinkedFromAMarkdownBody_IsRefusedListingTheItem()
    {
        var client = await LoggedInAsync();
        var asset = await UploadOneAsync(client, "trong-bai.jpg", MediaSamples.VipsImage(700, 500, "jpg"));
        var variantUrl = asset.GetProperty("variants")[0].GetProperty("url").GetString()!;
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var manager = sp.GetRequiredService<ContentManager>();
            var site = await db.Sites.FirstAsync();
            var type = (await manager.FindTypeAsync(site.Id, "HandbookEntry"))!;
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = "Hướng dẫn nộp hồ sơ trực tuyến có hình minh hoạ";
            draft.Common.Body = $"Bước 1:\n\n![Màn hình đăng nhập]({variantUrl})\n";
            draft.Parts[HandbookPart.PartName] = new HandbookPart.Data { Chapter = "Dịch vụ công trực tuyến", Order = 1 };
            var saved = await manager.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        });
        var id = asset.GetProperty("id").GetInt32();

        var refused = await client.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Hướng dẫn nộp hồ sơ trực tuyến có hình minh hoạ", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync(variantUrl)).StatusCode);
    }

    [Fact]
    public async Task Upload_FromThePlainFormWithoutJavaScript_ReturnsToTheLibraryWithASummary()
    {
        var client = await LoggedInAsync();
        var token = await client.GetAntiforgeryTokenAsync("/admin/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(MediaSamples.Png(30, 20)), "files", "khong-js.png" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")), "files", "logo.png" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = form };
        request.Headers.Accept.ParseAdd("text/html");

        var res = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/admin/media", res.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync("/admin/media");
        Assert.Contains("Đã tải lên 1 tệp.", html);
        Assert.Contains("Định dạng SVG không được chấp nhận (tệp “logo.png”).", html);
    }

    [Fact]
    public async Task Delete_FileSharedWithAnotherAsset_KeepsTheFileForTheOther()
    {
        var client = await LoggedInAsync();
        var first = await UploadOneAsync(client, "ban-1.png", MediaSamples.Png(44, 33));
        var key = first.GetProperty("key").GetString()!;
        var id = first.GetProperty("id").GetInt32();
        // A second row with the same files, as rows uploaded before duplicates were detected (or two
        // uploads whose stored outputs come out identical) have.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var original = await db.Set<MediaAsset>().Include(a => a.Files).AsNoTracking().SingleAsync(a => a.Id == id);
            var copy = MediaAsset.From(original.SiteId, original.Descriptor, null, DateTime.UtcNow);
            copy.Sha256 = new string('0', 64);
            db.Set<MediaAsset>().Add(copy);
            await db.SaveChangesAsync();
        });

        var deleted = await client.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync(MediaUrls.Of(key))).StatusCode);
    }

    [Fact]
    public async Task Upload_SameFileTwice_AnswersWithTheExistingAssetAndAMessage_AndAddsNoSecondRow()
    {
        var client = await LoggedInAsync();
        var png = MediaSamples.Png(55, 43);
        var first = await UploadOneAsync(client, "lan-1.png", png);
        var rowsAfterFirst = await AssetCountAsync();

        var again = await UploadOneAsync(client, "lan-2.png", png);

        Assert.Equal(rowsAfterFirst, await AssetCountAsync());
        Assert.Equal(first.GetProperty("id").GetInt32(), again.GetProperty("id").GetInt32());
        Assert.False(first.GetProperty("existing").GetBoolean());
        Assert.True(again.GetProperty("existing").GetBoolean());
        Assert.Equal("Tệp “lan-2.png” đã có trong thư viện với tên “lan-1”; dùng lại tệp đó, không tạo bản thứ hai.", again.GetProperty("message").GetString());
        Assert.Equal($"/admin/media/{first.GetProperty("id").GetInt32()}", again.GetProperty("editUrl").GetString());
    }

    [Fact]
    public async Task Upload_WithTheAltTypedInTheEditor_KeepsTheAltOnTheAsset_AndFillsAnExistingAssetWithoutOne()
    {
        var client = await LoggedInAsync();
        var png = MediaSamples.Png(56, 44);
        var plain = await UploadOneAsync(client, "chua-mo-ta.png", png);
        Assert.Equal("", plain.GetProperty("alt").GetString());

        var res = await UploadAsync(client, [("chua-mo-ta.png", png)], fields: ("alt", "Người dân nộp hồ sơ tại Bộ phận một cửa"));
        var fresh = await UploadAsync(client, [("moi.png", MediaSamples.Png(57, 45))], fields: ("alt", "Toàn cảnh trụ sở phường"));

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var freshId = (await JsonAsync(fresh)).GetProperty("assets")[0].GetProperty("id").GetInt32();
        var alts = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().Set<MediaAsset>()
            .Where(a => a.Id == plain.GetProperty("id").GetInt32() || a.Id == freshId).OrderBy(a => a.Id).Select(a => a.AltText).ToListAsync());
        Assert.Equal(["Người dân nộp hồ sơ tại Bộ phận một cửa", "Toàn cảnh trụ sở phường"], alts);
    }

    [Fact]
    public async Task PublishedBody_WithALibraryImage_IsAResponsiveLazyPictureWithItsSize()
    {
        var client = await LoggedInAsync();
        var photo = await UploadOneAsync(client, "trong-than-bai.jpg", MediaSamples.VipsImage(1800, 1200, "jpg", "[Q=80]"));
        var url = photo.GetProperty("url").GetString()!;
        var slug = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var manager = sp.GetRequiredService<ContentManager>();
            var site = await db.Sites.FirstAsync();
            var type = (await manager.FindTypeAsync(site.Id, "CchcArticle"))!;
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = "Bài có ảnh trong thân bài " + Guid.NewGuid().ToString("N")[..6];
            draft.Common.Body = $"Đoạn mở đầu.\n\n![Cán bộ hướng dẫn người dân]({url})\n\n![Ảnh ngoài](https://example.gov.vn/a.jpg)\n";
            var saved = await manager.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            await manager.PublishAsync(saved.Item!.Id, Actor.System);
            return saved.Version!.Slug!;
        });

        var html = await factory.CreateBrowserClient().GetStringAsync("/cchc/" + slug);

        var picture = System.Text.RegularExpressions.Regex.Match(html, "<picture><source type=\"image/webp\" srcset=\"[^\"]+ 320w, [^\"]+ 640w, [^\"]+ 1024w, [^\"]+ 1600w\"[^>]*><img [^>]*></picture>").Value;
        Assert.NotEqual("", picture);
        Assert.Contains("width=\"1800\" height=\"1200\"", picture);
        Assert.Contains("alt=\"Cán bộ hướng dẫn người dân\"", picture);
        Assert.Contains("loading=\"lazy\"", picture);
        Assert.Matches("<img src=\"https://example.gov.vn/a.jpg\"[^>]*loading=\"lazy\"", html);
    }

    [Fact]
    public async Task Library_SearchWithoutDiacritics_FindsTheVietnameseTitle()
    {
        var client = await LoggedInAsync();
        var asset = await UploadOneAsync(client, "DSC_0042.jpg", SmallJpeg.Value);
        var id = asset.GetProperty("id").GetInt32();
        var saved = await client.PostFormAsync($"/admin/media/{id}", $"/admin/media/{id}",
        [
            new("Input.ConcurrencyStamp", await StampAsync(client, id)),
            new("Input.Title", "Ảnh hội nghị tổng kết"),
            new("Input.AltText", "Đại biểu dự hội nghị tổng kết CCHC"),
            new("Input.Caption", ""),
            new("Input.Folder", "2025/Ảnh hoạt động"),
            new("Input.Tags", "hội nghị, CCHC"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var found = await client.GetStringAsync("/admin/media?q=anh+hoi+nghi");
        var folder = await client.GetStringAsync("/admin/media?thu-muc=2025");
        var tag = await client.GetStringAsync("/admin/media?the=CCHC");
        var missing = await client.GetStringAsync("/admin/media?q=khong+co+anh+nay");
        var json = await JsonAsync(await client.GetAsync("/admin/media/list?q=hoi+nghi+tong+ket"));

        Assert.Contains("Ảnh hội nghị tổng kết", found);
        Assert.Contains("Ảnh hội nghị tổng kết", folder);
        Assert.Contains("Ảnh hội nghị tổng kết", tag);
        Assert.DoesNotContain("Ảnh hội nghị tổng kết", missing);
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal("Đại biểu dự hội nghị tổng kết CCHC", item.GetProperty("alt").GetString());
    }

    [Fact]
    public async Task Library_ImageWithoutAlt_ShowsAWarningBadge()
    {
        var client = await LoggedInAsync();
        await UploadOneAsync(client, "chua-co-mo-ta.jpg", MediaSamples.VipsImage(200, 150, "jpg"));

        var html = await client.GetStringAsync("/admin/media?q=chua-co-mo-ta");

        Assert.Contains("Thiếu mô tả ảnh (alt)", html);
        Assert.Contains("Thư viện tệp", html);
    }

    [Fact]
    public async Task StaffWithoutManageMedia_GetsForbiddenOnUploadListAndPages_AndAnonymousGets401()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<StaffRole>>();
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByNameAsync("viewer1") is not null)
            {
                return;
            }
            var role = new StaffRole("viewer") { DisplayName = "Chỉ xem" };
            await roles.CreateAsync(role);
            await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, Permissions.AccessAdmin));
            var site = await sp.GetRequiredService<WardDbContext>().Sites.FirstAsync();
            var user = new StaffUser { UserName = "viewer1", FullName = "Người xem", SiteId = site.Id, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, WardAppFactory.StaffPassword)).Succeeded);
            await users.AddToRoleAsync(user, "viewer");
        });
        var client = await LoggedInAsync("viewer1");
        var token = await client.GetAntiforgeryTokenAsync("/admin");

        var upload = await UploadAsync(client, [("anh.jpg", SmallJpeg.Value)], token: token);
        var list = await client.GetAsync("/admin/media/list");
        var page = await client.GetAsync("/admin/media");
        var anonymous = await UploadAsync(factory.CreateBrowserClient(), [("anh.jpg", SmallJpeg.Value)], token: "x");

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/denied", page.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(page.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("Thư viện tệp", await client.GetStringAsync("/admin"));
    }
}

public sealed class SqliteMediaLibraryTests(SqliteAppFactory f) : MediaLibraryTests<SqliteAppFactory>(f);

public sealed class PostgresMediaLibraryTests(PostgresAppFactory f) : MediaLibraryTests<PostgresAppFactory>(f);

/// <summary>The app on a machine without libvips: vips points nowhere, so AddMedia falls back to the managed stripper.</summary>
public sealed class NoVipsAppFactory() : WardAppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Media:VipsPath", "/nonexistent/vips");
    }
}

public sealed class MediaLibraryWithoutVipsTests(NoVipsAppFactory factory) : IClassFixture<NoVipsAppFactory>
{
    [Fact]
    public async Task Upload_WithoutLibvips_StoresTheOriginalWithoutGps_AndTheLibraryWarns()
    {
        var client = factory.CreateBrowserClient();
        await client.LoginAsync("editor1", WardAppFactory.StaffPassword);
        var photo = MediaSamples.WithExifTool(MediaSamples.VipsImage(800, 600, "jpg", "[Q=85]"), "jpg", MediaSamples.PhoneTags);
        var token = await client.GetAntiforgeryTokenAsync("/admin/media");
        var form = new MultipartFormDataContent { { new ByteArrayContent(photo), "files", "dien-thoai.jpg" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", token);

        var res = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var asset = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("assets")[0];
        Assert.Equal(0, asset.GetProperty("variants").GetArrayLength());
        var served = await factory.CreateBrowserClient().GetByteArrayAsync(asset.GetProperty("url").GetString());
        Assert.DoesNotContain(MediaSamples.ReadTags(served, "jpg").Keys, k => k.Contains("GPS", StringComparison.Ordinal) || k.EndsWith(":Make", StringComparison.Ordinal));
        var html = await client.GetStringAsync("/admin/media");
        Assert.Contains("Máy chủ chưa cài libvips: ảnh được lưu nguyên bản (đã xoá thông tin GPS) nhưng chưa có các cỡ ảnh thu nhỏ.", html);
        Assert.Contains("dien-thoai", html);
    }
}
