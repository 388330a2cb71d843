using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Data;
using WardCms.Core.Recipes;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Settings;

public sealed class IndexModel(SiteContext sites, WardDbContext db, DatabaseOptions database, RecipeApplier recipes, ContentPartRegistry parts) : PageModel
{
    public const long MaxRecipeBytes = 5 * 1024 * 1024;

    public string Database { get; private set; } = "";
    public string DataFolder { get; private set; } = "";
    public List<Tool> Tools { get; } = [];
    public List<ContentTypeDefinition> Types { get; private set; } = [];
    public List<RecipeError> Errors { get; private set; } = [];
    public RecipeResult? Result { get; private set; }

    /// <summary>Every registered part, for the hint on the names a recipe file uses.</summary>
    public IEnumerable<ContentPartDefinition> Parts => parts.All.OrderBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>What staff call a part; a part no longer registered keeps its code name.</summary>
    public string PartDisplayName(string name) => parts.Find(name)?.DisplayName ?? name;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? recipe, CancellationToken ct)
    {
        if (recipe is null || recipe.Length == 0)
        {
            Errors = [new RecipeError("$", "Chọn một tệp công thức (.json) để áp dụng.")];
        }
        else if (recipe.Length > MaxRecipeBytes)
        {
            Errors = [new RecipeError("$", $"Tệp công thức lớn {recipe.Length / 1024 / 1024} MB, tối đa 5 MB.")];
        }
        else
        {
            try
            {
                await using var stream = recipe.OpenReadStream();
                Result = await recipes.ApplyToSiteAsync(stream, (await sites.GetAsync(Request.Host.Host, ct)).Key, ct);
                db.ChangeTracker.Clear();
            }
            catch (RecipeValidationException ex)
            {
                Errors = ex.Errors.ToList();
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var site = await sites.GetAsync(Request.Host.Host, ct);
        Database = database.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite (tệp, chế độ WAL)";
        DataFolder = database.DataFolder;
        Types = await db.ContentTypes.AsNoTracking().Where(t => t.SiteId == site.Id).OrderBy(t => t.Order).ToListAsync(ct);
        Tools.Add(new("libvips", OnPath("vipsthumbnail"), "tạo các cỡ ảnh, xoá thông tin GPS"));
        Tools.Add(new("espeak-ng, sox", OnPath("espeak-ng") && OnPath("sox"), "đọc thử kịch bản phát thanh"));
        Tools.Add(new("Chromium", System.IO.File.Exists("/usr/bin/chromium") || OnPath("chromium"), "xuất PDF"));
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => System.IO.File.Exists(Path.Combine(dir, tool)));

    public sealed record Tool(string Name, bool Installed, string Purpose);
}
