using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Planning;
using WardCms.Core.Radio;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Radio;

/// <summary>The whole app on a real Kestrel port, so headless Chromium can fetch the print view for PDFs.</summary>
public sealed class KestrelSqliteAppFactory : WardAppFactory
{
    public KestrelSqliteAppFactory()
        : base(DatabaseProvider.Sqlite) => UseKestrel(0);
}

public sealed class KestrelPostgresAppFactory : WardAppFactory
{
    public KestrelPostgresAppFactory()
        : base(DatabaseProvider.Postgres) => UseKestrel(0);
}

public abstract partial class RadioDeskTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : WardAppFactory
{
    private const string FirstBody = "Thưa bà con!\n\nNgày 15/3/2025, UBND phường tổ chức hội nghị về CCHC với 120 đại biểu tham dự.";
    private const string SecondBody = "Từ tháng 4, bà con có thể nộp hồ sơ TTHC trực tuyến trên Cổng dịch vụ công.\n\nMọi vướng mắc xin liên hệ bộ phận một cửa.";

    // The factory's clients default to http://localhost; point them at the real Kestrel port.
    private HttpClient NewClient()
    {
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new HttpClient(handler) { BaseAddress = new Uri(addresses.First()) };
    }

    private async Task<HttpClient> RadioClientAsync()
    {
        var client = NewClient();
        var login = await client.LoginAsync("radio1", WardAppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    private Task<int> CreateScriptAsync(string title, string body, string status = "Approved", bool publish = false, string opening = "", string closing = "") =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var content = sp.GetRequiredService<ContentManager>();
            var registry = sp.GetRequiredService<ContentPartRegistry>();
            var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
            var type = (await content.FindTypeAsync(site.Id, "RadioScript"))!;
            var draft = ContentDraft.Empty(type, registry);
            draft.Common.Title = title;
            draft.Common.Body = body;
            draft.Route.Slug = "kb-" + Guid.NewGuid().ToString("N")[..10];
            draft.Parts[BroadcastPart.PartName] = new BroadcastPart.Data
            {
                Announcer = "Nguyễn Thị Lan",
                AirDate = new DateOnly(2025, 3, 20),
                Slot = "06:30",
                OpeningLine = opening,
                ClosingLine = closing,
                Cues = [new BroadcastPart.Cue { Label = "Nhạc hiệu", Seconds = 10 }],
            };
            var saved = await content.CreateAsync(site.Id, type, draft, Actor.System);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
            var id = saved.Item!.Id;
            if (publish)
            {
                await content.PublishAsync(id, Actor.System);
            }
            else
            {
                // As a leader's approval leaves it: the approved version is the one written.
                var approved = status is ContentStatus.Approved or ContentStatus.Scheduled;
                await db.ContentItems.Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, status)
                    .SetProperty(i => i.ApprovedVersionId, i => approved ? i.LatestVersionId : null));
            }
            return id;
        });

    // Creates a bulletin through the builder's form and adds the scripts by POST, as radio staff do.
    private static async Task<int> CreateBulletinAsync(HttpClient client, string title, params int[] scripts)
    {
        var res = await client.PostFormAsync("/admin/radio/bulletins/edit", "/admin/radio/bulletins/edit?handler=save",
        [
            new("Input.Title", title), new("Input.AirDate", "2025-03-20"), new("Input.AirTime", "06:30"), new("Input.Target", "0:30"),
            new("Input.OpeningLine", "Đây là Đài truyền thanh phường."), new("Input.ClosingLine", "Cảm ơn bà con đã lắng nghe."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var id = int.Parse(res.Headers.Location!.OriginalString.Split('/').Last());
        foreach (var script in scripts)
        {
            var add = await client.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=add", [new("contentItemId", script.ToString())]);
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }
        return id;
    }

    private Task<BulletinSheet> SheetAsync(int bulletinId) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        return (await sp.GetRequiredService<RadioDesk>().LoadBulletinAsync(site.Id, bulletinId))!;
    });

    [Fact]
    public async Task Bulletin_FromTwoApprovedScripts_ReorderedByPost_TimingsFollowTheNewOrder()
    {
        var first = await CreateScriptAsync("Hội nghị CCHC", FirstBody);
        var second = await CreateScriptAsync("Nộp hồ sơ trực tuyến", SecondBody, publish: true);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Chuyên mục CCHC sáng 20/3", first, second);

        var before = await SheetAsync(id);
        Assert.Equal([first, second], before.Items.Select(i => i.Script.Id));
        var secondRow = before.Bulletin.Items.Single(i => i.ContentItemId == second).Id;

        var move = await client.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=move",
            [new("itemId", secondRow.ToString()), new("direction", "up")]);
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);

        var after = await SheetAsync(id);
        Assert.Equal([second, first], after.Items.Select(i => i.Script.Id));
        Assert.Equal(after.Opening.Estimate, after.Items[0].Start);
        Assert.Equal(after.Items[0].End, after.Items[1].Start);
        Assert.Equal(after.Items[1].End + after.Closing.Estimate, after.Total);
        // The cue's 10 seconds of recorded sound are part of each script's time.
        Assert.Equal(TimeSpan.FromSeconds(10), after.Items[0].CueTime);
        Assert.Equal(before.Total, after.Total);

        var page = await client.GetStringAsync($"/admin/radio/bulletins/edit/{id}");
        Assert.True(page.IndexOf("1. Nộp hồ sơ trực tuyến", StringComparison.Ordinal) < page.IndexOf("2. Hội nghị CCHC", StringComparison.Ordinal));
        Assert.Contains($"Dài hơn {ReadTimeEstimator.Format(after.Total - TimeSpan.FromSeconds(30))} so với thời lượng dự kiến", page);
    }

    [Fact]
    public async Task Bulletin_DragAndDropOrder_IsSavedAsPosted()
    {
        var a = await CreateScriptAsync("Mục A", FirstBody);
        var b = await CreateScriptAsync("Mục B", SecondBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin kéo thả", a, b);
        var rows = (await SheetAsync(id)).Bulletin.Items.OrderBy(i => i.Order).Select(i => i.Id.ToString()).ToList();

        var res = await client.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=reorder",
            [new("order", rows[1]), new("order", rows[0])]);

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal([b, a], (await SheetAsync(id)).Items.Select(i => i.Script.Id));
    }

    [Fact]
    public async Task Bulletin_ScriptEditedAfterApproval_GoesOnAirAsApproved_AndWithheldOnceSentBack()
    {
        var s = await CreateScriptAsync("Duyệt rồi sửa", FirstBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin có bản sửa", s);

        // Someone edits the approved script: the new text waits for review, the bulletin keeps the approved one.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var content = sp.GetRequiredService<ContentManager>();
            var item = await db.ContentItems.AsNoTracking().FirstAsync(i => i.Id == s);
            var type = (await content.FindTypeAsync(item.SiteId, item.ContentType))!;
            var draft = await content.LoadLatestAsync(item, type);
            draft.Common.Body = "Văn bản chưa ai duyệt: số liệu sai.";
            var saved = await content.SaveAsync(s, draft, item.LatestVersionId!.Value, Actor.System);
            Assert.True(saved.Succeeded);
            Assert.Equal(ContentStatus.Approved, saved.ReturnedFrom);
            return 0;
        });
        Assert.Equal(ContentStatus.Draft, await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == s).Select(i => i.Status).FirstAsync()));

        var sheet = await SheetAsync(id);
        Assert.Contains("120 đại biểu", Assert.Single(sheet.Items).OriginalText);
        var txt = await client.GetStringAsync($"/admin/radio/bulletins/{id}/export/txt");
        Assert.Contains("một trăm hai mươi đại biểu", txt);
        Assert.DoesNotContain("chưa ai duyệt", txt);
        Assert.DoesNotContain("chưa ai duyệt", await client.GetStringAsync($"/admin/radio/scripts/{s}/export/txt"));

        // The approval withdrawn (sent back): nothing of it is read on air until approved again.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<WardDbContext>().ContentItems.Where(i => i.Id == s)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ApprovedVersionId, (int?)null)));
        var withheld = await SheetAsync(id);
        Assert.Empty(withheld.Items);
        Assert.Equal(s, Assert.Single(withheld.Withheld).Id);
        Assert.Contains("Không đưa vào bản tin", await client.GetStringAsync($"/admin/radio/bulletins/edit/{id}"));
    }

    [Fact]
    public async Task Bulletin_AddingADraftScript_IsRefused()
    {
        var draft = await CreateScriptAsync("Bản nháp", FirstBody, status: ContentStatus.Draft);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin có nháp", draft);
        Assert.Empty((await SheetAsync(id)).Items);
    }

    [Fact]
    public async Task Estimate_CountsSyllablesOfTheReadingText()
    {
        var client = await RadioClientAsync();
        var res = await client.PostFormAsync("/admin/radio/bulletins/edit", "/admin/radio/estimate", [new("text", "UBND phường"), new("rate", "200")]);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var json = await res.Content.ReadAsStringAsync();
        Assert.Contains("\"syllables\":5", json); // Ủy ban nhân dân phường
        Assert.Contains("≈ 2 giây", json);
    }

    [Fact]
    public async Task ExportDocx_HasDecree30LayoutAndTheNormalisedText()
    {
        var s = await CreateScriptAsync("Hội nghị CCHC (DOCX)", FirstBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin DOCX", s);

        var res = await client.GetAsync($"/admin/radio/bulletins/{id}/export/docx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await res.Content.ReadAsByteArrayAsync()));
        var xml = await new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEndAsync();
        var styles = await new StreamReader(zip.GetEntry("word/styles.xml")!.Open()).ReadToEndAsync();
        var all = xml + styles;
        Assert.Contains("Times New Roman", all);
        Assert.Contains("w:val=\"28\"", all); // 14 pt in half-points
        Assert.Matches("w:left=\"17\\d\\d\"", xml); // 30 mm ≈ 1701 twips
        var text = string.Concat(TextRuns().Matches(xml).Select(m => m.Groups[1].Value));
        Assert.Contains("ỦY BAN NHÂN DÂN", text);
        Assert.Contains("Ủy ban nhân dân phường tổ chức hội nghị về cải cách hành chính", text);
        Assert.Contains("Phát thanh viên", text);
        Assert.Contains("Thời lượng ước tính", text);
    }

    [Fact]
    public async Task ExportPdf_PrintsTheReadingTextWithItsDiacritics()
    {
        var s = await CreateScriptAsync("Hội nghị CCHC (PDF)", FirstBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin PDF", s);
        var reading = (await SheetAsync(id)).Items[0].Paragraphs[1].Normalised;

        var res = await client.GetAsync($"/admin/radio/bulletins/{id}/export/pdf");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/pdf", res.Content.Headers.ContentType!.MediaType);
        var pdf = Path.Combine(factory.DataFolder, $"b{id}.pdf");
        await File.WriteAllBytesAsync(pdf, await res.Content.ReadAsByteArrayAsync());
        var text = await RunAsync("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-");
        Assert.Contains(Collapse(reading), Collapse(text));
        Assert.Contains("mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm", Collapse(text));
    }

    private const string ScriptOpening = "Kính thưa bà con khu dân cư Bạch Đằng.";
    private const string ScriptClosing = "Mục tin cải cách hành chính xin tạm dừng tại đây.";

    private static async Task<string> DocxTextAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await res.Content.ReadAsByteArrayAsync()));
        var xml = await new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEndAsync();
        return string.Concat(TextRuns().Matches(xml).Select(m => m.Groups[1].Value + " "));
    }

    // The script's own "Lời mở đầu" and "Lời kết" are read on air, so every form of the text carries them, in order.
    [Fact]
    public async Task ScriptOpeningAndClosingLines_AreInEveryExportOfTheScriptAndTheBulletin()
    {
        var s = await CreateScriptAsync("Kịch bản có lời mở và lời kết", FirstBody, opening: ScriptOpening, closing: ScriptClosing);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin có lời mở đầu", s);

        void InOrder(string text, string what)
        {
            var collapsed = Collapse(text);
            var open = collapsed.IndexOf(ScriptOpening, StringComparison.Ordinal);
            var body = collapsed.IndexOf("hội nghị về cải cách hành chính", StringComparison.Ordinal);
            var close = collapsed.IndexOf(ScriptClosing, StringComparison.Ordinal);
            Assert.True(open >= 0 && body > open && close > body, $"{what}: opening {open}, body {body}, closing {close}\n{collapsed}");
        }

        InOrder(await DocxTextAsync(await client.GetAsync($"/admin/radio/scripts/{s}/export/docx")), "script DOCX");
        InOrder(await client.GetStringAsync($"/admin/radio/scripts/{s}/export/txt"), "script TXT");
        InOrder(WebUtility.HtmlDecode(await client.GetStringAsync($"/radio/in/script/{s}")), "script print view");
        InOrder(await DocxTextAsync(await client.GetAsync($"/admin/radio/bulletins/{id}/export/docx")), "bulletin DOCX");
        InOrder(await client.GetStringAsync($"/admin/radio/bulletins/{id}/export/txt"), "bulletin TXT");
        InOrder(WebUtility.HtmlDecode(await client.GetStringAsync($"/radio/in/bulletin/{id}")), "bulletin print view");
        var pdf = Path.Combine(factory.DataFolder, $"open-close-{id}.pdf");
        await File.WriteAllBytesAsync(pdf, await (await client.GetAsync($"/admin/radio/bulletins/{id}/export/pdf")).Content.ReadAsByteArrayAsync());
        InOrder(await RunAsync("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"), "bulletin PDF");
    }

    [Fact]
    public async Task ScriptOpeningAndClosingLines_AreReadAloud_SoTheyCountInTheScriptsTime()
    {
        var s = await CreateScriptAsync("Kịch bản tính giờ lời mở", FirstBody, opening: ScriptOpening, closing: ScriptClosing);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin tính giờ lời mở", s);

        var sheet = await SheetAsync(id);
        Assert.True(sheet.Items[0].Opening.Estimate > TimeSpan.Zero);
        Assert.Equal(sheet.Items[0].Opening.Estimate + sheet.Items[0].Paragraphs.Aggregate(TimeSpan.Zero, (t, p) => t + p.Estimate)
            + sheet.Items[0].Closing.Estimate + sheet.Items[0].CueTime, sheet.Items[0].Estimate);
    }

    // Scripts whose text ends anywhere on a page: no printed page carries only a cue, the closing words or a line or two.
    [Fact]
    public async Task ExportPdf_NoPageIsNearlyEmpty_WhereverAScriptEnds()
    {
        const string sentence = "Bà con có thể nộp hồ sơ thủ tục hành chính trực tuyến trên Cổng dịch vụ công quốc gia mà không phải đến bộ phận một cửa của phường.";
        var words = string.Join(' ', Enumerable.Repeat(sentence, 40)).Split(' ');
        var scripts = new List<int>();
        // One more line of text (about 13 words at 19 pt) per script: over 20 scripts a script ends on every line of a page.
        for (var k = 0; k < 20; k++)
        {
            scripts.Add(await CreateScriptAsync($"Độ dài {k}", string.Join(' ', words.Take(120 + 13 * k))));
        }
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin nhiều độ dài", [.. scripts]);

        var pdf = Path.Combine(factory.DataFolder, $"pages-{id}.pdf");
        await File.WriteAllBytesAsync(pdf, await (await client.GetAsync($"/admin/radio/bulletins/{id}/export/pdf")).Content.ReadAsByteArrayAsync());
        var pages = (await RunAsync("pdftotext", "-enc", "UTF-8", pdf, "-")).Split('\f').Where(p => p.Trim().Length > 0).ToList();

        Assert.True(pages.Count > 20, $"{pages.Count} pages");
        var lines = pages.Select(p => p.Split('\n').Count(l => l.Trim().Length > 0)).ToList();
        var thin = lines.Select((n, i) => (Page: i + 1, Lines: n)).Where(p => p.Lines < 3).ToList();
        Assert.True(thin.Count == 0, "Nearly empty pages: " + string.Join(", ", thin.Select(p => $"page {p.Page}: {p.Lines} line(s) “{Collapse(pages[p.Page - 1])}”")));
        Assert.Contains("Cảm ơn bà con đã lắng nghe.", Collapse(pages[^1]));
    }

    [Fact]
    public async Task PrintView_WithoutLoginOrSignedLink_IsRefused()
    {
        var s = await CreateScriptAsync("Kịch bản riêng", FirstBody);
        var anonymous = NewClient();
        var res = await anonymous.GetAsync($"/radio/in/script/{s}?token=gia-mao");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.StartsWith("/account/login", res.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        var client = await RadioClientAsync();
        var html = await client.GetStringAsync($"/radio/in/script/{s}");
        Assert.Contains("Ủy ban nhân dân phường tổ chức hội nghị", html);
        Assert.Contains("UBND phường tổ chức", await client.GetStringAsync($"/radio/in/script/{s}?goc=true"));
    }

    [Fact]
    public async Task ExportText_IsUtf8ReadingText()
    {
        var s = await CreateScriptAsync("Kịch bản TXT", FirstBody);
        var client = await RadioClientAsync();
        var res = await client.GetAsync($"/admin/radio/scripts/{s}/export/txt");
        Assert.Equal("text/plain; charset=utf-8", res.Content.Headers.ContentType!.ToString());
        var text = Encoding.UTF8.GetString(await res.Content.ReadAsByteArrayAsync());
        Assert.Contains("Ủy ban nhân dân phường tổ chức hội nghị về cải cách hành chính với một trăm hai mươi đại biểu tham dự.", text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task ExportAudio_WavLastsOverASecond_OggIsOgg()
    {
        var s = await CreateScriptAsync("Kịch bản đọc thử", "UBND phường thông báo lịch tiếp dân.");
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin âm thanh", s);

        var wav = await client.GetAsync($"/admin/radio/bulletins/{id}/export/wav");
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType!.MediaType);
        var wavFile = Path.Combine(factory.DataFolder, $"b{id}.wav");
        await File.WriteAllBytesAsync(wavFile, await wav.Content.ReadAsByteArrayAsync());
        var seconds = double.Parse(await RunAsync("soxi", "-D", wavFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seconds > 1, $"WAV lasts {seconds} s");

        var ogg = await client.GetAsync($"/admin/radio/bulletins/{id}/export/ogg");
        Assert.Equal("audio/ogg", ogg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("OggS"u8.ToArray(), (await ogg.Content.ReadAsByteArrayAsync())[..4]);

    }

    // "Nghe thử" plays in the page and stays with staff: citizens hear synthetic speech only when staff choose it.
    [Fact]
    public async Task SpeechPreview_NeverBecomesPublicByItself_PublishingSyntheticSpeechIsAnExplicitChoice()
    {
        var s = await CreateScriptAsync("Kịch bản nghe thử riêng", "UBND phường thông báo lịch tiếp công dân.");
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin nghe thử riêng", s);
        var builder = await client.GetStringAsync($"/admin/radio/bulletins/edit/{id}");
        Assert.Matches($"<audio[^>]*src=\"/admin/radio/bulletins/{id}/export/mp3\"", builder);
        var preview = await client.GetAsync($"/admin/radio/bulletins/{id}/export/mp3");
        Assert.Equal("audio/mpeg", preview.Content.Headers.ContentType!.MediaType);
        Assert.True(await client.GetAsync($"/admin/radio/bulletins/{id}/export/ogg") is { StatusCode: HttpStatusCode.OK });
        await MarkAiredAsync(client, $"bulletinId={id}", "2025-03-20", "06:31", "1:00");

        var anonymous = NewClient();
        Assert.DoesNotContain("<audio", await anonymous.GetStringAsync($"/phat-thanh/ban-tin/{id}"));
        foreach (var format in new[] { "ogg", "wav", "mp3" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/phat-thanh/ban-tin/{id}/audio.{format}")).StatusCode);
        }

        var unconfirmed = await client.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=publishSpeech", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains("giọng đọc máy", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/phat-thanh/ban-tin/{id}/audio.mp3")).StatusCode);

        var chosen = await client.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=publishSpeech", [new("confirmSynthetic", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/phat-thanh/ban-tin/{id}"));
        Assert.Contains($"src=\"/phat-thanh/ban-tin/{id}/audio.mp3\" type=\"audio/mpeg\"", page);
        Assert.Contains("giọng máy", page);
        Assert.DoesNotContain(".wav", page);
        var mp3 = await anonymous.GetAsync($"/phat-thanh/ban-tin/{id}/audio.mp3");
        Assert.Equal("audio/mpeg", mp3.Content.Headers.ContentType!.MediaType);
        Assert.Equal(BulletinAudio.Mp3, BulletinAudio.Sniff(await mp3.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<HttpResponseMessage> UploadRecordingAsync(HttpClient client, int id, string fileName, byte[] bytes)
    {
        var token = await client.GetAntiforgeryTokenAsync($"/admin/radio/bulletins/edit/{id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "recording", fileName },
        };
        return await client.PostAsync($"/admin/radio/bulletins/edit/{id}?handler=audio", form);
    }

    // One second of 8 kHz 16-bit mono silence: a real WAV, as a recorder writes it.
    private static byte[] SilentWav()
    {
        const int rate = 8000, bytes = rate * 2;
        var m = new MemoryStream();
        var w = new BinaryWriter(m);
        w.Write("RIFF"u8); w.Write(36 + bytes); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(bytes); w.Write(new byte[bytes]);
        return m.ToArray();
    }

    [Fact]
    public async Task RecordedReadingUpload_IsCheckedByItsContent_AndServedToCitizensAsMp3()
    {
        var s = await CreateScriptAsync("Kịch bản có bản ghi âm", FirstBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin có bản ghi âm", s);

        // A picture and a text file renamed to audio names are refused, by content, with the name in the message.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        foreach (var (name, bytes) in new[] { ("ban-ghi.mp3", png), ("ban-ghi.wav", Encoding.UTF8.GetBytes("không phải âm thanh")) })
        {
            var refused = await UploadRecordingAsync(client, id, name, bytes);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains($"Tệp “{name}” không phải bản ghi âm", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }
        Assert.Null((await SheetAsync(id)).Bulletin.PublicAudioFile);

        var accepted = await UploadRecordingAsync(client, id, "buoi-phat.wav", SilentWav());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = (await SheetAsync(id)).Bulletin;
        Assert.EndsWith(".mp3", stored.PublicAudioFile);
        Assert.False(stored.PublicAudioIsSynthetic);

        await MarkAiredAsync(client, $"bulletinId={id}", "2025-03-22", "06:30", "1:00");
        var anonymous = NewClient();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/phat-thanh/ban-tin/{id}"));
        Assert.Contains($"/phat-thanh/ban-tin/{id}/audio.mp3", page);
        Assert.DoesNotContain("giọng máy", page);
        var mp3 = await anonymous.GetAsync($"/phat-thanh/ban-tin/{id}/audio.mp3");
        Assert.Equal(HttpStatusCode.OK, mp3.StatusCode);
        Assert.Equal(BulletinAudio.Mp3, BulletinAudio.Sniff(await mp3.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=", "wav")]
    [InlineData("SUQzBAAAAAAAAA==", "mp3")]
    [InlineData("//uQxAAAAAAAAAAAAAAA", "mp3")]
    [InlineData("AAAAIGZ0eXBNNEEgAAACAGlzb21pc28y", "m4a")]
    public void AudioSniffer_KnowsTheFormatsByTheirFirstBytes(string base64, string extension) =>
        Assert.Equal(extension, BulletinAudio.Sniff(Convert.FromBase64String(base64))!.Extension);

    [Fact]
    public void AudioSniffer_TellsOpusFromVorbisInOgg_AndRefusesOtherOggStreams()
    {
        byte[] Ogg(string codec) => [.. "OggS"u8.ToArray(), .. new byte[24], .. Encoding.ASCII.GetBytes(codec), .. new byte[8]];
        Assert.Equal(BulletinAudio.Opus, BulletinAudio.Sniff(Ogg("OpusHead")));
        Assert.Equal(BulletinAudio.OggVorbis, BulletinAudio.Sniff(Ogg("\u0001vorbis")));
        Assert.Null(BulletinAudio.Sniff(Ogg("\u0080theora")));
    }

    private static string StampOf(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"Input.Stamp\" value=\"([^\"]*)\"").Groups[1].Value);

    // Two people edit the same bulletin's details: the second save does not silently replace the first.
    [Fact]
    public async Task BulletinDetails_SavedFromTwoSessions_TheLaterIs409WithItsTextKept()
    {
        var first = await RadioClientAsync();
        var id = await CreateBulletinAsync(first, "Bản tin hai phiên");
        var second = await RadioClientAsync();
        var stampA = StampOf(await first.GetStringAsync($"/admin/radio/bulletins/edit/{id}"));
        var stampB = StampOf(await second.GetStringAsync($"/admin/radio/bulletins/edit/{id}"));
        Assert.NotEmpty(stampA);
        Assert.Equal(stampA, stampB);

        KeyValuePair<string, string>[] Details(string title, string stamp) =>
        [
            new("Input.Title", title), new("Input.AirDate", "2025-03-20"), new("Input.AirTime", "06:30"), new("Input.Target", "15:00"),
            new("Input.OpeningLine", "Lời mở của " + title), new("Input.ClosingLine", ""), new("Input.Stamp", stamp),
        ];
        var saved = await first.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=save", Details("Tiêu đề phiên thứ nhất", stampA));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var late = await second.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=save", Details("Tiêu đề phiên thứ hai", stampB));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync());
        Assert.Contains("vừa được lưu ở một phiên khác", html);
        Assert.Contains("value=\"Tiêu đề phiên thứ hai\"", html); // what they typed is still in the form
        Assert.Contains("Lời mở của Tiêu đề phiên thứ hai", html);
        Assert.Equal("Tiêu đề phiên thứ nhất", (await SheetAsync(id)).Bulletin.Title);

        // Having seen the warning, they may save again on purpose: the form now carries the current stamp.
        var again = await second.PostFormAsync($"/admin/radio/bulletins/edit/{id}", $"/admin/radio/bulletins/edit/{id}?handler=save", Details("Tiêu đề phiên thứ hai", StampOf(html)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Tiêu đề phiên thứ hai", (await SheetAsync(id)).Bulletin.Title);
    }

    private static async Task<HttpResponseMessage> MarkAiredAsync(HttpClient client, string query, string date, string time, string duration, string note = "")
    {
        var url = $"/admin/radio/mark-aired?{query}";
        return await client.PostFormAsync(url, url,
            [new("Input.Date", date), new("Input.Time", time), new("Input.Duration", duration), new("Input.Announcer", "Nguyễn Thị Lan"), new("Input.Note", note)]);
    }

    private static string TodayIct(int addDays = 0) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, PublishedContent.Ict)).AddDays(addDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task MarkAired_AtATimeInTheFuture_IsRefusedWithAMessage_AndNothingIsRecorded()
    {
        var s = await CreateScriptAsync("Chưa phát đã ghi", FirstBody);
        var client = await RadioClientAsync();

        var res = await MarkAiredAsync(client, $"scriptId={s}", TodayIct(1), "06:30", "2:00", "Ghi trước");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains("còn ở phía trước; chỉ ghi nhật ký sau khi đã phát", html);
        Assert.Contains("Ghi trước", html); // what was typed is kept
        Assert.Empty((await RecordsAsync(s)).Records);
    }

    [Theory]
    [InlineData("6h30")]
    [InlineData("6g30")]
    [InlineData("6:30")]
    [InlineData("06.30")]
    [InlineData("6 giờ 30")]
    public async Task MarkAired_TimeWrittenTheVietnameseWay_IsAccepted(string time)
    {
        var s = await CreateScriptAsync($"Giờ viết kiểu {time}", FirstBody);
        var client = await RadioClientAsync();

        var res = await MarkAiredAsync(client, $"scriptId={s}", "2025-08-05", time, "2:00");

        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var record = Assert.Single((await RecordsAsync(s)).Records);
        Assert.Equal(new DateTime(2025, 8, 4, 23, 30, 0), record.AiredUtc); // 06:30 ICT
    }

    [Fact]
    public async Task Builder_AirTimeWritten6g15Chieu_IsSavedAs1815_AndNonsenseIsRefused()
    {
        var client = await RadioClientAsync();
        var ok = await client.PostFormAsync("/admin/radio/bulletins/edit", "/admin/radio/bulletins/edit?handler=save",
            [new("Input.Title", "Bản tin chiều"), new("Input.AirDate", "2025-03-21"), new("Input.AirTime", "6g15 chiều"), new("Input.Target", "15:00")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var id = int.Parse(ok.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(new TimeOnly(18, 15), (await SheetAsync(id)).Bulletin.AirTime);

        var bad = await client.PostFormAsync("/admin/radio/bulletins/edit", "/admin/radio/bulletins/edit?handler=save",
            [new("Input.Title", "Bản tin giờ sai"), new("Input.AirDate", "2025-03-21"), new("Input.AirTime", "25h"), new("Input.Target", "15:00")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Giờ phát “25h” không hợp lệ", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Builder_ListsCandidateScripts_NewestFirst()
    {
        var older = await CreateScriptAsync("Ứng viên cũ hơn", FirstBody);
        var newer = await CreateScriptAsync("Ứng viên mới hơn", SecondBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin chọn kịch bản");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/admin/radio/bulletins/edit/{id}"));
        var newerAt = html.IndexOf("Ứng viên mới hơn", StringComparison.Ordinal);
        var olderAt = html.IndexOf("Ứng viên cũ hơn", StringComparison.Ordinal);
        Assert.True(newerAt >= 0 && olderAt > newerAt, $"newer at {newerAt}, older at {olderAt}");
    }

    [Fact]
    public async Task PublicBulletin_TitleIsNotFollowedByTheDate_AndShowsTheAiredLengthFromTheLog()
    {
        var s = await CreateScriptAsync("Tin thời lượng thực", FirstBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin sáng 20/3 LEN", s);
        await MarkAiredAsync(client, $"bulletinId={id}", "2025-03-20", "06:35", "4:10");

        var anonymous = NewClient();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/phat-thanh/ban-tin/{id}"));
        Assert.Contains("<h1>Bản tin sáng 20/3 LEN</h1>", page);
        Assert.Contains("06:35 ngày 20/03/2025", page);
        Assert.Contains("thời lượng 4 phút 10 giây", page);
        Assert.DoesNotContain("ước tính", page);
        var list = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/phat-thanh"));
        Assert.Contains($">Bản tin sáng 20/3 LEN</a>", list);
    }

    [Fact]
    public async Task AsRun_RecordedBy_ShowsTheStaffMembersFullName()
    {
        var s = await CreateScriptAsync("Người ghi nhật ký", FirstBody);
        var client = await RadioClientAsync();
        await MarkAiredAsync(client, $"scriptId={s}", "2025-09-02", "06:30", "1:00", "Ghi bởi cán bộ");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/radio/as-run?thang=2025-09"));
        var row = html[html.IndexOf("Ghi bởi cán bộ", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("Cán bộ radio1", row);
        Assert.Equal("Cán bộ radio1", Assert.Single((await RecordsAsync(s)).Records).RecordedByName);
    }

    private Task<(int SiteId, List<AirRecord> Records)> RecordsAsync(params int[] items) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        return (site.Id, await db.Set<AirRecord>().AsNoTracking().Where(r => items.Contains(r.ContentItemId)).OrderBy(r => r.Id).ToListAsync());
    });

    private Task<IReadOnlyList<CountingEvent>> RadioEventsAsync(int siteId, DateTime from, DateTime to) => factory.WithScopeAsync(async sp =>
    {
        var source = sp.GetServices<ICountingEventSource>().OfType<RadioAiringSource>().Single();
        return await source.LoadAsync(siteId, from, to, CancellationToken.None);
    });

    [Fact]
    public async Task MarkAired_Bulletin_RecordsEachScript_AndTheAiringSourceCountsThem()
    {
        var a = await CreateScriptAsync("Lên sóng A", FirstBody);
        var b = await CreateScriptAsync("Lên sóng B", SecondBody);
        var client = await RadioClientAsync();
        var id = await CreateBulletinAsync(client, "Bản tin lên sóng", a, b);

        var res = await MarkAiredAsync(client, $"bulletinId={id}", "2025-05-31", "23:30", "12:30", "Phát đủ");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var (siteId, records) = await RecordsAsync(a, b);
        Assert.Equal(2, records.Count);
        Assert.Equal(750, records.Sum(r => r.DurationSeconds));
        // 23:30 ICT on 31 May is 16:30 UTC the same day: it counts for May.
        Assert.Equal(new DateTime(2025, 5, 31, 16, 30, 0), records.Min(r => r.AiredUtc));
        var events = await RadioEventsAsync(siteId, new DateTime(2025, 5, 1), new DateTime(2025, 6, 1));
        var forA = Assert.Single(events, e => e.ContentItemId == a.ToString());
        Assert.Equal(CountingEventKind.AiredOnRadio, forA.Kind);
        Assert.Equal("radio", forA.Channel);
        Assert.Equal("RadioScript", forA.ContentType);
        Assert.Equal(TimeSpan.FromSeconds(records.Single(r => r.ContentItemId == a).DurationSeconds), forA.Duration);
        Assert.Equal(BulletinStatus.Aired, (await SheetAsync(id)).Bulletin.Status);
    }

    [Fact]
    public async Task AiringSource_CarriesTheTopicsAndPlanTasksOfThePublishedScript()
    {
        var (scriptId, taskId) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WardDbContext>();
            var script = await db.ContentItems.Where(i => i.PublishedSlug == "ba-con-da-co-tai-khoan-dinh-danh-dien-tu-chua-phat-thanh").Select(i => i.Id).SingleAsync();
            var task = await db.PlanTasks.Where(t => t.Number == 3).Select(t => t.Id).FirstAsync();
            return (script, task);
        });
        var client = await RadioClientAsync();
        var res = await MarkAiredAsync(client, $"scriptId={scriptId}", "2025-02-18", "17:00", "1:20");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var (siteId, _) = await RecordsAsync(scriptId);
        var events = await RadioEventsAsync(siteId, new DateTime(2025, 2, 1), new DateTime(2025, 3, 1));
        var e = Assert.Single(events, x => x.ContentItemId == scriptId.ToString());
        Assert.Equal(["g"], e.Topics);
        Assert.Contains(taskId.ToString(), e.PlanTaskIds);
        Assert.Equal("vhxh", e.UnitKey);
        Assert.Equal(new DateTimeOffset(2025, 2, 18, 10, 0, 0, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public async Task Correction_SupersedesTheOldRecord_AndOnlyTheNewOneCounts()
    {
        var s = await CreateScriptAsync("Sửa nhật ký", FirstBody);
        var client = await RadioClientAsync();
        await MarkAiredAsync(client, $"scriptId={s}", "2025-06-10", "06:30", "2:00");
        var (siteId, first) = await RecordsAsync(s);
        var old = Assert.Single(first);

        var res = await MarkAiredAsync(client, $"correct={old.Id}", "2025-06-10", "06:35", "2:40", "Phát muộn 5 phút");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var (_, records) = await RecordsAsync(s);
        Assert.Equal(2, records.Count);
        var replacement = records.Single(r => r.Id != old.Id);
        Assert.Equal(replacement.Id, records.Single(r => r.Id == old.Id).SupersededById);
        var events = await RadioEventsAsync(siteId, new DateTime(2025, 6, 1), new DateTime(2025, 7, 1));
        var e = Assert.Single(events, x => x.ContentItemId == s.ToString());
        Assert.Equal(TimeSpan.FromSeconds(160), e.Duration);

        var page = await client.GetStringAsync("/admin/radio/as-run?thang=2025-06");
        Assert.Contains("Phát muộn 5 phút", page);
        Assert.Contains("Bản ghi cũ (đã sửa)", page);
    }

    [Fact]
    public async Task AsRunExports_XlsxAndCsv_ContainTheMonthsRows()
    {
        var s = await CreateScriptAsync("Nhật ký tháng bảy", FirstBody);
        var client = await RadioClientAsync();
        await MarkAiredAsync(client, $"scriptId={s}", "2025-07-15", "17:00", "3:05", "Phát lại");

        var csv = await client.GetAsync("/admin/radio/as-run/2025-7.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var csvText = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("15/07/2025 17:00", csvText);
        Assert.Contains("Nhật ký tháng bảy", csvText);
        Assert.Contains("03:05", csvText);

        var xlsx = await client.GetAsync("/admin/radio/as-run/2025-7.xlsx");
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var strings = await new StreamReader(zip.GetEntry("xl/sharedStrings.xml")!.Open()).ReadToEndAsync();
        Assert.Contains("Nhật ký tháng bảy", strings);
        Assert.Contains("Phát lại", strings);
    }

    [Fact]
    public async Task PublicBulletins_ShowOnlyAiredBulletins()
    {
        var s = await CreateScriptAsync("Tin công khai", FirstBody);
        var client = await RadioClientAsync();
        var aired = await CreateBulletinAsync(client, "Bản tin đã phát XYZ", s);
        var draft = await CreateBulletinAsync(client, "Bản tin chưa phát QWE", s);
        await MarkAiredAsync(client, $"bulletinId={aired}", "2025-03-20", "06:30", "1:30");

        var anonymous = NewClient();
        var list = await anonymous.GetStringAsync("/phat-thanh");
        Assert.Contains("Bản tin đã phát XYZ", list);
        Assert.DoesNotContain("Bản tin chưa phát QWE", list);
        Assert.Contains("UBND phường tổ chức hội nghị", list); // the original reads better in print
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/phat-thanh/ban-tin/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/phat-thanh/ban-tin/{aired}")).StatusCode);
    }

    [Fact]
    public async Task ScriptsList_ShowsTheEstimate_AndTheActualDurationOnceAired()
    {
        var s = await CreateScriptAsync("Danh sách ước tính", FirstBody);
        var client = await RadioClientAsync();
        await MarkAiredAsync(client, $"scriptId={s}", "2025-08-01", "06:30", "2:05");

        var html = await client.GetStringAsync("/admin/radio");
        var row = html[html.IndexOf("Danh sách ước tính", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("≈ ", row);
        Assert.Contains("2 phút 5 giây", row);
        foreach (var page in new[] { "/admin/radio/bulletins", "/admin/radio/announcers", "/admin/radio/abbreviations", "/admin/radio/as-run" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/admin/radio")]
    [InlineData("/admin/radio/bulletins")]
    [InlineData("/admin/radio/as-run")]
    [InlineData("/admin/radio/as-run/2025-3.csv")]
    public async Task RadioPages_ForAnEditorWithoutTheRadioRole_AreForbidden(string url)
    {
        var client = NewClient();
        await client.LoginAsync("editor1", WardAppFactory.StaffPassword);
        var res = await client.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.Forbidden
            || (res.StatusCode == HttpStatusCode.Redirect && res.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.OrdinalIgnoreCase)),
            $"{url} answered {(int)res.StatusCode} {res.Headers.Location}");
    }

    [Fact]
    public async Task Abbreviations_AddedByTheWard_AreReadOutInFull()
    {
        var client = await RadioClientAsync();
        var add = await client.PostFormAsync("/admin/radio/abbreviations", "/admin/radio/abbreviations?handler=add",
            [new("Abbreviation", "TDPX"), new("Expansion", "tổ dân phố số mười")]);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var s = await CreateScriptAsync("Viết tắt riêng", "Họp TDPX tối nay.");
        var text = await client.GetStringAsync($"/admin/radio/scripts/{s}/export/txt");
        Assert.Contains("Họp tổ dân phố số mười tối nay.", text);
    }

    private static string Collapse(string s) => Regex.Replace(s.Normalize(NormalizationForm.FormC), @"\s+", " ").Trim();

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {await p.StandardError.ReadToEndAsync()}");
        return output;
    }

    [GeneratedRegex("<w:t(?: [^>]*)?>([^<]*)</w:t>")]
    private static partial Regex TextRuns();
}

public sealed class SqliteRadioDeskTests(KestrelSqliteAppFactory f) : RadioDeskTests<KestrelSqliteAppFactory>(f);

public sealed class PostgresRadioDeskTests(KestrelPostgresAppFactory f) : RadioDeskTests<KestrelPostgresAppFactory>(f);
