using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Shared;

namespace WardCms.Web.Pages.Admin.Content;

/// <summary>One type's items with filters. Filter values that do not parse or do not exist are ignored.</summary>
public sealed class IndexModel(SiteContext sites, WardDbContext db, WardCms.Core.Content.PublicCatalog catalog) : ContentPageModel
{
    public const int PageSize = 20;

    public const string StatusDraft = "nhap";
    public const string StatusPublished = "da-xuat-ban";
    public const string StatusPendingChanges = "co-ban-nhap";

    public static readonly IReadOnlyList<(string Value, string Label)> Statuses =
    [
        (StatusDraft, "Nháp (chưa xuất bản)"),
        (StatusPublished, "Đã xuất bản"),
        (StatusPendingChanges, "Có bản nháp chưa xuất bản"),
    ];

    [FromQuery(Name = "type")] public string? TypeName { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "unit")] public string? Unit { get; set; }
    [FromQuery(Name = "topic")] public string? Topic { get; set; }
    [FromQuery(Name = "author")] public string? Author { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "trang")] public string? PageText { get; set; }

    public ContentTypeDefinition Type { get; private set; } = null!;
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public PagerModel Pager { get; private set; } = null!;
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public List<(int Id, string Name)> Topics { get; private set; } = [];
    public List<(string Id, string Name)> Authors { get; private set; } = [];
    public bool Filtered { get; private set; }
    public bool RestrictedToUnit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        var types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == site.Id).OrderBy(t => t.Order).ToListAsync(ct);
        if (string.IsNullOrEmpty(TypeName))
        {
            return types.Count == 0 ? NotFound() : Redirect($"/admin/content?type={Uri.EscapeDataString(types[0].Name)}");
        }
        var type = types.FirstOrDefault(t => t.Name == TypeName);
        if (type is null)
        {
            return NotFound();
        }
        Type = type;
        var me = await ContentEditorUser.LoadAsync(db, User, ct);
        RestrictedToUnit = !me.AllUnits;

        Units = (await db.Units.AsNoTracking().Where(u => u.SiteId == site.Id).OrderBy(u => u.Order)
            .Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name)).ToList();
        // The terms the type's items are tagged with (none when it has no topics part).
        Topics = (await catalog.TermsForAsync(site.Id, type, ct)).Select(t => (t.Id, t.Name)).ToList();

        var visible = me.Visible(db.ContentItems.AsNoTracking().Where(i => i.SiteId == site.Id && i.ContentType == type.Name && !i.IsDeleted));
        var ownerIds = await visible.Where(i => i.OwnerId != null).Select(i => i.OwnerId!).Distinct().ToListAsync(ct);
        Authors = (await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName, u.UserName }).ToListAsync(ct))
            .Select(u => (u.Id, u.FullName.Length > 0 ? u.FullName : u.UserName ?? u.Id)).OrderBy(u => u.Item2, StringComparer.Create(PublishedContent.Vi, false)).ToList();

        var q = visible;
        switch (Status)
        {
            case StatusDraft:
                q = q.Where(i => i.PublishedVersionId == null);
                break;
            case StatusPublished:
                q = q.Where(i => i.PublishedVersionId != null);
                break;
            case StatusPendingChanges:
                q = q.Where(i => i.PublishedVersionId != null && i.PublishedVersionId != i.LatestVersionId);
                break;
            default:
                Status = null;
                break;
        }
        if (int.TryParse(Unit, out var unitId) && Units.Any(u => u.Id == unitId))
        {
            q = q.Where(i => i.UnitId == unitId);
        }
        else
        {
            Unit = null;
        }
        if (int.TryParse(Topic, out var termId) && Topics.Any(t => t.Id == termId))
        {
            q = q.Where(i => db.ContentItemTerms.Any(x => x.ContentItemId == i.Id && x.TermId == termId && !x.Published));
        }
        else
        {
            Topic = null;
        }
        if (Author is { Length: > 0 } && Authors.Any(a => a.Id == Author))
        {
            var author = Author;
            q = q.Where(i => i.OwnerId == author);
        }
        else
        {
            Author = null;
        }
        Query = Vietnamese.Nfc(Query).Trim();
        if (Query.Length > 200)
        {
            Query = Query[..200];
        }
        var folded = Vietnamese.Fold(Query);
        if (folded.Length > 0)
        {
            // Every word must appear, in any order: "tam tru dang ky" finds "Đăng ký tạm trú".
            foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            {
                q = q.Where(i => i.SearchText.Contains(word));
            }
        }
        Filtered = Status is not null || Unit is not null || Topic is not null || Author is not null || Query.Length > 0;

        Total = await q.CountAsync(ct);
        var pages = Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
        var page = int.TryParse(PageText, out var p) ? Math.Clamp(p, 1, pages) : 1;
        var items = await q.OrderByDescending(i => i.UpdatedUtc).ThenByDescending(i => i.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(i => new
            {
                i.Id, i.Title, i.UnitId, i.PublishedVersionId, i.LatestVersionId, i.PublishedSlug, i.UpdatedUtc, i.UpdatedById,
                LatestBy = db.ContentVersions.Where(v => v.Id == i.LatestVersionId).Select(v => v.CreatedByName).FirstOrDefault(),
                LatestNumber = db.ContentVersions.Where(v => v.Id == i.LatestVersionId).Select(v => v.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var updaterIds = items.Where(i => i.UpdatedById != null).Select(i => i.UpdatedById!).Distinct().ToList();
        var updaters = await db.Users.AsNoTracking().Where(u => updaterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var unitNames = Units.ToDictionary(u => u.Id, u => u.Name);
        Rows = items.Select(i => new Row(
            i.Id,
            i.Title,
            StatusOf(i.PublishedVersionId, i.LatestVersionId),
            i.UnitId is { } u ? unitNames.GetValueOrDefault(u) : null,
            i.UpdatedUtc,
            i.UpdatedById is { } by && updaters.TryGetValue(by, out var name) && name.Length > 0 ? name : i.LatestBy ?? "",
            i.LatestNumber,
            i.PublishedVersionId is null ? null : type.Settings.UrlFor(i.PublishedSlug))).ToList();
        Pager = new PagerModel(page, pages, "/admin/content", QueryString(includePage: false));
        return Page();
    }

    public static RowStatus StatusOf(int? publishedVersionId, int? latestVersionId) =>
        publishedVersionId is null ? RowStatus.Draft
        : publishedVersionId == latestVersionId ? RowStatus.Published
        : RowStatus.PublishedWithDraft;

    /// <summary>The current filters as a query string, for the pager and the links.</summary>
    public string QueryString(bool includePage)
    {
        var parts = new List<string> { "type=" + Uri.EscapeDataString(Type.Name) };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("status", Status);
        Add("unit", Unit);
        Add("topic", Topic);
        Add("author", Author);
        Add("q", Query);
        if (includePage)
        {
            Add("trang", Pager.Page > 1 ? Pager.Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        }
        return string.Join("&", parts);
    }

    public sealed record Row(int Id, string Title, RowStatus Status, string? UnitName, DateTime UpdatedUtc, string UpdatedBy, int Version, string? PublicUrl);
}

public enum RowStatus
{
    Draft,
    Published,
    PublishedWithDraft,
}
