using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Settings;

/// <summary>
/// /admin/settings/site, "Thông tin trang": the site's names (as the public header and documents
/// write them), contact, reading rate, handbook review period and the roles that must sign in with
/// two steps, edited without a recipe. Refused values are named in Vietnamese with what was typed
/// kept (the recipe's site step has the same limits, <see cref="SiteLimits"/>); each save is recorded
/// with its changes, and the public pages follow at once (a saved site retires every site's cache).
/// </summary>
public sealed class SiteModel(WardDbContext db, SiteContext sites, RoleManager<StaffRole> roles, UserManager<StaffUser> users, TimeProvider clock, ILogger<SiteModel> log) : PageModel
{
    public const string Area = "Thông tin trang";

    [BindProperty] public SiteInput Input { get; set; } = new();

    public List<StaffRole> Roles { get; private set; } = [];
    public List<SiteSettingsChange> History { get; private set; } = [];

    public sealed class SiteInput
    {
        public string Name { get; set; } = "";
        public string? IssuingParent { get; set; }
        public string? IssuingBody { get; set; }
        public string? PlaceName { get; set; }
        public string? Level { get; set; }
        public string? RadioName { get; set; }
        public string? ReportRecipients { get; set; }
        public string? DocumentCode { get; set; }
        public string? Tagline { get; set; }
        public string? ContactText { get; set; }
        // Text, not int: "hai trăm" gets a message naming the field, not the framework's.
        public string ReadingRate { get; set; } = "";
        public string HandbookReviewMonths { get; set; } = "";
        public List<string> TwoStepRoles { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        await LoadAsync(site.Id, ct);
        Input = new SiteInput
        {
            Name = site.Name,
            IssuingParent = site.IssuingParent,
            IssuingBody = site.IssuingBody,
            PlaceName = site.PlaceName,
            Level = site.Level,
            RadioName = site.RadioName,
            ReportRecipients = site.ReportRecipients,
            DocumentCode = site.DocumentCode,
            Tagline = site.Tagline,
            ContactText = site.ContactText,
            ReadingRate = site.ReadingRate.ToString(CultureInfo.InvariantCulture),
            HandbookReviewMonths = site.HandbookReviewMonths.ToString(CultureInfo.InvariantCulture),
            TwoStepRoles = site.RequireTwoStepRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await sites.GetAsync(Request.Host.Host, ct);
        await LoadAsync(current.Id, ct);
        Input.Name = TextInput.CleanLine(Input.Name).Trim();
        Input.IssuingParent = TextInput.CleanLine(Input.IssuingParent).Trim();
        Input.IssuingBody = TextInput.CleanLine(Input.IssuingBody).Trim();
        Input.PlaceName = TextInput.CleanLine(Input.PlaceName).Trim();
        Input.Level = TextInput.CleanLine(Input.Level).Trim();
        Input.RadioName = TextInput.CleanLine(Input.RadioName).Trim();
        Input.DocumentCode = TextInput.CleanLine(Input.DocumentCode).Trim();
        // One recipient a line, blank lines dropped: what the report prints.
        Input.ReportRecipients = string.Join("\n", TextInput.Clean(Input.ReportRecipients)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Input.Tagline = TextInput.CleanLine(Input.Tagline).Trim();
        Input.ContactText = TextInput.Clean(Input.ContactText).Trim();
        Input.TwoStepRoles = Input.TwoStepRoles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList();

        Length(nameof(SiteInput.Name), "Tên trang", Input.Name, SiteLimits.NameLength, required: true);
        Length(nameof(SiteInput.IssuingParent), "Cơ quan cấp trên", Input.IssuingParent, SiteLimits.IssuingLength);
        Length(nameof(SiteInput.IssuingBody), "Cơ quan ban hành", Input.IssuingBody, SiteLimits.IssuingLength);
        Length(nameof(SiteInput.PlaceName), "Địa danh ghi trước ngày tháng", Input.PlaceName, SiteLimits.PlaceLength);
        Length(nameof(SiteInput.Level), "Đơn vị tự gọi mình là", Input.Level, SiteLimits.LevelLength);
        Length(nameof(SiteInput.RadioName), "Tên hệ thống truyền thanh", Input.RadioName, SiteLimits.RadioNameLength);
        Length(nameof(SiteInput.DocumentCode), "Ký hiệu cơ quan trên số văn bản", Input.DocumentCode, SiteLimits.DocumentCodeLength);
        var recipients = Input.ReportRecipients.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (recipients.Length > SiteLimits.MaxRecipientLines)
        {
            ModelState.AddModelError($"Input.{nameof(SiteInput.ReportRecipients)}", $"Nơi nhận báo cáo có {recipients.Length} dòng; tối đa {SiteLimits.MaxRecipientLines} dòng.");
        }
        else if (recipients.Select((line, i) => (line, i)).FirstOrDefault(x => x.line.Length > SiteLimits.RecipientLineLength) is { line: { } longLine } found)
        {
            ModelState.AddModelError($"Input.{nameof(SiteInput.ReportRecipients)}", $"Nơi nhận báo cáo, dòng {found.i + 1} dài {longLine.Length:N0} ký tự; tối đa {SiteLimits.RecipientLineLength:N0} ký tự.");
        }
        Length(nameof(SiteInput.Tagline), "Dòng giới thiệu", Input.Tagline, SiteLimits.TaglineLength);
        Length(nameof(SiteInput.ContactText), "Thông tin liên hệ", Input.ContactText, SiteLimits.ContactLength);
        var rate = Whole(nameof(SiteInput.ReadingRate), "Tốc độ đọc", Input.ReadingRate, SiteLimits.MinReadingRate, SiteLimits.MaxReadingRate, "tiếng/phút");
        var months = Whole(nameof(SiteInput.HandbookReviewMonths), "Chu kỳ rà soát cẩm nang", Input.HandbookReviewMonths, SiteLimits.MinReviewMonths, SiteLimits.MaxReviewMonths, "tháng");
        var unknown = Input.TwoStepRoles.Where(r => Roles.All(x => x.Name != r)).ToList();
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Input.TwoStepRoles", $"Vai trò không tồn tại: {string.Join(", ", unknown)}.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var site = await db.Sites.FirstAsync(s => s.Id == current.Id, ct);
        var changes = new List<string>();
        void Set(string label, string? before, string after, Action<string> apply)
        {
            if ((before ?? "") != after)
            {
                changes.Add($"{label}: “{Shown(before)}” → “{Shown(after)}”");
                apply(after);
            }
        }
        Set("Tên trang", site.Name, Input.Name, v => site.Name = v);
        Set("Cơ quan cấp trên", site.IssuingParent, Input.IssuingParent!, v => site.IssuingParent = v);
        Set("Cơ quan ban hành", site.IssuingBody, Input.IssuingBody!, v => site.IssuingBody = v);
        Set("Địa danh", site.PlaceName, Input.PlaceName!, v => site.PlaceName = v);
        Set("Đơn vị tự gọi mình là", site.Level, Input.Level!, v => site.Level = v);
        Set("Tên hệ thống truyền thanh", site.RadioName, Input.RadioName!, v => site.RadioName = v);
        Set("Nơi nhận báo cáo", site.ReportRecipients, Input.ReportRecipients, v => site.ReportRecipients = v);
        Set("Ký hiệu cơ quan trên số văn bản", site.DocumentCode, Input.DocumentCode!, v => site.DocumentCode = v);
        Set("Dòng giới thiệu", site.Tagline, Input.Tagline!, v => site.Tagline = v);
        Set("Thông tin liên hệ", site.ContactText, Input.ContactText!, v => site.ContactText = v);
        Set("Tốc độ đọc", site.ReadingRate.ToString(CultureInfo.InvariantCulture), rate!.Value.ToString(CultureInfo.InvariantCulture), _ => site.ReadingRate = rate.Value);
        Set("Chu kỳ rà soát cẩm nang (tháng)", site.HandbookReviewMonths.ToString(CultureInfo.InvariantCulture), months!.Value.ToString(CultureInfo.InvariantCulture), _ => site.HandbookReviewMonths = months.Value);
        string Names(string roleNames) => string.Join(", ", roleNames.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => Roles.FirstOrDefault(r => r.Name == n)?.DisplayName ?? n));
        var twoStep = string.Join(",", Roles.Where(r => Input.TwoStepRoles.Contains(r.Name!)).Select(r => r.Name));
        if (site.RequireTwoStepRoles != twoStep)
        {
            changes.Add($"Bắt buộc xác thực hai bước: “{Names(site.RequireTwoStepRoles)}” → “{Names(twoStep)}”");
            site.RequireTwoStepRoles = twoStep;
        }
        if (changes.Count == 0)
        {
            TempData["Message"] = "Không có thay đổi nào.";
            return Redirect("/admin/settings/site");
        }
        await SettingsHistory.AddAsync(db, users, User, clock, site.Id, Area, string.Join("\n", changes));
        await db.SaveChangesAsync(ct);
        log.LogInformation("Site {Site} settings changed by {User}: {Changes}", site.Key, User.Identity?.Name, string.Join("; ", changes));
        TempData["Message"] = $"Đã lưu thông tin trang ({changes.Count} thay đổi). Trang công khai hiển thị ngay.";
        return Redirect("/admin/settings/site");
    }

    // A changed contact text can be 4,000 characters before and after: the record keeps the start of each
    // (SiteSettingsChange.Summary holds at most 8,000, which two whole contact texts would pass).
    private const int ShownLength = 300;

    private static string Shown(string? value) => value is { Length: > ShownLength } ? value[..ShownLength] + "…" : value ?? "";

    private async Task LoadAsync(int siteId, CancellationToken ct)
    {
        Roles = await roles.Roles.OrderBy(r => r.Name).ToListAsync(ct);
        History = await db.Set<SiteSettingsChange>().AsNoTracking().Where(c => c.SiteId == siteId)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(20).ToListAsync(ct);
    }

    private void Length(string field, string label, string? value, int max, bool required = false)
    {
        if (required && string.IsNullOrEmpty(value))
        {
            ModelState.AddModelError($"Input.{field}", $"Nhập {label.ToLower(CultureInfo.GetCultureInfo("vi-VN"))}.");
        }
        else if (value is { Length: var n } && n > max)
        {
            ModelState.AddModelError($"Input.{field}", $"{label} dài {n:N0} ký tự; tối đa {max:N0} ký tự.");
        }
    }

    private int? Whole(string field, string label, string text, int min, int max, string unit)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        ModelState.AddModelError($"Input.{field}", $"{label}: “{text}” không hợp lệ; nhập số nguyên từ {min} đến {max} {unit}.");
        return null;
    }
}
