using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Exports;
using WardCms.Core.Radio;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Endpoints;

/// <summary>Radio exports (DOCX, PDF, text, audio), the live read-time estimate, the as-run log files and public audio.</summary>
public static class RadioExportEndpoints
{
    public const string NoSpeechMessage = "Máy chủ chưa cài espeak-ng nên chưa tạo được bản đọc thử.";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static WebApplication MapRadioEndpoints(this WebApplication app)
    {
        app.MapPost("/admin/radio/estimate", EstimateAsync).RequireAuthorization(Permissions.EditContent).DisableAntiforgery();
        var radio = app.MapGroup("/admin/radio").RequireAuthorization(Permissions.ManageRadio);
        radio.MapGet("/bulletins/{id:int}/export/{format}", BulletinExportAsync);
        radio.MapGet("/scripts/{id:int}/export/{format}", ScriptExportAsync);
        radio.MapGet("/as-run/{year:int}-{month:int}.{format}", AsRunExportAsync);
        app.MapGet("/phat-thanh/ban-tin/{id:int}/audio.{format}", PublicAudioAsync).AllowAnonymous();
        return app;
    }

    // Form post (text + antiforgery token), so the editor's script can call it with its own page token.
    private static async Task<IResult> EstimateAsync(HttpContext http, IAntiforgery antiforgery, SiteContext sites, RadioDesk desk, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem("Phiên làm việc đã hết hạn, hãy tải lại trang.", statusCode: 400);
        }
        var form = await http.Request.ReadFormAsync(ct);
        var text = WardCms.Core.Language.Vietnamese.Nfc(form["text"].ToString());
        if (text.Length > WardCms.Core.Content.Parts.CommonPart.MaxBody)
        {
            return Results.Problem($"Nội dung dài quá {WardCms.Core.Content.Parts.CommonPart.MaxBody:N0} ký tự.", statusCode: 400);
        }
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var rate = int.TryParse(form["rate"], CultureInfo.InvariantCulture, out var r) && r is >= ReadTimeEstimator.MinSyllablesPerMinute and <= ReadTimeEstimator.MaxSyllablesPerMinute
            ? r
            : await desk.SiteRateAsync(site.Id, ct);
        var normalizer = await desk.NormalizerAsync(site.Id, ct);
        var syllables = RadioDesk.SplitParagraphs(text).Sum(p => RadioDesk.Read(normalizer, p, rate).Syllables);
        var seconds = ReadTimeEstimator.FromSyllables(syllables, rate);
        return Results.Json(new { syllables, seconds = (int)seconds.TotalSeconds, rate, formatted = RadioDesk.FormatEstimate(seconds) });
    }

    private static async Task<IResult> BulletinExportAsync(
        int id, string format, bool? goc, HttpContext http, SiteContext sites, RadioDesk desk,
        Decree30DocxWriter docx, ChromiumPdfPrinter pdf, SpeechSynthesizer speech, IDataProtectionProvider protection, IConfiguration config, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var sheet = await desk.LoadBulletinAsync(site.Id, id, ct);
        if (sheet is null)
        {
            return Results.NotFound();
        }
        var name = $"ban-tin-{sheet.Bulletin.AirDateLocal:yyyy-MM-dd}-{id}";
        switch (format)
        {
            case "docx":
                return Results.File(docx.ToBytes(RadioDocuments.Docx(site, sheet)), Docx, name + ".docx");
            case "txt":
                return Text(RadioDocuments.PlainText(sheet, goc == true), name + ".txt");
            case "pdf":
                return await PdfAsync(http, pdf, protection, config, "bulletin", id, name, ct);
            case "wav" or "ogg" or "mp3":
                if (!speech.IsAvailable)
                {
                    return Results.Problem(NoSpeechMessage, statusCode: 503);
                }
                // A preview for staff only: citizens hear it only if staff publish it on the builder.
                return await AudioAsync(speech, await speech.SynthesizeAsync(sheet.ReadingText, sheet.Rate, ct: ct), format, name, ct);
            default:
                return Results.NotFound();
        }
    }

    private static async Task<IResult> ScriptExportAsync(
        int id, string format, bool? goc, HttpContext http, SiteContext sites, RadioDesk desk, WardDbContext db,
        Decree30DocxWriter docx, ChromiumPdfPrinter pdf, SpeechSynthesizer speech, IDataProtectionProvider protection, IConfiguration config, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var script = await desk.FindScriptAsync(site.Id, id, ct);
        if (script is null)
        {
            return Results.NotFound();
        }
        var rate = await ScriptRateAsync(db, desk, site.Id, script, ct);
        var timed = await desk.TimeScriptAsync(site.Id, script, rate, TimeSpan.Zero, ct);
        var name = $"kich-ban-{id}";
        switch (format)
        {
            case "docx":
                return Results.File(docx.ToBytes(RadioDocuments.Docx(site, timed, rate)), Docx, name + ".docx");
            case "txt":
                return Text(RadioDocuments.PlainText(timed, goc == true), name + ".txt");
            case "pdf":
                return await PdfAsync(http, pdf, protection, config, "script", id, name, ct);
            case "wav" or "ogg" or "mp3":
                if (!speech.IsAvailable)
                {
                    return Results.Problem(NoSpeechMessage, statusCode: 503);
                }
                return await AudioAsync(speech, await speech.SynthesizeAsync(timed.ReadingText, rate, ct: ct), format, name, ct);
            default:
                return Results.NotFound();
        }
    }

    // The announcer named on the script reads at their own pace when the desk knows them.
    public static async Task<int> ScriptRateAsync(WardDbContext db, RadioDesk desk, int siteId, ScriptText script, CancellationToken ct) =>
        await db.Set<Announcer>().Where(a => a.SiteId == siteId && a.Name == script.Broadcast.Announcer)
            .Select(a => (int?)a.SyllablesPerMinute).FirstOrDefaultAsync(ct) ?? await desk.SiteRateAsync(siteId, ct);

    private static async Task<IResult> PdfAsync(HttpContext http, ChromiumPdfPrinter pdf, IDataProtectionProvider protection, IConfiguration config, string kind, int id, string name, CancellationToken ct)
    {
        if (!pdf.IsAvailable)
        {
            return Results.Problem("Máy chủ chưa cài Chromium nên chưa tạo được PDF; hãy dùng bản in trên trình duyệt.", statusCode: 503);
        }
        // Chromium fetches the print view from this same server; behind a proxy the operator sets the inside address.
        var baseUrl = config["WardCms:PrintBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}";
        var token = Uri.EscapeDataString(PrintLinks.Token(protection, kind, id));
        var bytes = await pdf.PrintToPdfAsync(new Uri($"{baseUrl}/radio/in/{kind}/{id}?token={token}"), ct);
        return Results.File(bytes, "application/pdf", name + ".pdf");
    }

    private static IResult Text(string text, string fileName) =>
        Results.File(new UTF8Encoding(false).GetBytes(text), "text/plain; charset=utf-8", fileName);

    public const string NoMp3Message = "Máy chủ chưa cài bộ chuyển MP3 của sox (libsox-fmt-mp3) nên chưa tạo được bản MP3; hãy tải bản OGG hoặc WAV.";

    // Range processing lets the page's <audio> player seek.
    private static async Task<IResult> AudioAsync(SpeechSynthesizer speech, SpeechResult audio, string format, string name, CancellationToken ct)
    {
        switch (format)
        {
            case "wav":
                return Results.File(audio.WavPath, "audio/wav", name + ".wav", enableRangeProcessing: true);
            case "mp3":
                try
                {
                    return Results.File(await speech.Mp3Async(audio, ct), "audio/mpeg", name + ".mp3", enableRangeProcessing: true);
                }
                catch (SpeechSynthesisException)
                {
                    return Results.Problem(NoMp3Message, statusCode: 503);
                }
            default:
                return Results.File(audio.OggPath, "audio/ogg", name + ".ogg", enableRangeProcessing: true);
        }
    }

    private static async Task<IResult> AsRunExportAsync(int year, int month, string format, HttpContext http, SiteContext sites, WardDbContext db, CancellationToken ct)
    {
        if (month is < 1 or > 12 || year is < 2000 or > 2100)
        {
            return Results.Problem("Tháng không hợp lệ (cần dạng năm-tháng, ví dụ 2025-03).", statusCode: 400);
        }
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var rows = await AsRunRows.LoadAsync(db, site.Id, year, month, ct);
        var name = $"nhat-ky-phat-thanh-{year}-{month:00}";
        if (format == "csv")
        {
            var lines = new List<IEnumerable<string?>> { AsRunRows.Headers };
            lines.AddRange(rows.Select(r => r.Fields()));
            return Results.File(await CsvWriter.ToBytesAsync(lines, ct: ct), "text/csv; charset=utf-8", name + ".csv");
        }
        if (format == "xlsx")
        {
            var book = new XlsxWorkbookWriter();
            var sheet = book.AddSheet($"Tháng {month:00}-{year}", AsRunRows.Headers.Select((h, i) => new XlsxColumn(h, i == 1 ? 50 : 18)).ToList());
            foreach (var r in rows)
            {
                sheet.AddRow(XlsxCell.FromDateTime(r.AiredLocal), r.Title, r.Bulletin ?? "", RadioDesk.Clock(TimeSpan.FromSeconds(r.DurationSeconds)), r.DurationSeconds, r.Announcer, r.Note, r.RecordedBy);
            }
            return Results.File(book.ToBytes(), Xlsx, name + ".xlsx");
        }
        return Results.NotFound();
    }

    // Only aired bulletins, and only the file staff published (a recording, or synthetic speech they chose):
    // the public can never make the server synthesise, and a staff preview never becomes public by itself.
    private static async Task<IResult> PublicAudioAsync(int id, string format, HttpContext http, SiteContext sites, WardDbContext db, BulletinAudio audio, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var file = await db.Set<Bulletin>()
            .Where(b => b.Id == id && b.SiteId == site.Id && b.Status == BulletinStatus.Aired)
            .Select(b => b.PublicAudioFile).FirstOrDefaultAsync(ct);
        if (audio.PathOf(file) is not { } path || !path.EndsWith("." + format, StringComparison.Ordinal) || !File.Exists(path))
        {
            return Results.NotFound();
        }
        return Results.File(path, BulletinAudio.KindOfFile(path)!.ContentType, enableRangeProcessing: true);
    }
}

