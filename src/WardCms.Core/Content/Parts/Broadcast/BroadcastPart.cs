using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Broadcast details of a radio script; the body of the common part is the text to read.</summary>
public sealed class BroadcastPart : ContentPartDefinition<BroadcastPart.Data>
{
    public const string PartName = "broadcast";

    public override string Name => PartName;
    public override string DisplayName => "Phát thanh";
    public override string? EditorView => "/Content/Parts/Broadcast/Edit.cshtml";

    public static readonly IReadOnlyDictionary<string, string> Priorities = new Dictionary<string, string>
    {
        ["normal"] = "Thông thường",
        ["priority"] = "Ưu tiên",
        ["urgent"] = "Khẩn cấp",
    };

    public override IReadOnlyDictionary<string, (string Label, string Expected)> InputLabels { get; } = new Dictionary<string, (string, string)>
    {
        ["AirDate"] = ("Ngày phát dự kiến", "ngày theo dạng ngày/tháng/năm"),
        ["Seconds"] = ("Số giây của đoạn chèn", "một số nguyên"),
        ["ActualSeconds"] = ("Thời lượng thực tế", "một số giây"),
    };

    public sealed class Data
    {
        public string Announcer { get; set; } = "";
        public DateOnly? AirDate { get; set; }
        /// <summary>"06:30".</summary>
        public string Slot { get; set; } = "";
        public string Priority { get; set; } = "normal";
        public string OpeningLine { get; set; } = "";
        public string ClosingLine { get; set; } = "";
        public string PronunciationNotes { get; set; } = "";
        public List<Cue> Cues { get; set; } = [];
        /// <summary>Actual duration once aired, in seconds.</summary>
        public int? ActualSeconds { get; set; }
    }

    public sealed class Cue
    {
        public string Label { get; set; } = "";
        public string InWords { get; set; } = "";
        public string OutWords { get; set; } = "";
        public int Seconds { get; set; }
    }

    protected override void Normalize(Data d)
    {
        d.Announcer = Vietnamese.Nfc(d.Announcer).Trim();
        // "6h30", "6g30", "06.30" are stored as "06:30"; anything else stays as typed for the validator to name.
        d.Slot = VietnameseTime.TryParse(d.Slot, out var slot) ? VietnameseTime.Format(slot) : (d.Slot ?? "").Trim();
        d.OpeningLine = Vietnamese.Nfc(d.OpeningLine).Trim();
        d.ClosingLine = Vietnamese.Nfc(d.ClosingLine).Trim();
        d.PronunciationNotes = Vietnamese.Nfc(d.PronunciationNotes).Trim();
        d.Cues = d.Cues.Where(c => !string.IsNullOrWhiteSpace(c.Label) || !string.IsNullOrWhiteSpace(c.InWords) || c.Seconds > 0).ToList();
        foreach (var c in d.Cues)
        {
            c.Label = Vietnamese.Nfc(c.Label).Trim();
            c.InWords = Vietnamese.Nfc(c.InWords).Trim();
            c.OutWords = Vietnamese.Nfc(c.OutWords).Trim();
        }
    }

    protected override Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        if (!Priorities.ContainsKey(d.Priority))
        {
            errors.Add(new(Field("Priority"), "Mức ưu tiên phải là: thông thường, ưu tiên hoặc khẩn cấp."));
        }
        if (d.Slot.Length > 0 && !TimeOnly.TryParseExact(d.Slot, "HH:mm", out _))
        {
            errors.Add(new(Field("Slot"), $"Giờ phát “{d.Slot}” không hợp lệ; {VietnameseTime.Hint}."));
        }
        for (var i = 0; i < d.Cues.Count; i++)
        {
            if (d.Cues[i].Seconds is < 0 or > 3600)
            {
                errors.Add(new(Field($"Cues[{i}].Seconds"), "Thời lượng đoạn chèn phải từ 0 đến 3600 giây."));
            }
        }
        if (d.ActualSeconds is < 0 or > 86_400)
        {
            errors.Add(new(Field("ActualSeconds"), "Thời lượng thực tế không hợp lệ."));
        }
        return Task.FromResult<IReadOnlyList<ContentError>>(errors);
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Phát thanh viên", d.Announcer);
        yield return ("Ngày phát dự kiến", d.AirDate?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        yield return ("Khung giờ", d.Slot);
        yield return ("Mức ưu tiên", Priorities.GetValueOrDefault(d.Priority, d.Priority));
        yield return ("Lời mở đầu", d.OpeningLine);
        yield return ("Lời kết", d.ClosingLine);
        yield return ("Ghi chú phát âm", d.PronunciationNotes);
        yield return ("Đoạn chèn", string.Join("\n", d.Cues.Select(x => $"{x.Label} (IN: {x.InWords} / OUT: {x.OutWords}, {x.Seconds} giây)")));
    }
}
