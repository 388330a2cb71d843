using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Language;
using WardCms.Core.Planning;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Settings;

/// <summary>
/// /admin/settings/topics, "Chủ đề": the topics (terms) of the site's taxonomies without a recipe: add,
/// rename, describe, reorder, and remove one that no item carries and no plan rule filters by. A topic's
/// address (slug) and key stay as made: public links and plan rules name them. Limits are the recipe's
/// (<see cref="TopicLimits"/>); each change is recorded with the site's settings changes.
/// </summary>
public sealed class TopicsModel(WardDbContext db, SiteContext sites, UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public const string Area = "Chủ đề";

    public sealed record Row(Term Term, int Items, int Rules)
    {
        public bool InUse => Items + Rules > 0;
    }

    public List<Taxonomy> Taxonomies { get; private set; } = [];
    public Taxonomy? Current { get; private set; }
    public List<Row> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "danh-muc")] public string? TaxonomyKey { get; set; }
    [BindProperty] public int? TermId { get; set; }
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Order { get; set; }

    public string Self => "/admin/settings/topics" + (Current is null ? "" : $"?danh-muc={Uri.EscapeDataString(Current.Key)}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null)
            return NotFound();
        var term = TermId is { } id ? await db.Terms.FirstOrDefaultAsync(t => t.Id == id && t.TaxonomyId == Current.Id, ct) : null;
        if (TermId is not null && term is null)
            return NotFound();
        Name = TextInput.CleanLine(Name).Trim();
        Description = TextInput.Clean(Description).Trim();
        Key = (Key ?? "").Trim();
        Slug = (Slug ?? "").Trim().ToLowerInvariant();
        if (Name.Length == 0)
            ModelState.AddModelError(nameof(Name), "Nhập tên chủ đề.");
        else if (Name.Length > TopicLimits.NameLength)
            ModelState.AddModelError(nameof(Name), $"Tên chủ đề dài {Name.Length:N0} ký tự; tối đa {TopicLimits.NameLength:N0} ký tự.");
        if (Description.Length > TopicLimits.DescriptionLength)
            ModelState.AddModelError(nameof(Description), $"Mô tả dài {Description.Length:N0} ký tự; tối đa {TopicLimits.DescriptionLength:N0} ký tự.");
        if (SettingsInput.Order(Order, TopicLimits.MaxOrder, out var order) is { } orderError)
            ModelState.AddModelError(nameof(Order), orderError);
        if (term is null)
        {
            if (Slug.Length == 0)
                Slug = Vietnamese.Slugify(Name);
            if (Key.Length == 0)
                Key = Slug.Length > TopicLimits.KeyLength ? Slug[..TopicLimits.KeyLength].TrimEnd('-') : Slug;
            if (!SettingsInput.IsKey(Key, TopicLimits.KeyLength))
                ModelState.AddModelError(nameof(Key), $"Mã “{Key}” chỉ được gồm chữ thường không dấu, chữ số, - hoặc _ (tối đa {TopicLimits.KeyLength} ký tự).");
            else if (Rows.FirstOrDefault(r => r.Term.Key == Key) is { } keyTaken)
                ModelState.AddModelError(nameof(Key), $"Mã “{Key}” đã là của chủ đề “{keyTaken.Term.Name}”; chọn mã khác.");
            if (!Vietnamese.IsValidSlug(Slug))
                ModelState.AddModelError(nameof(Slug), $"Đường dẫn “{Slug}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang.");
            else if (Rows.FirstOrDefault(r => r.Term.Slug == Slug) is { } slugTaken)
                ModelState.AddModelError(nameof(Slug), $"Đường dẫn “{Slug}” đã là của chủ đề “{slugTaken.Term.Name}”; chọn đường dẫn khác.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        string summary;
        if (term is null)
        {
            db.Terms.Add(new Term
            {
                TaxonomyId = Current.Id, Key = Key, Name = Name, Slug = Slug, Description = Description,
                Order = order ?? Rows.Select(r => r.Term.Order).DefaultIfEmpty(0).Max() + 1,
            });
            summary = $"Thêm chủ đề “{Name}” (mã {Key}, đường dẫn {Slug}) vào “{Current.Name}”";
        }
        else
        {
            var changes = new List<string>();
            if (term.Name != Name) changes.Add($"tên “{term.Name}” → “{Name}”");
            if (term.Description != Description) changes.Add("mô tả");
            if (order is { } newOrder && term.Order != newOrder) changes.Add($"thứ tự {term.Order} → {newOrder}");
            if (changes.Count == 0)
            {
                TempData["Message"] = "Không có thay đổi nào.";
                return Redirect(Self);
            }
            summary = $"Chủ đề “{term.Name}”: {string.Join(", ", changes)}";
            (term.Name, term.Description) = (Name, Description);
            term.Order = order ?? term.Order;
        }
        await RecordAsync(Current.SiteId, summary, ct);
        TempData["Message"] = $"Đã lưu. {summary}.";
        return Redirect(Self);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Current is null || Rows.FirstOrDefault(r => r.Term.Id == TermId) is not { } row)
            return NotFound();
        if (row.InUse)
        {
            var uses = new List<string>();
            if (row.Items > 0) uses.Add($"{row.Items} mục nội dung mang chủ đề này");
            if (row.Rules > 0) uses.Add($"{row.Rules} chỉ tiêu kế hoạch lọc theo chủ đề này");
            ModelState.AddModelError("", $"Chưa xoá được “{row.Term.Name}”: còn {string.Join(", ", uses)}. Hãy bỏ chủ đề khỏi các mục và chỉ tiêu đó trước.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        db.Terms.Remove(await db.Terms.FirstAsync(t => t.Id == row.Term.Id, ct));
        await RecordAsync(Current.SiteId, $"Xoá chủ đề “{row.Term.Name}” (mã {row.Term.Key}) khỏi “{Current.Name}”", ct);
        TempData["Message"] = $"Đã xoá chủ đề “{row.Term.Name}”.";
        return Redirect(Self);
    }

    private async Task RecordAsync(int siteId, string summary, CancellationToken ct)
    {
        await SettingsHistory.AddAsync(db, users, User, clock, siteId, Area, summary);
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Taxonomies = await db.Taxonomies.AsNoTracking().Where(t => t.SiteId == site.Id).OrderBy(t => t.Name).ToListAsync(ct);
        Current = string.IsNullOrEmpty(TaxonomyKey) ? Taxonomies.FirstOrDefault() : Taxonomies.FirstOrDefault(t => t.Key == TaxonomyKey);
        if (Current is null)
            return string.IsNullOrEmpty(TaxonomyKey); // a site without topics has an empty page; an unknown one is 404
        var terms = await db.Terms.AsNoTracking().Where(t => t.TaxonomyId == Current.Id).OrderBy(t => t.Order).ThenBy(t => t.Name).ToListAsync(ct);
        var ids = terms.Select(t => t.Id).ToList();
        var items = (await db.ContentItemTerms.Where(x => ids.Contains(x.TermId)).Select(x => new { x.TermId, x.ContentItemId }).Distinct().ToListAsync(ct))
            .GroupBy(x => x.TermId).ToDictionary(g => g.Key, g => g.Count());
        // Plan rules name topics by key in their filters.
        var rules = (await db.PlanTasks.AsNoTracking().Where(t => t.Plan!.SiteId == site.Id).Select(t => new { t.Number, t.RulesJson }).ToListAsync(ct))
            .SelectMany(t => PlanRuleJson.Parse(t.RulesJson, t.Number)).SelectMany(r => r.Filters.Topics).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Rows = terms.Select(t => new Row(t, items.GetValueOrDefault(t.Id), rules.GetValueOrDefault(t.Key))).ToList();
        return true;
    }
}
