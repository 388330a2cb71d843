using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Recipes;
using WardCms.Core.Search;
using WardCms.Tests.Infrastructure;
using WardCms.Tests.Media;

namespace WardCms.Tests.Web.Public;

/// <summary>
/// A type the code has never seen, declared only in a recipe with a field of every kind, works end to
/// end with no code added: the editor renders and checks it, an item publishes through the workflow,
/// the item page shows the fields, the register sorts and filters, search finds a field's value, the
/// media library counts its file as used, and the sitemap and the feed list it.
/// </summary>
public abstract class FieldsTypeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string Recipe = """
        {
          "name": "Kết quả khảo sát sự hài lòng",
          "site": "hai-ba-trung",
          "steps": [
            { "step": "contentTypes", "contentTypes": [
                { "name": "KhaoSatHaiLong", "displayName": "Kết quả khảo sát", "order": 20,
                  "settings": { "slugPattern": "/khao-sat/{slug}", "sectionTitle": "Kết quả khảo sát sự hài lòng", "hasReview": false },
                  "parts": [
                    { "name": "common" }, { "name": "route" },
                    { "name": "fields", "settings": {
                        "fields": [
                          { "name": "maSo", "label": "Mã số", "kind": "text", "required": true, "card": true, "sortable": true },
                          { "name": "ghiChu", "label": "Ghi chú", "kind": "longText" },
                          { "name": "soPhieu", "label": "Số phiếu", "kind": "number", "sortable": true, "card": true },
                          { "name": "ngayKhaoSat", "label": "Ngày khảo sát", "kind": "date", "required": true, "sortable": true, "filterable": true },
                          { "name": "hanNop", "label": "Hạn nộp báo cáo", "kind": "dateTime" },
                          { "name": "nguon", "label": "Nguồn số liệu", "kind": "url" },
                          { "name": "linhVuc", "label": "Lĩnh vực", "kind": "choice", "options": ["Hộ tịch", "Đất đai", "Xây dựng"], "filterable": true },
                          { "name": "baoCao", "label": "Báo cáo đầy đủ", "kind": "file" },
                          { "name": "bieuDo", "label": "Biểu đồ", "kind": "image" },
                          { "name": "baiLienQuan", "label": "Bài liên quan", "kind": "reference", "type": "CchcArticle" },
                        ],
                        // No "filters": the register filters by the fields declared filterable.
                        "register": { "columns": ["maSo", "ngayKhaoSat", "linhVuc", "soPhieu"], "sort": "-ngayKhaoSat" },
                    } },
                  ] },
            ] },
          ],
        }
        """;

    private const string Type = "KhaoSatHaiLong";

    private async Task<HttpClient> AdminAsync()
    {
        await factory.WithScopeAsync(async sp =>
        {
            if (!await sp.GetRequiredService<WardDbContext>().ContentTypes.AnyAsync(t => t.Name == Type))
            {
                await sp.GetRequiredService<RecipeApplier>().ApplyAsync(Recipe);
            }
        });
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync("admin", WardAppFactory.AdminPassword)).StatusCode);
        return client;
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string name, byte[] bytes)
    {
        var token = await client.GetAntiforgeryTokenAsync("/admin/media");
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", name);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var res = await client.SendAsync(request);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("assets")[0];
    }

    private static string Field(string name) => $"Parts.fields.Values[{name}]";

    private static List<KeyValuePair<string, string>> Form(string title, string slug, params (string Field, string Value)[] values) =>
        [new("Title", title), new("Summary", "Kết quả khảo sát mức độ hài lòng của người dân."), new("Body", "Nội dung **báo cáo**."), new("Slug", slug),
         .. values.Select(v => new KeyValuePair<string, string>(Field(v.Field), v.Value))];

    [Fact]
    public async Task TypeDeclaredOnlyInARecipe_WithEveryKindOfField_WorksEndToEnd()
    {
        var client = await AdminAsync();
        var unique = Guid.NewGuid().ToString("N")[..6];
        var pdf = await UploadAsync(client, $"bao-cao-{unique}.pdf", MediaSamples.Pdf());
        var png = await UploadAsync(client, $"bieu-do-{unique}.png", MediaSamples.Png(64, 48));
        var (articleId, articleUrl) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var item = await db.ContentItems.Where(i => i.ContentType == "CchcArticle" && i.PublishedSlug != null).OrderBy(i => i.Id).FirstAsync();
            return (item.Id, "/cchc/" + item.PublishedSlug);
        });

        // The editor: an input for every field, from the declaration.
        var create = await client.GetStringAsync($"/admin/content/create?type={Type}");
        foreach (var name in new[] { "maSo", "ghiChu", "soPhieu", "ngayKhaoSat", "hanNop", "nguon", "linhVuc", "baoCao", "bieuDo", "baiLienQuan" })
        {
            Assert.Contains($"name=\"{Field(name)}\"", create);
        }
        Assert.Contains("<option value=\"Đất đai\"", create);
        Assert.Contains($"<option value=\"{articleId}\"", create);
        Assert.Contains($"<option value=\"{pdf.GetProperty("key").GetString()}\"", create);

        // Each refused value gets its field's own message; what was typed comes back; nothing is stored.
        var url = $"/admin/content/create?type={Type}";
        var refused = await client.PostFormAsync(url, url, Form("Khảo sát lỗi " + unique, "khao-sat-loi-" + unique,
            ("maSo", ""), ("soPhieu", "nhiều lắm"), ("ngayKhaoSat", "31/02/2025"), ("hanNop", "25:00 01/01/2025"), ("nguon", "javascript:alert(1)"), ("linhVuc", "Văn hoá")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Mã số không được để trống.", html);
        Assert.Contains("Số phiếu: “nhiều lắm” không phải là số", html);
        Assert.Contains("Ngày khảo sát: “31/02/2025” không phải ngày có thật", html);
        Assert.Contains("Hạn nộp báo cáo: “25:00 01/01/2025” không phải thời điểm có thật", html);
        Assert.Contains("Nguồn số liệu: “javascript:alert(1)” không phải địa chỉ dùng được", html);
        Assert.Contains("Lĩnh vực: “Văn hoá” không có trong danh sách", html);
        Assert.Contains("value=\"31/02/2025\"", html);
        Assert.Contains("value=\"nhiều lắm\"", html);
        Assert.Contains("value=\"Khảo sát lỗi " + unique + "\"", html);
        Assert.Equal(0, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.CountAsync(i => i.Slug == "khao-sat-loi-" + unique)));

        // A good item, published through the workflow.
        var title = "Khảo sát hài lòng quý I " + unique;
        var saved = await client.PostFormAsync(url, url, Form(title, "khao-sat-quy-1-" + unique,
            ("maSo", $"KS-{unique}-01"), ("ghiChu", "Dòng một\nDòng hai"), ("soPhieu", "1.234"), ("ngayKhaoSat", "15/03/2025"), ("hanNop", "08:30 31/03/2025"),
            ("nguon", "https://dichvucong.gov.vn/"), ("linhVuc", "hộ tịch"), ("baoCao", pdf.GetProperty("key").GetString()!),
            ("bieuDo", png.GetProperty("key").GetString()!), ("baiLienQuan", articleId.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(Regex.Match(saved.Headers.Location!.OriginalString, @"/edit/(\d+)$").Groups[1].Value);
        var version = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == id).Select(i => i.LatestVersionId!.Value).FirstAsync());
        var publish = await client.PostFormAsync($"/admin/content/edit/{id}", $"/admin/content/edit/{id}?handler=Publish", [new("VersionId", version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentVersions.Where(v => v.Id == version).Select(v => v.PartsJson).FirstAsync());
        Assert.Contains("\"ngayKhaoSat\":\"2025-03-15\"", stored); // stored in the invariant form
        Assert.Contains("\"soPhieu\":\"1234\"", stored);
        Assert.Contains("\"linhVuc\":\"Hộ tịch\"", stored); // the declared spelling of the choice

        // The referenced article gets a new draft title nobody approved: the public page keeps showing its published title.
        var (publishedTitle, draftTitle) = await factory.WithScopeAsync(async sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            var item = await sp.GetRequiredService<WardDbContext>().ContentItems.AsNoTracking().FirstAsync(i => i.Id == articleId);
            var type = (await manager.FindTypeAsync(item.SiteId, "CchcArticle"))!;
            var draft = await manager.LoadLatestAsync(item, type);
            var published = draft.Common.Title;
            draft.Common.Title = "Tiêu đề nháp chưa duyệt " + unique;
            var result = await manager.SaveAsync(item.Id, draft, item.LatestVersionId!.Value, Actor.System);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            return (published, draft.Common.Title);
        });

        // The item page shows every field, as people read it.
        var anonymous = factory.CreateBrowserClient();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/khao-sat/khao-sat-quy-1-{unique}"));
        Assert.Contains("<dt>Mã số</dt>", page);
        Assert.Contains($"KS-{unique}-01", page);
        Assert.Contains("15/03/2025", page);
        Assert.Contains("08:30 31/03/2025", page);
        Assert.Contains("1.234", page);
        Assert.Contains("<a href=\"https://dichvucong.gov.vn/\" rel=\"noopener noreferrer\">", page);
        Assert.Contains($"<a class=\"file-link\" href=\"/media/{pdf.GetProperty("key").GetString()}\" download>", page);
        Assert.Contains($"<img src=\"/media/{png.GetProperty("key").GetString()}\"", page);
        Assert.Contains($"<a href=\"{articleUrl}\">{publishedTitle}</a>", page);
        Assert.DoesNotContain(draftTitle, page);

        // A second item from another year and field, made by the content manager.
        await factory.WithScopeAsync(async sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            var db = sp.GetRequiredService<WardDbContext>();
            var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
            var type = (await manager.FindTypeAsync(site.Id, Type))!;
            var draft = ContentDraft.Empty(type, sp.GetRequiredService<ContentPartRegistry>());
            draft.Common.Title = "Khảo sát đất đai năm trước " + unique;
            draft.Route.Slug = "khao-sat-dat-dai-" + unique;
            ((FieldsPart.Data)draft.Parts["fields"]).Values = new() { ["maSo"] = $"KS-{unique}-00", ["ngayKhaoSat"] = "2024-11-20", ["linhVuc"] = "Đất đai", ["soPhieu"] = "87" };
            var created = await manager.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            await manager.PublishAsync(created.Item!.Id, Actor.System);
        });

        // The register: the newest survey first, filters by year and by field, sorting by a column.
        var register = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/khao-sat"));
        Assert.Contains("<table class=\"register-table\">", register);
        Assert.True(register.IndexOf(title, StringComparison.Ordinal) < register.IndexOf("Khảo sát đất đai năm trước " + unique, StringComparison.Ordinal));
        Assert.Contains("<option value=\"2024\">2024 (", register);
        var year2024 = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/khao-sat?loc-ngayKhaoSat=2024"));
        Assert.Contains("Khảo sát đất đai năm trước " + unique, year2024);
        Assert.DoesNotContain(title, year2024);
        var land = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/khao-sat?loc-linhVuc=" + Uri.EscapeDataString("Hộ tịch")));
        Assert.Contains(title, land);
        Assert.DoesNotContain("Khảo sát đất đai năm trước " + unique, land);
        var bySheets = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/khao-sat?sap-xep=soPhieu&chieu=tang"));
        Assert.True(bySheets.IndexOf("Khảo sát đất đai năm trước " + unique, StringComparison.Ordinal) < bySheets.IndexOf(title, StringComparison.Ordinal));
        Assert.Contains("aria-sort=\"ascending\"", bySheets);

        // Search finds the value of a field that is nowhere else in the item.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<SearchOutbox>().CatchUpAsync());
        var found = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/search?q=KS-{unique}-01")).RootElement;
        Assert.Equal($"/khao-sat/khao-sat-quy-1-{unique}", found.GetProperty("hits")[0].GetProperty("url").GetString());

        // Search filters by the fields declared filterable once the type is chosen, each value counted.
        var byType = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/tim-kiem?q=khao+sat&loai={Type}"));
        Assert.Contains("<select id=\"loc-linhVuc\" name=\"loc-linhVuc\">", byType);
        Assert.Contains("<option value=\"Hộ tịch\">Hộ tịch (1)</option>", byType);
        Assert.Contains("<option value=\"Đất đai\">Đất đai (1)</option>", byType);
        Assert.Contains("<label for=\"loc-ngayKhaoSat\">Ngày khảo sát</label>", byType);
        Assert.Contains("<option value=\"2024\">2024 (1)</option>", byType);
        var landOnly = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/tim-kiem?q=khao+sat&loai={Type}&loc-linhVuc=" + Uri.EscapeDataString("Đất đai")));
        Assert.Contains($"href=\"/khao-sat/khao-sat-dat-dai-{unique}\"", landOnly);
        Assert.DoesNotContain($"href=\"/khao-sat/khao-sat-quy-1-{unique}\"", landOnly);
        Assert.Contains("lĩnh vực “Đất đai”", landOnly);
        Assert.Contains("<option value=\"Đất đai\" selected=\"selected\">Đất đai (1)</option>", landOnly);
        Assert.Contains("<option value=\"Hộ tịch\">Hộ tịch (1)</option>", landOnly); // the other value stays offered
        // Without a type the field filters are not offered; a filter no type has is named as ignored.
        var noType = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/tim-kiem?q=khao+sat&loc-khongCo=1"));
        Assert.DoesNotContain("id=\"loc-linhVuc\"", noType);
        Assert.Contains("Bộ lọc đã chọn không có trên trang; đã bỏ qua.", noType);

        // The API takes the same filters as filter.{field}, and names a wrong one.
        var api = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/search?q=khao+sat&type={Type}&filter.ngayKhaoSat=2024")).RootElement;
        Assert.Equal(1, api.GetProperty("total").GetInt32());
        Assert.Equal($"/khao-sat/khao-sat-dat-dai-{unique}", api.GetProperty("hits")[0].GetProperty("url").GetString());
        var wrong = await anonymous.GetAsync($"/api/search?q=khao+sat&type={Type}&filter.khongCo=1");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType!.MediaType);
        Assert.Contains("không có bộ lọc “khongCo”. Các bộ lọc có: filter.ngayKhaoSat, filter.linhVuc", JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        var withoutType = await anonymous.GetAsync("/api/search?q=khao+sat&filter.linhVuc=x");
        Assert.Equal(HttpStatusCode.BadRequest, withoutType.StatusCode);

        // The media library counts the file as used, by what it is used as.
        var usedBy = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/media/{pdf.GetProperty("id").GetInt32()}"));
        Assert.Contains(title, usedBy);
        Assert.Contains("<span class=\"badge info\">Báo cáo đầy đủ</span>", usedBy);

        // The sitemap and the section's feed list it.
        Assert.Contains($"/khao-sat/khao-sat-quy-1-{unique}", await anonymous.GetStringAsync("/sitemap.xml"));
        var rss = XDocument.Parse(await anonymous.GetStringAsync("/khao-sat/rss.xml"));
        Assert.Contains(rss.Descendants("item"), i => i.Element("title")!.Value == title);
    }
}

public sealed class SqliteFieldsTypeTests(SqliteAppFactory f) : FieldsTypeTests<SqliteAppFactory>(f);

public sealed class PostgresFieldsTypeTests(PostgresAppFactory f) : FieldsTypeTests<PostgresAppFactory>(f);
