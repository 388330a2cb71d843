using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Media;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Media;

public sealed class DetailsModel(WardDbContext db, SiteContext sites, MediaUsageFinder usageFinder, IMediaStore store, TimeProvider clock) : PageModel
{
    public MediaAsset Asset { get; private set; } = null!;
    public MediaDescriptor Descriptor { get; private set; } = null!;
    public IReadOnlyList<MediaUsage> Usages { get; private set; } = [];
    public bool DeleteRefused { get; private set; }

    /// <summary>Set when someone else saved this file's details after the form was opened: who and when (ICT).</summary>
    public MediaConflict? Conflict { get; private set; }

    [BindProperty]
    public MetadataInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = MetadataInput.From(Asset);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input.Title = Vietnamese.Nfc(Input.Title).Trim();
        Input.AltText = Vietnamese.Nfc(Input.AltText).Trim();
        Input.Caption = Vietnamese.Nfc(Input.Caption).Trim();
        Input.Folder = MediaAsset.NormalizeFolder(Input.Folder);
        Input.Tags = MediaAsset.NormalizeTags(Input.Tags);
        ModelState.Clear();
        if (Input.ConcurrencyStamp != Asset.ConcurrencyStamp)
        {
            return await ConflictAsync(ct);
        }
        if (Input.Title.Length == 0)
        {
            ModelState.AddModelError("Input.Title", "Tiêu đề không được để trống.");
        }
        Check("Input.Title", Input.Title, MediaAsset.MaxTitle, "Tiêu đề");
        Check("Input.AltText", Input.AltText, MediaAsset.MaxAlt, "Mô tả ảnh (alt)");
        Check("Input.Caption", Input.Caption, MediaAsset.MaxCaption, "Chú thích");
        Check("Input.Folder", Input.Folder, MediaAsset.MaxFolder, "Thư mục");
        Check("Input.Tags", Input.Tags, MediaAsset.MaxTags, "Thẻ");
        if (Asset.Kind == MediaKind.Image && Input.AltText.Length == 0 && Usages.Count > 0)
        {
            ModelState.AddModelError("Input.AltText", "Ảnh này đang được dùng trong nội dung nên cần có mô tả thay thế (alt) cho người dùng trình đọc màn hình.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Asset.Title = Input.Title;
        Asset.AltText = Input.AltText;
        Asset.Caption = Input.Caption;
        Asset.Folder = Input.Folder;
        Asset.Tags = Input.Tags;
        Asset.RefreshSearchText();
        Asset.UpdatedById = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Asset.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        Asset.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write: same answer as the stamp check.
            db.ChangeTracker.Clear();
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }
            return await ConflictAsync(ct);
        }
        TempData["Message"] = $"Đã lưu thông tin tệp “{Asset.Title}”.";
        return Redirect($"/admin/media/{Asset.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = MetadataInput.From(Asset);
        if (Usages.Count > 0)
        {
            // Deleting would break those pages: the editor has to take the file out of them first.
            DeleteRefused = true;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Asset.IsDeleted = true;
        Asset.DeletedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        // Identical uploads share files: remove only those no live asset still points at.
        var keys = await db.Set<MediaAssetFile>().Where(f => f.MediaAssetId == Asset.Id).Select(f => f.Key).ToListAsync(ct);
        var stillUsed = await db.Set<MediaAssetFile>().Where(f => keys.Contains(f.Key) && !f.Asset!.IsDeleted).Select(f => f.Key).ToListAsync(ct);
        foreach (var key in keys.Except(stillUsed))
        {
            await store.DeleteAsync(key, ct);
        }
        TempData["Message"] = $"Đã xoá tệp “{Asset.Title}”.";
        return Redirect("/admin/media");
    }

    /// <summary>
    /// 409 with the typed text kept and the other person's save named. The form now carries the current
    /// stamp, so saving again deliberately replaces their version with what is in the form.
    /// </summary>
    private async Task<IActionResult> ConflictAsync(CancellationToken ct)
    {
        var byId = Asset.UpdatedById;
        var name = byId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == byId)
            .Select(u => u.FullName != "" ? u.FullName : u.UserName).FirstOrDefaultAsync(ct);
        Conflict = new MediaConflict(name, Asset.UpdatedUtc, Asset.Title, Asset.AltText, Asset.Caption);
        Input.ConcurrencyStamp = Asset.ConcurrencyStamp;
        ModelState.Clear();
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private void Check(string field, string value, int max, string label)
    {
        if (value.Length > max)
        {
            ModelState.AddModelError(field, $"{label} dài {value.Length} ký tự, tối đa {max} ký tự.");
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var asset = await db.Set<MediaAsset>().FirstOrDefaultAsync(a => a.Id == id && a.SiteId == site.Id && !a.IsDeleted, ct);
        if (asset is null)
        {
            return false;
        }
        Asset = asset;
        Descriptor = asset.Descriptor;
        Usages = await usageFinder.FindAsync(asset, ct);
        return true;
    }

    public static string EditUrl(int itemId) => $"/admin/content/{itemId}";

    public static string RoleName(MediaVariantRole role) => role switch
    {
        MediaVariantRole.Original => "Bản gốc",
        MediaVariantRole.OpenGraph => "Ảnh chia sẻ (Open Graph)",
        _ => "Thu nhỏ",
    };

    public sealed class MetadataInput
    {
        [Display(Name = "Tiêu đề")]
        public string Title { get; set; } = "";

        [Display(Name = "Mô tả ảnh (alt)")]
        public string AltText { get; set; } = "";

        [Display(Name = "Chú thích")]
        public string Caption { get; set; } = "";

        [Display(Name = "Thư mục")]
        public string Folder { get; set; } = "";

        [Display(Name = "Thẻ")]
        public string Tags { get; set; } = "";

        /// <summary>The asset's stamp when the form was opened.</summary>
        public Guid ConcurrencyStamp { get; set; }

        public static MetadataInput From(MediaAsset a) => new()
        {
            Title = a.Title, AltText = a.AltText, Caption = a.Caption, Folder = a.Folder, Tags = a.Tags, ConcurrencyStamp = a.ConcurrencyStamp,
        };
    }

    public sealed record MediaConflict(string? SavedBy, DateTime? SavedUtc, string Title, string AltText, string Caption)
    {
        public string When => SavedUtc is { } utc
            ? TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).ToString("HH:mm 'ngày' dd/MM/yyyy", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))
            : "";
    }
}
