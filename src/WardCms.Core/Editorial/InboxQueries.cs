using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Security;

namespace WardCms.Core.Editorial;

public sealed record InboxItem(int Id, string Title, string ContentType, string Status, DateTime UpdatedUtc, string? Comment, string? By);

public sealed record Inbox(IReadOnlyList<InboxItem> ToReview, IReadOnlyList<InboxItem> ToApprove, IReadOnlyList<InboxItem> SentBack)
{
    public int Count => ToReview.Count + ToApprove.Count + SentBack.Count;
}

/// <summary>What waits for a person: drafts of their unit to review, items to approve, their items sent back.</summary>
public sealed class InboxQueries(WardDbContext db, EditorialService editorial)
{
    public async Task<int> CountAsync(ClaimsPrincipal principal, CancellationToken ct = default) => (await LoadAsync(principal, 1000, ct)).Count;

    public async Task<Inbox> LoadAsync(ClaimsPrincipal principal, int take = 200, CancellationToken ct = default)
    {
        var user = await editorial.UserAsync(principal, ct);
        if (user.UserId is null)
            return new Inbox([], [], []);
        var siteId = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.SiteId).FirstOrDefaultAsync(ct);
        var items = db.ContentItems.Where(i => i.SiteId == siteId && !i.IsDeleted);

        List<InboxItem> review = [];
        if (user.Has(Permissions.ReviewContent))
        {
            var q = items.Where(i => i.Status == ContentStatus.Submitted);
            if (!user.Has(Permissions.EditAllUnits))
                q = q.Where(i => i.UnitId != null && i.UnitId == user.UnitId);
            review = await Project(q, take, ct);
        }
        List<InboxItem> approve = [];
        if (user.Has(Permissions.ApproveContent))
            approve = await Project(items.Where(i => i.Status == ContentStatus.Forwarded || i.Status == ContentStatus.TakedownRequested), take, ct);

        // My drafts whose latest workflow step was a send-back.
        var audits = db.Set<AuditEntry>();
        var sentBack = await items.Where(i => i.Status == ContentStatus.Draft && (i.OwnerId == user.UserId || i.CreatedById == user.UserId))
            .Select(i => new
            {
                i.Id, i.Title, i.ContentType, i.Status, i.UpdatedUtc,
                Last = audits.Where(a => a.ContentItemId == i.Id && a.Action != WorkflowAction.Saved).OrderByDescending(a => a.Id)
                    .Select(a => new { a.Action, a.Comment, a.UserName }).FirstOrDefault(),
            })
            .Where(x => x.Last != null && x.Last.Action == WorkflowAction.SentBack)
            .OrderByDescending(x => x.UpdatedUtc).Take(take).ToListAsync(ct);
        return new Inbox(review, approve, [.. sentBack.Select(x => new InboxItem(x.Id, x.Title, x.ContentType, x.Status, x.UpdatedUtc, x.Last!.Comment, x.Last.UserName))]);
    }

    private static Task<List<InboxItem>> Project(IQueryable<ContentItem> q, int take, CancellationToken ct) =>
        q.OrderBy(i => i.UpdatedUtc).Take(take)
            .Select(i => new InboxItem(i.Id, i.Title, i.ContentType, i.Status, i.UpdatedUtc, null, null)).ToListAsync(ct);
}
