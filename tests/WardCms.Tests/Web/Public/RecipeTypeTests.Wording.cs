using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Recipes;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;
using WardCms.Tests.Recipes;

namespace WardCms.Tests.Web.Public;

/// <summary>
/// Wording is data (issue 16): a commune and a city inspectorate made from the ward's own recipes, with
/// every "phường" and "Hai Bà Trưng" in those recipes rewritten, say neither anywhere: not on any public
/// page a reader can reach from the home page, not in the search page, feeds, sitemap or error page, not
/// in the feedback answer, and not in the periodic report (DOCX), its annex (XLSX) or the radio exports.
/// What is left can only come from code.
/// </summary>
public abstract partial class RecipeTypeTests<TFactory>
{
    private sealed record OtherKind(string Key, string Host, string Level, string IssuingBody, params (string From, string To)[] Rewrites);

    private static readonly OtherKind[] OtherKinds =
    [
        new("xa-soc-son", "socson.hanoi.gov.vn", "xã", "XÃ SÓC SƠN",
            ("PHƯỜNG HAI BÀ TRƯNG", "XÃ SÓC SƠN"), ("HAI BÀ TRƯNG", "SÓC SƠN"), ("Hai Bà Trưng", "Sóc Sơn"),
            ("PHƯỜNG", "XÃ"), ("Phường", "Xã"), ("phường", "xã"), ("hai-ba-trung", "xa-soc-son"), ("haibatrung", "socson")),
        new("thanh-tra-tp", "thanhtra.hanoi.gov.vn", "Thanh tra thành phố", "THANH TRA THÀNH PHỐ",
            ("PHƯỜNG HAI BÀ TRƯNG", "THANH TRA THÀNH PHỐ"), ("phường Hai Bà Trưng", "Thanh tra thành phố"), ("Phường Hai Bà Trưng", "Thanh tra thành phố"),
            ("HAI BÀ TRƯNG", "HÀ NỘI"), ("Hai Bà Trưng", "Hà Nội"),
            ("PHƯỜNG", "THANH TRA"), ("Phường", "Thanh tra thành phố"), ("phường", "Thanh tra thành phố"), ("hai-ba-trung", "thanh-tra-tp"), ("haibatrung", "thanhtra")),
    ];

    private static readonly string[] WardWords = ["phường", "Hai Bà Trưng", "hai-ba-trung"];

