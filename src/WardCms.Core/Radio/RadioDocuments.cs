using System.Globalization;
using System.Text;
using WardCms.Core.Exports;
using WardCms.Core.Sites;

namespace WardCms.Core.Radio;

/// <summary>The printed and plain-text forms of a bulletin or a single script, from the same timed sheet.</summary>
public static class RadioDocuments
{
    public const string DocumentType = "KỊCH BẢN PHÁT THANH";
    public const string OpeningCue = "[Lời mở đầu]";
    public const string ClosingCue = "[Lời kết]";

    public static AdministrativeDocument Docx(Site site, BulletinSheet sheet)
    {
        var b = sheet.Bulletin;
        var body = new List<DocumentBlock>
        {
            new MetadataLineBlock("Phát thanh viên", sheet.AnnouncerName ?? "…"),
            new MetadataLineBlock("Ngày phát", b.AirDateLocal.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
            new MetadataLineBlock("Giờ phát", b.AirTime.ToString("HH:mm", CultureInfo.InvariantCulture)),
            new MetadataLineBlock("Thời lượng ước tính", $"{ReadTimeEstimator.Format(sheet.Total)} ({sheet.Rate} tiếng/phút)"),
        };
        if (b.TargetSeconds > 0)
        {
            body.Add(new MetadataLineBlock("Thời lượng dự kiến", ReadTimeEstimator.Format(sheet.Target)));
        }
        if (sheet.Opening.Normalised.Length > 0)
        {
            body.Add(new CueBlock(OpeningCue));
            body.Add(new ParagraphBlock(sheet.Opening.Normalised));
        }
        var n = 0;
        foreach (var item in sheet.Items)
        {
            n++;
            AddScript(body, item, $"{n}. {item.Script.Title}");
        }
        if (sheet.Closing.Normalised.Length > 0)
        {
            body.Add(new CueBlock(ClosingCue));
            body.Add(new ParagraphBlock(sheet.Closing.Normalised));
        }
        return Frame(site, b.AirDateLocal, b.Title, body);
    }

    public static AdministrativeDocument Docx(Site site, TimedScript script, int rate)
    {
        var d = script.Script.Broadcast;
        var body = new List<DocumentBlock>
        {
            new MetadataLineBlock("Phát thanh viên", d.Announcer.Length > 0 ? d.Announcer : "…"),
            new MetadataLineBlock("Ngày phát", d.AirDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "…"),
            new MetadataLineBlock("Giờ phát", d.Slot.Length > 0 ? d.Slot : "…"),
            new MetadataLineBlock("Thời lượng ước tính", $"{ReadTimeEstimator.Format(script.Estimate)} ({rate} tiếng/phút)"),
        };
        if (d.PronunciationNotes.Length > 0)
        {
            body.Add(new MetadataLineBlock("Lưu ý phát âm", d.PronunciationNotes));
        }
        AddScript(body, script, null);
        return Frame(site, d.AirDate ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)), script.Script.Title, body);
    }

    private static void AddScript(List<DocumentBlock> body, TimedScript item, string? heading)
    {
        if (heading is not null)
        {
            body.Add(new HeadingBlock(heading, 2));
            body.Add(new MetadataLineBlock("Thời lượng ước tính", ReadTimeEstimator.Format(item.Estimate)));
        }
        if (item.Opening.Normalised.Length > 0)
        {
            body.Add(new CueBlock(OpeningCue));
            body.Add(new ParagraphBlock(item.Opening.Normalised));
        }
        foreach (var p in item.Paragraphs)
        {
            body.Add(new ParagraphBlock(p.Normalised));
        }
        foreach (var cue in item.Script.Broadcast.Cues)
        {
            body.Add(new CueBlock(CueText(cue)));
        }
        if (item.Closing.Normalised.Length > 0)
        {
            body.Add(new CueBlock(ClosingCue));
            body.Add(new ParagraphBlock(item.Closing.Normalised));
        }
    }

    public static string CueText(Content.Parts.BroadcastPart.Cue cue)
    {
        var parts = new List<string> { cue.Label.Length > 0 ? cue.Label : "Chèn băng" };
        if (cue.InWords.Length > 0)
        {
            parts.Add($"Vào: “{cue.InWords}”");
        }
        if (cue.OutWords.Length > 0)
        {
            parts.Add($"Ra: “{cue.OutWords}”");
        }
        if (cue.Seconds > 0)
        {
            parts.Add(ReadTimeEstimator.Format(TimeSpan.FromSeconds(cue.Seconds)));
        }
        return "[" + string.Join(" – ", parts) + "]";
    }

    private static AdministrativeDocument Frame(Site site, DateOnly date, string title, List<DocumentBlock> body) => new()
    {
        IssuingParent = site.IssuingParent,
        IssuingBody = site.IssuingBody,
        Place = site.PlaceName,
        Date = date,
        DocumentType = DocumentType,
        Title = title,
        Body = body,
        Layout = DocumentLayout.Script,
    };

    // For teleprompters: the reading text with cue lines in brackets, nothing else to misread.
    public static string PlainText(BulletinSheet sheet, bool original = false)
    {
        var b = sheet.Bulletin;
        var s = new StringBuilder();
        s.Append(b.Title).Append('\n');
        s.Append($"Ngày phát: {b.AirDateLocal:dd/MM/yyyy} – Giờ phát: {b.AirTime:HH:mm} – Thời lượng ước tính: {ReadTimeEstimator.Format(sheet.Total)}\n\n");
        if (sheet.Opening.Original.Length > 0)
        {
            s.Append(OpeningCue).Append('\n').Append(original ? sheet.Opening.Original : sheet.Opening.Normalised).Append("\n\n");
        }
        var n = 0;
        foreach (var item in sheet.Items)
        {
            n++;
            s.Append($"{n}. {item.Script.Title} ({ReadTimeEstimator.Format(item.Estimate)})\n\n");
            AppendScript(s, item, original);
        }
        if (sheet.Closing.Original.Length > 0)
        {
            s.Append(ClosingCue).Append('\n').Append(original ? sheet.Closing.Original : sheet.Closing.Normalised).Append('\n');
        }
        return s.ToString();
    }

    public static string PlainText(TimedScript script, bool original = false)
    {
        var s = new StringBuilder();
        s.Append(script.Script.Title).Append('\n');
        s.Append($"Thời lượng ước tính: {ReadTimeEstimator.Format(script.Estimate)}\n\n");
        AppendScript(s, script, original);
        return s.ToString();
    }

    private static void AppendScript(StringBuilder s, TimedScript item, bool original)
    {
        if (item.Opening.Original.Length > 0)
        {
            s.Append(OpeningCue).Append('\n').Append(original ? item.Opening.Original : item.Opening.Normalised).Append("\n\n");
        }
        foreach (var p in item.Paragraphs)
        {
            s.Append(original ? p.Original : p.Normalised).Append("\n\n");
        }
        foreach (var cue in item.Script.Broadcast.Cues)
        {
            s.Append(CueText(cue)).Append("\n\n");
        }
        if (item.Closing.Original.Length > 0)
        {
            s.Append(ClosingCue).Append('\n').Append(original ? item.Closing.Original : item.Closing.Normalised).Append("\n\n");
        }
    }
}