/// <summary>One line of the monthly as-run log, as the page and the XLSX/CSV files show it.</summary>
public sealed record AsRunRow(int Id, DateTime AiredLocal, string Title, int ContentItemId, string? Bulletin, int? BulletinId, int DurationSeconds, string Announcer, string Note, string RecordedBy, DateTime RecordedLocal, int? SupersededById)
{
    public IEnumerable<string?> Fields() =>
    [
        AiredLocal.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), Title, Bulletin,
        RadioDesk.Clock(TimeSpan.FromSeconds(DurationSeconds)), DurationSeconds.ToString(CultureInfo.InvariantCulture), Announcer, Note, RecordedBy,
    ];
}

public static class AsRunRows
{
    public static readonly TimeZoneInfo Ict = WardCms.Core.Content.PublishedContent.Ict;
    public static readonly string[] Headers = ["Thời điểm phát", "Kịch bản", "Bản tin", "Thời lượng", "Số giây", "Phát thanh viên", "Ghi chú", "Người ghi"];

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Ict);

    public static DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Ict);

    /// <summary>The month's airings in ICT; corrected records only with <paramref name="withHistory"/>.</summary>
    public static async Task<List<AsRunRow>> LoadAsync(WardDbContext db, int siteId, int year, int month, CancellationToken ct, bool withHistory = false)
    {
        var fromUtc = ToUtc(new DateTime(year, month, 1));
        var toUtc = ToUtc(new DateTime(year, month, 1).AddMonths(1));
        var rows = await (from r in db.Set<AirRecord>().AsNoTracking()
                          join i in db.ContentItems.AsNoTracking() on r.ContentItemId equals i.Id
                          join b in db.Set<Bulletin>().AsNoTracking() on r.BulletinId equals (int?)b.Id into bs
                          from b in bs.DefaultIfEmpty()
                          where r.SiteId == siteId && r.AiredUtc >= fromUtc && r.AiredUtc < toUtc && (withHistory || r.SupersededById == null)
                          orderby r.AiredUtc, r.Id
                          select new { r, i.Title, Bulletin = b == null ? null : b.Title }).ToListAsync(ct);
        // "Người ghi" is a person: the account's full name today (records made before names were looked up hold a login).
        var userIds = rows.Where(x => x.r.RecordedById != null).Select(x => x.r.RecordedById!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.FullName != "")
            .Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return rows.Select(x => new AsRunRow(x.r.Id, ToLocal(x.r.AiredUtc), x.Title, x.r.ContentItemId, x.Bulletin, x.r.BulletinId, x.r.DurationSeconds,
            x.r.AnnouncerName, x.r.Note, x.r.RecordedById is { } uid && names.TryGetValue(uid, out var n) ? n : x.r.RecordedByName,
            ToLocal(x.r.RecordedUtc), x.r.SupersededById)).ToList();
    }
}
