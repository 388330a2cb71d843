using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Engagement;
using WardCms.Core.Language;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Feedback;

/// <summary>
/// Moderating one comment: the citizen's text stays as sent for the record; the moderator edits or
/// redacts what the public sees, and may post the ward's official reply shown under it.
/// </summary>
public sealed class EditModel(SiteContext sites, WardDbContext db, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    [BindProperty] public ModerationInput Input { get; set; } = new();

    public Core.Engagement.Feedback Item { get; private set; } = null!;
    public string ItemTitle { get; private set; } = "";
    public IReadOnlyList<string> PersonalData { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = new ModerationInput { PublicComment = Item.ShownComment ?? "", Reply = Item.Reply ?? "" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? act, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input.PublicComment = Vietnamese.Nfc(Input.PublicComment ?? "").Trim();
        Input.Reply = Vietnamese.Nfc(Input.Reply ?? "").Trim();
        if (act == "redact")
        {
            // One click: hide what was found in the text being edited, then let the moderator look again.
            ModelState.Remove("Input.PublicComment");
            Input.PublicComment = PersonalDataRedactor.Redact(Input.PublicComment);
            PersonalData = PersonalDataRedactor.Find(Input.PublicComment);
            return Page();
        }
        if (Item.Comment is { Length: > 0 } && Input.PublicComment.Length == 0)
        {
            ModelState.AddModelError("Input.PublicComment", "Nội dung công khai không được để trống; nếu không muốn công khai ý kiến này, hãy bấm “Ẩn” ở danh sách.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var feedback = await db.Set<Core.Engagement.Feedback>().FirstAsync(f => f.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The original stays in Comment; only a changed text is stored as the public one.
        feedback.PublicComment = Item.Comment is null || Input.PublicComment == Item.Comment ? null : Input.PublicComment;
        var reply = Input.Reply.Length == 0 ? null : Input.Reply;
        if (reply != feedback.Reply)
        {
            feedback.Reply = reply;
            feedback.RepliedById = reply is null ? null : users.GetUserId(User);
            feedback.RepliedByName = reply is null ? null : await FullNameAsync(ct);
            feedback.RepliedUtc = reply is null ? null : now;
        }
        if (act == "approve")
        {
            feedback.Status = FeedbackStatus.Approved;
            feedback.ModeratedById = users.GetUserId(User);
            feedback.ModeratedUtc = now;
        }
        await db.SaveChangesAsync(ct);
        TempData["Message"] = act == "approve" ? "Đã lưu và duyệt ý kiến." : "Đã lưu nội dung công khai và trả lời.";
        return Redirect($"/admin/feedback/edit/{id}");
    }

    private async Task<string> FullNameAsync(CancellationToken ct)
    {
        var id = users.GetUserId(User);
        var name = await db.Users.Where(u => u.Id == id).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        return name is { Length: > 0 } ? name : User.Identity?.Name ?? "";
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var row = await db.Set<Core.Engagement.Feedback>().AsNoTracking().Where(f => f.Id == id && f.SiteId == site.Id)
            .Join(db.ContentItems, f => f.ContentItemId, i => i.Id, (f, i) => new { f, i.Title }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }
        Item = row.f;
        ItemTitle = row.Title;
        PersonalData = PersonalDataRedactor.Find(Item.ShownComment);
        return true;
    }

    public sealed class ModerationInput
    {
        [StringLength(Core.Engagement.Feedback.MaxCommentLength, ErrorMessage = "Nội dung công khai tối đa 1.000 ký tự.")]
        public string? PublicComment { get; set; }

        [StringLength(Core.Engagement.Feedback.MaxReplyLength, ErrorMessage = "Trả lời tối đa 2.000 ký tự.")]
        public string? Reply { get; set; }
    }
}
