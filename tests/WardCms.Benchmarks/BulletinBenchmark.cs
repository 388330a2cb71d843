using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Exports;
using WardCms.Core.Radio;

namespace WardCms.Benchmarks;

/// <summary>
/// A 20-item bulletin exported through the app's own export URLs, as radio staff download it:
///   DOCX (Decree 30 layout) against writing the same reading text as a plain UTF-8 file;
///   PDF (Chromium printing the print view) against Chromium printing a self-contained static copy
///   of that same print view from disk, with no app around it.
/// Median of several runs after one warm-up, all in one run on the same machine.
/// </summary>
public static partial class BulletinBenchmark
{
    private const string AdminPassword = "Bench-admin-2025";
    private const int Items = 20;

    public static async Task Run(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 5;
        var printer = new ChromiumPdfPrinter();
        if (!printer.IsAvailable)
        {
            Console.Error.WriteLine($"Chromium is not installed at {printer.ExecutablePath} (apt-get install chromium).");
            Environment.ExitCode = 2;
            return;
        }
        var web = Path.Combine(AppContext.BaseDirectory, "WardCms.Web.dll");
        var data = Directory.CreateTempSubdirectory("wardcms-bulletinbench").FullName;
        try
        {
            var port = WebBenchmark.FreePort();
            using var app = WebBenchmark.StartWardCms(web, data, port, outputCache: true);
            // Disposing a Process does not end it: stop the app ourselves, whatever happens below.
            using var stop = new ProcessStopper(app);
            var baseUrl = $"http://127.0.0.1:{port}";
            await WebBenchmark.WaitUntilUpAsync(baseUrl);

            var bulletinId = await SeedBulletinAsync(data);
            using var http = await AdminClientAsync(baseUrl);
            var docxUrl = $"/admin/radio/bulletins/{bulletinId}/export/docx";
            var pdfUrl = $"/admin/radio/bulletins/{bulletinId}/export/pdf";
            var text = await http.GetStringAsync($"/admin/radio/bulletins/{bulletinId}/export/txt");
            var staticHtml = await StaticPrintViewAsync(http, bulletinId, data);

            // Warm-up: JIT, EF's first queries, Chromium's first start and font cache.
            var docxBytes = (await http.GetByteArrayAsync(docxUrl)).Length;
            var pdfBytes = (await http.GetByteArrayAsync(pdfUrl)).Length;
            await printer.PrintToPdfAsync(new Uri(staticHtml));
            var textFile = Path.Combine(data, "bulletin.txt");
            await File.WriteAllTextAsync(textFile, text, new UTF8Encoding(false));

            var docxRuns = iterations * 4; // a DOCX is cheap: more runs for a steadier median
            var docx = await MedianAsync(docxRuns, async () => await http.GetByteArrayAsync(docxUrl));
            var plain = await MedianAsync(docxRuns, () => File.WriteAllTextAsync(textFile, text, new UTF8Encoding(false)));
            var pdf = await MedianAsync(iterations, async () => await http.GetByteArrayAsync(pdfUrl));
            var bare = await MedianAsync(iterations, async () => await printer.PrintToPdfAsync(new Uri(staticHtml)));

            Console.WriteLine($"Bulletin: {Items} scripts, {text.Length:N0} characters of reading text; DOCX {docxBytes:N0} bytes, PDF {pdfBytes:N0} bytes.");
            Console.WriteLine($"Static print view for the baseline: {new FileInfo(new Uri(staticHtml).LocalPath).Length:N0} bytes of HTML.");
            Console.WriteLine($"Median of {docxRuns} (DOCX, text) and {iterations} (PDF) runs after one warm-up.");
            Console.WriteLine();
            Console.WriteLine("| export | median per export | baseline (same run) | baseline median | ratio |");
            Console.WriteLine("| --- | ---: | --- | ---: | ---: |");
            Console.WriteLine($"| DOCX (GET …/export/docx) | {Ms(docx)} | same text written as a UTF-8 .txt file | {Ms(plain)} | {Ratio(docx, plain)} |");
            Console.WriteLine($"| PDF (GET …/export/pdf) | {Ms(pdf)} | Chromium printing a static copy of the print view from disk | {Ms(bare)} | {Ratio(pdf, bare)} |");
        }
        finally
        {
            try
            {
                Directory.Delete(data, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds >= 10
        ? $"{t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms"
        : $"{t.TotalMilliseconds.ToString("N2", CultureInfo.InvariantCulture)} ms";

    private static string Ratio(TimeSpan a, TimeSpan b) => (a.TotalMilliseconds / Math.Max(b.TotalMilliseconds, 0.001)).ToString("N1", CultureInfo.InvariantCulture) + "×";

    private static async Task<TimeSpan> MedianAsync(int runs, Func<Task> action)
    {
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed);
        }
        times.Sort();
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }

    // Twenty approved scripts of a realistic length (about 300 syllables each, with the dates,
    // document numbers and abbreviations the normaliser expands) in one bulletin, written into the
    // database the running app uses.
    private static async Task<int> SeedBulletinAsync(string data)
    {
        var config = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WARDCMS_DATA"] = data })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddWardData(DatabaseOptions.FromConfiguration(config, data)).AddContentEngine();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WardDbContext>();
        var content = sp.GetRequiredService<ContentManager>();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        var type = (await content.FindTypeAsync(site.Id, "RadioScript"))
                   ?? throw new InvalidOperationException("The RadioScript type is missing: were the recipes applied?");
        var registry = sp.GetRequiredService<ContentPartRegistry>();
        var bulletin = new Bulletin
        {
            SiteId = site.Id, Title = "Chuyên mục Cải cách hành chính (benchmark)", AirDateLocal = new DateOnly(2025, 9, 15), AirTime = new TimeOnly(6, 30),
            TargetSeconds = 45 * 60, OpeningLine = "Đây là Đài truyền thanh phường Hai Bà Trưng. Mời bà con nghe chuyên mục Cải cách hành chính.",
            ClosingLine = "Chuyên mục Cải cách hành chính đến đây là hết. Cảm ơn bà con đã lắng nghe.", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
        };
        for (var i = 0; i < Items; i++)
        {
            var draft = ContentDraft.Empty(type, registry);
            draft.Common.Title = $"{Topics[i % Topics.Length]} (số {i + 1})";
            draft.Common.Body = ScriptBody(i);
            draft.Route.Slug = $"bench-kich-ban-{i + 1}-{Guid.NewGuid().ToString("N")[..6]}";
            draft.Parts[BroadcastPart.PartName] = new BroadcastPart.Data
            {
                AirDate = bulletin.AirDateLocal, Slot = "06:30",
                Cues = i % 4 == 0 ? [new BroadcastPart.Cue { Label = "Phỏng vấn cán bộ một cửa", Seconds = 45 }] : [],
            };
            var saved = await content.CreateAsync(site.Id, type, draft, Actor.System);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => e.Message)));
            }
            await db.ContentItems.Where(x => x.Id == saved.Item!.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ContentStatus.Approved).SetProperty(x => x.ApprovedVersionId, x => x.LatestVersionId));
            bulletin.Items.Add(new BulletinItem { ContentItemId = saved.Item!.Id, Order = i });
        }
        db.Add(bulletin);
        await db.SaveChangesAsync();
        return bulletin.Id;
    }

    private static readonly string[] Topics =
    [
        "Nộp hồ sơ thủ tục hành chính trực tuyến", "Thanh toán phí, lệ phí không dùng tiền mặt", "Tài khoản định danh điện tử mức 2",
        "Kết quả chỉ số PAR INDEX của thành phố", "Mô hình một cửa liên thông tại phường", "Luật Thủ đô năm 2024 và người dân",
        "Chuyển đổi số trong giải quyết thủ tục", "Tiếp nhận phản ánh, kiến nghị của người dân",
    ];

    private static string ScriptBody(int i)
    {
        var day = 1 + i % 28;
        return $"""
            Thưa bà con!

            Thực hiện Kế hoạch số 25/KH-UBND ngày 24/01/2025 của UBND Thành phố về công tác thông tin, tuyên truyền CCHC năm 2025, UBND phường Hai Bà Trưng tiếp tục đẩy mạnh việc giải quyết TTHC trên môi trường điện tử. Từ ngày {day}/8/2025, người dân có thể nộp hồ sơ trực tuyến toàn trình đối với {40 + i} thủ tục, không phải đến trực tiếp Bộ phận một cửa.

            Theo Nghị định 118/2025/NĐ-CP, hồ sơ nộp trực tuyến được tiếp nhận cả ngoài giờ hành chính. Trong 6 tháng đầu năm, phường đã tiếp nhận {1200 + 37 * i} hồ sơ, trong đó {85 + i % 10}% được giải quyết trước hạn. Bộ phận một cửa làm việc từ 7h30 đến 17h00, từ thứ Hai đến sáng thứ Bảy.

            Cán bộ phường khuyến nghị bà con kích hoạt tài khoản định danh điện tử mức 2 để đăng nhập Cổng dịch vụ công quốc gia, thanh toán phí, lệ phí qua tài khoản ngân hàng hoặc ví điện tử và nhận kết quả qua dịch vụ bưu chính công ích. Mọi vướng mắc, bà con liên hệ Trung tâm Phục vụ hành chính công phường hoặc gọi đường dây nóng để được hướng dẫn.

            Việc sử dụng dịch vụ công trực tuyến giúp tiết kiệm thời gian, chi phí đi lại và góp phần nâng cao chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước.
            """;
    }

    private static async Task<HttpClient> AdminClientAsync(string baseUrl)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(3) };
        var form = await http.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(TokenField().Match(form).Groups[1].Value);
        var res = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = AdminPassword, ["__RequestVerificationToken"] = token,
        }));
        if (res.StatusCode != HttpStatusCode.Redirect || res.Headers.Location?.OriginalString.Contains("/account/", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Admin login failed: {(int)res.StatusCode} {res.Headers.Location}");
        }
        return http;
    }

    // The print view with its stylesheets inlined and scripts removed: the same document Chromium
    // prints for the export, as a file:// page with no server behind it.
    private static async Task<string> StaticPrintViewAsync(HttpClient http, int bulletinId, string data)
    {
        var html = await http.GetStringAsync($"/radio/in/bulletin/{bulletinId}");
        foreach (Match m in StylesheetLink().Matches(html))
        {
            var css = await http.GetStringAsync(WebUtility.HtmlDecode(m.Groups[1].Value));
            html = html.Replace(m.Value, "<style>" + css + "</style>", StringComparison.Ordinal);
        }
        html = ScriptTag().Replace(html, "");
        var path = Path.Combine(data, "print-view.html");
        await File.WriteAllTextAsync(path, html, new UTF8Encoding(false));
        return new Uri(path).AbsoluteUri;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"[^>]*>")]
    private static partial Regex StylesheetLink();

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptTag();

    private sealed class ProcessStopper(Process process) : IDisposable
    {
        public void Dispose() => WebBenchmark.Kill(process);
    }
}
