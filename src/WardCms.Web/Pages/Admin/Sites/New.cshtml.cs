using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Recipes;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Sites;

/// <summary>
/// /admin/sites/new, "Tạo trang mới": a site from a recipe file (its site step, units, roles, types,
/// topics and plan) in one transaction, answering on the host name typed here: what
/// <c>./wardcms site add --recipe FILE --host NAME</c> does. A refused recipe changes nothing and lists
/// its errors; the host name typed is kept.
/// </summary>
public sealed class NewModel(SiteOperations operations, UserManager<StaffUser> users) : PageModel
{
    [BindProperty] public string? Host { get; set; }

    public List<RecipeError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? recipe, CancellationToken ct)
    {
        Host = (Host ?? "").Trim();
        if (recipe is null || recipe.Length == 0)
        {
            Errors = [new RecipeError("$", "Chọn tệp công thức (.json) của trang mới.")];
        }
        else if (recipe.Length > Settings.IndexModel.MaxRecipeBytes)
        {
            Errors = [new RecipeError("$", $"Tệp công thức lớn {recipe.Length / 1024 / 1024} MB, tối đa 5 MB.")];
        }
        else
        {
            try
            {
                using var reader = new StreamReader(recipe.OpenReadStream());
                var (site, _) = await operations.CreateAsync(await reader.ReadToEndAsync(ct), Host.Length > 0 ? Host : null, await OperatorAsync(users, User), ct);
                TempData["Message"] = $"Đã tạo trang “{site.Name}”. Thêm quản trị viên cho trang ở mục dưới.";
                return Redirect($"/admin/sites/{site.Id}");
            }
            catch (RecipeValidationException ex)
            {
                Errors = ex.Errors.ToList();
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The signed-in operator, as the sites' histories name them.</summary>
    public static async Task<SiteOperator> OperatorAsync(UserManager<StaffUser> users, System.Security.Claims.ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("An operator's request without its account.");
        return new SiteOperator(user.Id, $"{(user.FullName.Length > 0 ? user.FullName : user.UserName)} (vận hành)", user.SiteId);
    }
}
