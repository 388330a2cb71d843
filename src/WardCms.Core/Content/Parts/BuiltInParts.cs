using Microsoft.EntityFrameworkCore;
using WardCms.Core.Language;

namespace WardCms.Core.Content.Parts;

/// <summary>Title, summary, Markdown body, author and unit; stored in version columns.</summary>
public sealed class CommonPart : ContentPartDefinition<CommonPart.Data>
{
    public const string PartName = "common";
    public const int MaxTitle = 300;
    public const int MaxSummary = 1000;
    public const int MaxBody = 200_000;

    public override string Name => PartName;
    public override string DisplayName => "Thông tin chung";
    public override bool StoredInColumns => true;

    public sealed class Data
    {
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Body { get; set; } = "";
        public string AuthorName { get; set; } = "";
        public int? UnitId { get; set; }
    }

    protected override void Normalize(Data d)
    {
        // Cleaned as all input is (TextInput): no control characters, bidirectional overrides or CR; NFC.
        d.Title = TextInput.CleanLine(d.Title);
        d.Summary = TextInput.Clean(d.Summary).Trim();
        d.Body = TextInput.Clean(d.Body);
        d.AuthorName = TextInput.CleanLine(d.AuthorName);
    }

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        if (d.Title.Length == 0)
        {
            errors.Add(new("Title", "Tiêu đề không được để trống."));
        }
        else if (d.Title.Length > MaxTitle)
        {
            errors.Add(new("Title", $"Tiêu đề dài {d.Title.Length} ký tự, tối đa {MaxTitle} ký tự."));
        }
        if (d.Summary.Length > MaxSummary)
        {
            errors.Add(new("Summary", $"Tóm tắt dài {d.Summary.Length} ký tự, tối đa {MaxSummary} ký tự."));
        }
        if (d.Body.Length > MaxBody)
        {
            errors.Add(new("Body", $"Nội dung dài {d.Body.Length:N0} ký tự, tối đa {MaxBody:N0} ký tự."));
        }
        if (d.AuthorName.Length > 200)
        {
            errors.Add(new("AuthorName", "Tên tác giả tối đa 200 ký tự."));
        }
        if (d.UnitId is { } unitId && !await c.Db.Units.AnyAsync(u => u.Id == unitId && u.SiteId == c.SiteId, ct))
        {
            errors.Add(new("UnitId", "Phòng, đơn vị đã chọn không tồn tại."));
        }
        return errors;
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Tiêu đề", d.Title);
        yield return ("Tóm tắt", d.Summary);
        yield return ("Tác giả", d.AuthorName);
        yield return ("Nội dung", d.Body);
    }
}

/// <summary>The public address. Validated for format here; uniqueness is checked by the content manager.</summary>
public sealed class RoutePart : ContentPartDefinition<RoutePart.Data>
{
    public const string PartName = "route";

    public override string Name => PartName;
    public override string DisplayName => "Đường dẫn";
    public override bool StoredInColumns => true;

    public sealed class Data
    {
        public string? Slug { get; set; }
    }

    protected override void Normalize(Data d) => d.Slug = string.IsNullOrWhiteSpace(d.Slug) ? null : Vietnamese.Nfc(d.Slug).Trim().ToLowerInvariant();

    protected override Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        IReadOnlyList<ContentError> errors = d.Slug is not null && !Vietnamese.IsValidSlug(d.Slug)
            ? [new("Slug", $"Đường dẫn “{d.Slug}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: dang-ky-tam-tru).")]
            : [];
        return Task.FromResult(errors);
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Đường dẫn", d.Slug ?? "");
    }
}

/// <summary>Terms of a taxonomy (the plan's topics by default).</summary>
public sealed class TopicsPart : ContentPartDefinition<TopicsPart.Data>
{
    public const string PartName = "topics";

    public override string Name => PartName;
    public override string DisplayName => "Chủ đề";

    public sealed class Data
    {
        public List<int> TermIds { get; set; } = [];
    }

    public static string TaxonomyKey(PartContext c) => c.Setting("taxonomy") ?? "topics";

