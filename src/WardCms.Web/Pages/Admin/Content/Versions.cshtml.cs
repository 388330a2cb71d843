using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>Every version of an item, a diff of any two, and restoring an old one as a new draft.</summary>
public sealed class VersionsModel(SiteContext sites, WardDbContext db, ContentManager manager) : ContentPageModel
{
    public ContentItem Item { get; private set; } = null!;
    public ContentTypeDefinition Type { get; private set; } = null!;
    public List<ContentVersion> Versions { get; private set; } = [];
    public ContentVersion? From { get; private set; }
    public ContentVersion? To { get; private set; }
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] string? from, [FromQuery] string? to, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        // Default: what the latest version changed. Unknown ids fall back to the default.
        To = int.TryParse(to, out var toId) ? Versions.FirstOrDefault(v => v.Id == toId) : null;
        To ??= Versions[0];
        From = int.TryParse(from, out var fromId) ? Versions.FirstOrDefault(v => v.Id == fromId) : null;
        From ??= Versions.FirstOrDefault(v => v.Number < To.Number);
        if (From is not null && From.Id != To.Id)
        {
            Changes = await manager.DiffAsync(id, From.Id, To.Id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int versionId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (Item.IsDeleted)
        {
            TempData["Message"] = "Mục đang ở thùng rác; hãy khôi phục mục trước khi khôi phục phiên bản.";
            return Redirect($"/admin/content/versions/{id}");
        }
        var old = Versions.FirstOrDefault(v => v.Id == versionId);
        if (old is null)
        {
            return NotFound();
        }
        var me = await ContentEditorUser.LoadAsync(db, User, ct);
        var result = await manager.RestoreVersionAsync(id, versionId, me.Actor, ct);
        if (!result.Succeeded)
        {
            TempData["Message"] = result.Conflict is { } c
                ? $"Chưa khôi phục: {c.SavedBy} vừa lưu phiên bản {c.LatestNumber}. Hãy xem lại rồi thử lại."
                : "Chưa khôi phục được: " + string.Join(" ", result.Errors.Select(e => e.Message));
            return Redirect($"/admin/content/versions/{id}");
        }
        TempData["Message"] = $"Đã khôi phục nội dung phiên bản {old.Number} thành bản nháp mới (phiên bản {result.Version!.Number})."
            + (Item.PublishedVersionId is null ? "" : " Trang công khai không đổi cho tới khi bản nháp này được duyệt và xuất bản.")
            + ReviewResetNote(result);
        return Redirect($"/admin/content/edit/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.SiteId == site.Id, ct);
        if (item is null)
        {
            return NotFound();
        }
        var me = await ContentEditorUser.LoadAsync(db, User, ct);
        if (!me.CanEdit(item))
        {
            return Denied("Mục này thuộc phòng khác. Bạn chỉ xem được lịch sử các mục của phòng mình hoặc do bạn soạn.");
        }
        Item = item;
        Type = (await manager.FindTypeAsync(site.Id, item.ContentType, ct))!;
        Versions = await db.ContentVersions.AsNoTracking().Where(v => v.ContentItemId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return null;
    }

    /// <summary>Long runs of unchanged lines fold into one "n dòng không đổi" row, keeping 2 lines of context.</summary>
    public static IEnumerable<(DiffLineKind? Kind, string Text)> Folded(IReadOnlyList<DiffLine> lines)
    {
        const int context = 2;
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind != DiffLineKind.Same)
            {
                yield return (lines[i].Kind, lines[i].Text);
                i++;
                continue;
            }
            var start = i;
            while (i < lines.Count && lines[i].Kind == DiffLineKind.Same)
            {
                i++;
            }
            var run = i - start;
            var keepHead = start == 0 ? 0 : context;
            var keepTail = i == lines.Count ? 0 : context;
            if (run <= keepHead + keepTail + 1)
            {
                for (var k = start; k < i; k++)
                {
                    yield return (DiffLineKind.Same, lines[k].Text);
                }
                continue;
            }
            for (var k = start; k < start + keepHead; k++)
            {
                yield return (DiffLineKind.Same, lines[k].Text);
            }
            yield return (null, $"… {run - keepHead - keepTail} dòng không đổi …");
            for (var k = i - keepTail; k < i; k++)
            {
                yield return (DiffLineKind.Same, lines[k].Text);
            }
        }
    }
}
