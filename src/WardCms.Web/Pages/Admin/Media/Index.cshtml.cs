using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Media;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Shared;

namespace WardCms.Web.Pages.Admin.Media;

public sealed class IndexModel(WardDbContext db, SiteContext sites, IImageProcessor processor, MediaOptions options) : PageModel
{
    public const int PageSize = 24;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "thu-muc")]
    public string? Folder { get; set; }

    [BindProperty(SupportsGet = true, Name = "the")]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true, Name = "loai")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public List<Row> Items { get; private set; } = [];
    public List<string> Folders { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    public int Total { get; private set; }
    public PagerModel Pager { get; private set; } = new(1, 1, "/admin/media");

    /// <summary>True when uploads go through the managed fallback: originals only, no thumbnails.</summary>
    public bool VipsMissing => processor is not VipsImageProcessor;

    public MediaOptions Options => options;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var all = db.Set<MediaAsset>().AsNoTracking().Where(a => a.SiteId == site.Id && !a.IsDeleted);
        Folders = await all.Where(a => a.Folder != "").Select(a => a.Folder).Distinct().OrderBy(f => f).ToListAsync(ct);
        Tags = (await all.Where(a => a.Tags != "").Select(a => a.Tags).Distinct().ToListAsync(ct))
            .SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), true)).ToList();

        var query = all;
        if (Vietnamese.Fold(Query).Trim() is { Length: > 0 } folded)
        {
            query = query.Where(a => a.SearchText.Contains(folded));
        }
        if (Vietnamese.Nfc(Folder).Trim() is { Length: > 0 } folder)
        {
            var under = folder + "/";
            query = query.Where(a => a.Folder == folder || a.Folder.StartsWith(under));
        }
        if (Vietnamese.Nfc(Tag).Trim() is { Length: > 0 } tag)
        {
            var wrapped = ", " + tag + ",";
            query = query.Where(a => (", " + a.Tags + ",").Contains(wrapped));
        }
        if (Kind == "anh")
        {
            query = query.Where(a => a.Kind == MediaKind.Image);
        }
        else if (Kind == "tai-lieu")
        {
            query = query.Where(a => a.Kind == MediaKind.Document);
        }

        Total = await query.CountAsync(ct);
        var pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        Items = await query.OrderByDescending(a => a.UploadedUtc).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(
                a.Id, a.Title, a.FileName, a.Kind, a.Extension, a.Width, a.Height, a.Length, a.Folder, a.AltText == "",
                a.Files.Where(f => f.Role == MediaVariantRole.Responsive && f.MediaType == MediaTypes.Webp).OrderBy(f => f.Width).Select(f => f.Key).FirstOrDefault()
                    ?? a.OriginalKey))
            .ToListAsync(ct);
        Pager = new PagerModel(PageNumber, pages, "/admin/media", QueryString());
    }

    private string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("q", Query);
        Add("thu-muc", Folder);
        Add("the", Tag);
        Add("loai", Kind);
        return string.Join('&', parts);
    }

    public sealed record Row(int Id, string Title, string FileName, MediaKind Kind, string Extension, int? Width, int? Height, long Length, string Folder, bool MissingAlt, string ThumbKey)
    {
        public bool NeedsAlt => Kind == MediaKind.Image && MissingAlt;
    }

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} MB"
        : $"{Math.Max(1, bytes / 1024)} KB";
}