    protected override void Normalize(Data d) => d.TermIds = d.TermIds.Distinct().ToList();

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        if (d.TermIds.Count == 0)
        {
            return c.Settings?["required"]?.GetValue<bool>() == true ? [new(Field("TermIds"), "Chọn ít nhất một chủ đề.")] : [];
        }
        var key = TaxonomyKey(c);
        var known = await c.Db.Terms.Where(t => d.TermIds.Contains(t.Id) && t.Taxonomy!.Key == key && t.Taxonomy.SiteId == c.SiteId)
            .Select(t => t.Id).ToListAsync(ct);
        var unknown = d.TermIds.Except(known).ToList();
        return unknown.Count == 0 ? [] : [new(Field("TermIds"), $"Chủ đề không tồn tại: {string.Join(", ", unknown)}.")];
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Chủ đề", string.Join("; ", d.TermIds.Select(id => c.TermNames.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.Ordinal)));
    }
}

/// <summary>The plan tasks an item counts toward.</summary>
public sealed class PlanTasksPart : ContentPartDefinition<PlanTasksPart.Data>
{
    public const string PartName = "planTasks";

    public override string Name => PartName;
    public override string DisplayName => "Nhiệm vụ kế hoạch";

    public sealed class Data
    {
        public List<int> TaskIds { get; set; } = [];
    }

    protected override void Normalize(Data d) => d.TaskIds = d.TaskIds.Distinct().ToList();

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        if (d.TaskIds.Count == 0)
        {
            return [];
        }
        var known = await c.Db.PlanTasks.Where(t => d.TaskIds.Contains(t.Id) && t.Plan!.SiteId == c.SiteId).Select(t => t.Id).ToListAsync(ct);
        var unknown = d.TaskIds.Except(known).ToList();
        return unknown.Count == 0 ? [] : [new(Field("TaskIds"), $"Nhiệm vụ không tồn tại: {string.Join(", ", unknown)}.")];
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Nhiệm vụ kế hoạch", string.Join("; ", d.TaskIds.Select(id => c.TaskNames.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.Ordinal)));
    }
}

/// <summary>A cover image with its alternative text.</summary>
public sealed class MediaPart : ContentPartDefinition<MediaPart.Data>
{
    public const string PartName = "media";

    public override string Name => PartName;
    public override string DisplayName => "Ảnh đại diện";

    public sealed class Data
    {
        /// <summary>The media library's key of the image, when it comes from the library.</summary>
        public string? MediaKey { get; set; }
        public string? ImageUrl { get; set; }
        public string Alt { get; set; } = "";
        public string Caption { get; set; } = "";
    }

    protected override void Normalize(Data d)
    {
        d.MediaKey = string.IsNullOrWhiteSpace(d.MediaKey) ? null : d.MediaKey.Trim();
        d.ImageUrl = string.IsNullOrWhiteSpace(d.ImageUrl) ? null : d.ImageUrl.Trim();
        d.Alt = Vietnamese.Nfc(d.Alt).Trim();
        d.Caption = Vietnamese.Nfc(d.Caption).Trim();
    }

    public const int MaxAlt = Media.MediaAsset.MaxAlt;
    public const int MaxCaption = Media.MediaAsset.MaxCaption;