    /// <summary>The ward's site recipe and demo content as one new-site recipe, rewritten for another kind of unit.</summary>
    private async Task EnsureOtherKindAsync(OtherKind kind)
    {
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            if (await db.Sites.AnyAsync(s => s.Key == kind.Key))
            {
                return;
            }
            string Read(string name) => kind.Rewrites.Aggregate(Vietnamese.Nfc(File.ReadAllText(RecipeTestHost.RepoFile("recipes", name))),
                (text, r) => text.Replace(r.From, r.To, StringComparison.Ordinal));
            var site = JsonNode.Parse(Read("hai-ba-trung.recipe.json"), documentOptions: RecipeValidator.DocumentOptions)!.AsObject();
            var content = JsonNode.Parse(Read("demo-content.recipe.json"), documentOptions: RecipeValidator.DocumentOptions)!.AsObject();
            var steps = site["steps"]!.AsArray();
            foreach (var step in content["steps"]!.AsArray().ToList())
            {
                content["steps"]!.AsArray().Remove(step);
                steps.Add(step);
            }
            Assert.Equal(kind.Level, (string?)steps[0]!["level"]);
            steps[0]!["documentCode"] = kind.Key == "xa-soc-son" ? "UBND" : "TTr";
            await sp.GetRequiredService<RecipeApplier>().AddSiteAsync(site.ToJsonString(), kind.Host, folder: RecipeTestHost.RepoFile("recipes"));

            var siteId = await db.Sites.Where(s => s.Key == kind.Key).Select(s => s.Id).SingleAsync();
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var admin = new StaffUser
            {
                UserName = $"admin-{kind.Key}", FullName = "Quản trị", SiteId = siteId, CreatedUtc = DateTime.UtcNow,
                UnitId = await db.Units.Where(u => u.SiteId == siteId).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstAsync(),
            };
            Assert.True((await users.CreateAsync(admin, WardAppFactory.StaffPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, "admin")).Succeeded);
        });
    }

    private static readonly Regex LinkPattern = new("(?:href|src)=\"(/[^\"#]*)\"", RegexOptions.Compiled);

    private static bool Followed(string path) =>
        !Regex.IsMatch(path, @"^/(admin|account|api|_content|media|phan-hoi)(/|$|\?)", RegexOptions.IgnoreCase)
        && !Regex.IsMatch(path, @"\.(mp3|ogg|wav|pdf|jpe?g|png|webp|avif|svg|ico|css|js|woff2?)(\?|$)", RegexOptions.IgnoreCase);

    [Theory]
    [InlineData("xa-soc-son")]
    [InlineData("thanh-tra-tp")]
    public async Task SiteOfAnotherKind_SaysNeitherPhuongNorHaiBaTrung_OnAnyPublicPageReportOrExport(string key)
    {
        var kind = OtherKinds.Single(k => k.Key == key);
        await EnsureOtherKindAsync(kind);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{kind.Host}") });
        var read = new List<(string Where, string Text)>();

        // Every public page a reader reaches from the home page, and those reached by typing.
        var queue = new Queue<string>(["/", "/tim-kiem?q=th%E1%BB%A7+t%E1%BB%A5c", "/tim-kiem?q=xyzxyz", "/sitemap.xml", "/trang-khong-co-that"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && seen.Count < 160)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect,
                $"{path}: {(int)response.StatusCode}");
            if (response.Headers.Location is { } moved && moved.OriginalString.StartsWith('/'))
            {
                queue.Enqueue(moved.OriginalString);
            }
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            if (!type.Contains("html", StringComparison.Ordinal) && !type.Contains("xml", StringComparison.Ordinal))
            {
                continue;
            }
            var body = await response.Content.ReadAsStringAsync();
            read.Add((path, body));
            foreach (Match m in LinkPattern.Matches(body))
            {
                var link = WebUtility.HtmlDecode(m.Groups[1].Value);
                if (Followed(link))
                {
                    queue.Enqueue(link);
                }
            }
            // Feeds and the sitemap name pages by absolute address on this host.
            foreach (Match m in Regex.Matches(body, $"<loc>https?://{Regex.Escape(kind.Host)}(/[^<]*)</loc>|<link>https?://{Regex.Escape(kind.Host)}(/[^<]*)</link>"))
            {
                var link = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (Followed(link))
                {
                    queue.Enqueue(link);
                }
            }
        }
        Assert.Contains("/cam-nang", seen);
        Assert.Contains("/phat-thanh", seen);
        Assert.Contains(seen, p => p.EndsWith("/rss.xml", StringComparison.Ordinal));
        Assert.True(read.Count >= 40, $"only {read.Count} pages read: {string.Join(", ", seen)}");

        // An article as the reader sees it after sending feedback, and the answer site.js is given.
        var article = seen.First(p => Regex.IsMatch(p, "^/cchc/[^/?]+$") && !p.EndsWith(".xml", StringComparison.Ordinal));
        var articleHtml = await client.GetStringAsync(article + "?phan-hoi=da-gui");
        read.Add((article + "?phan-hoi=da-gui", articleHtml));
        var itemId = Regex.Match(await client.GetStringAsync(article), "name=\"ItemId\" value=\"(\\d+)\"").Groups[1].Value;
        using (var feedback = new HttpRequestMessage(HttpMethod.Post, "/phan-hoi")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["ItemId"] = itemId, ["Helpful"] = "co" }),
        })
        {
            feedback.Headers.Add("Origin", $"http://{kind.Host}");
            feedback.Headers.Add("Accept", "application/json");
            var answered = await client.SendAsync(feedback);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var json = await answered.Content.ReadAsStringAsync();
            Assert.Contains($"giúp {kind.Level} cải thiện", Regex.Unescape(json));
            read.Add(("POST /phan-hoi", Regex.Unescape(json)));
        }

        // The staff's documents: the periodic report and its annex, a script's and the as-run exports.
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync($"admin-{kind.Key}", WardAppFactory.StaffPassword)).StatusCode);
        var (planId, scriptId) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var siteId = await db.Sites.Where(s => s.Key == kind.Key).Select(s => s.Id).SingleAsync();
            return (await db.Plans.Where(p => p.SiteId == siteId).Select(p => p.Id).FirstAsync(),
                await db.ContentItems.Where(i => i.SiteId == siteId && i.ContentType == "RadioScript" && i.PublishedVersionId != null).Select(i => i.Id).FirstAsync());
        });
        var fields = new Dictionary<string, string> { ["Window"] = "custom", ["From"] = "2025-01-01", ["To"] = "2025-12-31" };
        var documents = new List<(string Where, HttpResponseMessage Response)>
        {
            ("báo cáo DOCX", await client.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Docx", fields)),
            ("phụ lục XLSX", await client.PostFormAsync($"/admin/reports?plan={planId}", $"/admin/reports?plan={planId}&handler=Xlsx", fields)),
            ("kịch bản DOCX", await client.GetAsync($"/admin/radio/scripts/{scriptId}/export/docx")),
            ("kịch bản TXT", await client.GetAsync($"/admin/radio/scripts/{scriptId}/export/txt")),
            ("sổ phát sóng XLSX", await client.GetAsync("/admin/radio/as-run/2025-10.xlsx")),
            ("sổ phát sóng CSV", await client.GetAsync("/admin/radio/as-run/2025-10.csv")),
        };
        string? report = null;
        foreach (var (where, response) in documents)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{where}: {(int)response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var text = bytes.Length > 2 && bytes[0] == 'P' && bytes[1] == 'K' ? PackageText(bytes) : System.Text.Encoding.UTF8.GetString(bytes);
            read.Add((where, text));
            report ??= text;
        }
        // The report names the unit as its site record does, not as a ward.
        Assert.Contains(kind.IssuingBody, report);
        Assert.Contains(kind.Key == "xa-soc-son" ? "…/BC-UBND" : "…/BC-TTr", report);
        Assert.Contains("Lưu: VT", report);

        var said = read.Select(r => (r.Where, Text: Vietnamese.Nfc(WebUtility.HtmlDecode(r.Text))))
            .SelectMany(r => WardWords.Select(w => (r.Where, r.Text, At: CultureInfo.InvariantCulture.CompareInfo.IndexOf(r.Text, w, CompareOptions.IgnoreCase))))
            .Where(x => x.At >= 0)
            .Select(x => $"{x.Where}: “…{x.Text[Math.Max(0, x.At - 60)..Math.Min(x.Text.Length, x.At + 40)]}…”")
            .ToList();
        Assert.True(said.Count == 0, $"{said.Count} places say a ward's word:\n{string.Join("\n", said.Take(20))}");
        Assert.Contains(read, r => WebUtility.HtmlDecode(r.Text).Contains($"Cán bộ {kind.Level} đọc mọi ý kiến", StringComparison.Ordinal));
    }

    /// <summary>The text of every XML part of a DOCX or XLSX, part by part.</summary>
    private static string PackageText(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return string.Join("\n", zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e =>
        {
            using var stream = e.Open();
            return XDocument.Load(stream).Root?.Value ?? "";
        }));
    }
}
