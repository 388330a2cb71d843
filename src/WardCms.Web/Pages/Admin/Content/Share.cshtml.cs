using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Web.Pages.Content;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>
/// /admin/content/share/{id}, "Liên kết xem trước": a link (and its QR code) to one saved version of an
/// item as citizens would see it, for a leader reading on a phone without signing in. Whoever may edit
/// the item makes one; it expires after <see cref="PreviewLinks.Lifetime"/> and when the item goes to
/// the trash. Handing one out is written to the item's history.
/// </summary>
public sealed class ShareModel(WardDbContext db, PreviewLinks previews, TimeProvider clock) : ContentPageModel
{
    [FromRoute] public int Id { get; set; }
    /// <summary>The version to show: the editor page posts the one it just saved; else the latest.</summary>
    [BindProperty] public int? VersionId { get; set; }

    public ContentItem Item { get; private set; } = null!;
    public ContentVersion Version { get; private set; } = null!;
    public PreviewLinks.Link? Link { get; private set; }
    public string? LinkUrl { get; private set; }
    public string? QrCodeDataUri { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(VersionId, ct) is { } refused)
        {
            return refused;
        }
        if (Item.IsDeleted)
        {
            // The page says why: an item in the trash is shown to no one.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var me = await ContentEditorUser.LoadAsync(db, User, ct);
        Link = previews.Create(Item.SiteId, Item.Id, Version.Id);
        LinkUrl = WardCms.Web.Pages.Content.PublicUrls.Absolute(Request, Link.Path);
        using var data = QRCodeGenerator.GenerateQrCode(LinkUrl, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(4)));
        db.Add(new AuditEntry
        {
            SiteId = Item.SiteId,
            ContentItemId = Item.Id,
            VersionNumber = Version.Number,
            UserId = me.Id,
            UserName = me.Name,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = WorkflowAction.PreviewShared,
            FromState = Item.Status,
            ToState = Item.Status,
            Comment = $"Dùng được đến {PublishedContent.FormatDateTime(Link.ExpiresUtc.UtcDateTime)}.",
        });
        await db.SaveChangesAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int? versionId, CancellationToken ct)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Item = item;
        if (!(await ContentEditorUser.LoadAsync(db, User, ct)).CanEdit(item))
        {
            return Denied("Mục này thuộc phòng khác. Bạn chỉ tạo liên kết xem trước cho các mục của phòng mình hoặc do bạn soạn.");
        }
        var wanted = versionId ?? item.LatestVersionId;
        var version = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == wanted && v.ContentItemId == item.Id, ct);
        if (version is null)
        {
            return NotFound();
        }
        Version = version;
        return null;
    }
}