    protected override async Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        var hasImage = d.MediaKey is not null || d.ImageUrl is not null;
        if (d.ImageUrl is { } url)
        {
            if (!Media.MediaUrls.IsAllowedImageAddress(url))
            {
                errors.Add(new(Field("ImageUrl"), url.Length > Media.MediaUrls.MaxImageAddress
                    ? string.Format(PublishedContent.Vi, "Địa chỉ ảnh dài {0:N0} ký tự, tối đa {1:N0} ký tự.", url.Length, Media.MediaUrls.MaxImageAddress)
                    : "Địa chỉ ảnh không hợp lệ: chỉ nhận đường dẫn trong trang (bắt đầu bằng một dấu /) hoặc địa chỉ https://, không có dấu \\, khoảng trắng hay ký tự điều khiển."));
            }
            else if (url.StartsWith(Media.MediaUrls.Prefix, StringComparison.Ordinal)
                && (Media.MediaUrls.KeyOf(url) is not { } urlKey || !await IsLibraryImageAsync(c, urlKey, ct)))
            {
                errors.Add(new(Field("ImageUrl"), "Địa chỉ ảnh trỏ tới /media/ nhưng không có ảnh nào như vậy trong thư viện của trang này."));
            }
        }
        if (d.MediaKey is { } key)
        {
            if (!Media.MediaKey.IsValid(key))
            {
                errors.Add(new(Field("MediaKey"), "Mã tệp trong thư viện không đúng định dạng (dạng ab/cd/<64 ký tự hex>.jpg). Hãy chọn ảnh bằng nút “Chọn từ thư viện”."));
            }
            else if (!await IsLibraryImageAsync(c, key, ct))
            {
                errors.Add(new(Field("MediaKey"), "Mã tệp trong thư viện không khớp ảnh nào của trang này (có thể ảnh đã bị xoá). Hãy chọn lại ảnh."));
            }
        }
        if (hasImage && d.Alt.Length == 0)
        {
            errors.Add(new(Field("Alt"), "Ảnh cần có mô tả thay thế (alt) cho người dùng trình đọc màn hình."));
        }
        if (d.Alt.Length > MaxAlt)
        {
            errors.Add(new(Field("Alt"), string.Format(PublishedContent.Vi, "Mô tả ảnh (alt) dài {0:N0} ký tự, tối đa {1:N0} ký tự.", d.Alt.Length, MaxAlt)));
        }
        if (d.Caption.Length > MaxCaption)
        {
            errors.Add(new(Field("Caption"), string.Format(PublishedContent.Vi, "Chú thích ảnh dài {0:N0} ký tự, tối đa {1:N0} ký tự.", d.Caption.Length, MaxCaption)));
        }
        return errors;
    }

    // Any stored file of a live image of this site: the original's key or one of its variants.
    private static Task<bool> IsLibraryImageAsync(PartContext c, string key, CancellationToken ct) =>
        c.Db.Set<Media.MediaAssetFile>().AnyAsync(f => f.Key == key && !f.Asset!.IsDeleted && f.Asset.SiteId == c.SiteId && f.Asset.Kind == Media.MediaKind.Image, ct);

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Ảnh", d.MediaKey ?? d.ImageUrl ?? "");
        yield return ("Mô tả ảnh", d.Alt);
        yield return ("Chú thích ảnh", d.Caption);
    }
}

/// <summary>Broadcast details of a radio script; the body of the common part is the text to read.</summary>
public sealed class BroadcastPart : ContentPartDefinition<BroadcastPart.Data>
{
    public const string PartName = "broadcast";

    public override string Name => PartName;
    public override string DisplayName => "Phát thanh";

    public static readonly IReadOnlyDictionary<string, string> Priorities = new Dictionary<string, string>
    {
        ["normal"] = "Thông thường",
        ["priority"] = "Ưu tiên",
        ["urgent"] = "Khẩn cấp",
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

/// <summary>Place of an entry in the e-handbook.</summary>
public sealed class HandbookPart : ContentPartDefinition<HandbookPart.Data>
{
    public const string PartName = "handbook";

    public override string Name => PartName;
    public override string DisplayName => "Cẩm nang";

    public sealed class Data
    {
        public string Chapter { get; set; } = "";
        public int Order { get; set; }
        /// <summary>Months between reviews; null uses the site default.</summary>
        public int? ReviewMonths { get; set; }
    }

    protected override void Normalize(Data d) => d.Chapter = Vietnamese.Nfc(d.Chapter).Trim();

    protected override Task<IReadOnlyList<ContentError>> ValidateAsync(Data d, PartContext c, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        if (d.Chapter.Length == 0)
        {
            errors.Add(new(Field("Chapter"), "Chọn hoặc nhập chương của cẩm nang."));
        }
        if (d.Order is < 0 or > 10_000)
        {
            errors.Add(new(Field("Order"), "Thứ tự phải từ 0 đến 10000."));
        }
        if (d.ReviewMonths is < 1 or > 60)
        {
            errors.Add(new(Field("ReviewMonths"), "Chu kỳ rà soát phải từ 1 đến 60 tháng."));
        }
        return Task.FromResult<IReadOnlyList<ContentError>>(errors);
    }

    protected override IEnumerable<(string Label, string Value)> Describe(Data d, PartContext c)
    {
        yield return ("Chương", d.Chapter);
        yield return ("Thứ tự", d.Order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Chu kỳ rà soát (tháng)", d.ReviewMonths?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }
}
