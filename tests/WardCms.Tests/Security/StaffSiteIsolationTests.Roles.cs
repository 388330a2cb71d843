using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Security;

/// <summary>
/// Roles are shared by every site: a recipe uploaded on one site's settings page may add roles, but
/// not change a role another site's accounts hold (here "leader", which the other ward's leader has),
/// nor grant the city operators' permission. Refused with the reason; nothing changes.
/// </summary>
public abstract partial class StaffSiteIsolationTests<TFactory>
{
    private async Task<HttpResponseMessage> UploadRecipeAsync(HttpClient admin, string json)
    {
        var token = await admin.GetAntiforgeryTokenAsync("/admin/settings");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "recipe", "roles.recipe.json" },
        };
        return await admin.PostAsync("/admin/settings", form);
    }

    private Task<List<string>> PermissionsOfAsync(string role) => factory.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<WardDbContext>();
        return db.RoleClaims.Where(c => db.Roles.Any(r => r.Id == c.RoleId && r.Name == role) && c.ClaimType == Permissions.ClaimType)
            .Select(c => c.ClaimValue!).OrderBy(v => v).ToListAsync();
    });

    [Fact]
    public async Task RecipeFromOneSitesAdmin_CannotChangeARoleAnotherSiteHolds_NorGrantOperateSites_ButMayAddItsOwn()
    {
        await EnsureOtherSiteAsync();
        var admin = await SignedInAsync("admin", WardAppFactory.AdminPassword);
        var leaderBefore = await PermissionsOfAsync("leader");

        var shared = await UploadRecipeAsync(admin, """
            { "name": "Đổi quyền lãnh đạo", "site": "hai-ba-trung", "steps": [ { "step": "roles", "roles": [ { "name": "leader", "permissions": ["AccessAdmin"] } ] } ] }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, shared.StatusCode);
        var refusal = WebUtility.HtmlDecode(await shared.Content.ReadAsStringAsync());
        Assert.Matches("vai trò \"leader\" dùng chung với \\d+ tài khoản của trang khác", refusal);
        Assert.Equal(leaderBefore, await PermissionsOfAsync("leader"));

        var operators = await UploadRecipeAsync(admin, """
            { "name": "Tự cấp quyền vận hành", "site": "hai-ba-trung", "steps": [ { "step": "roles", "roles": [ { "name": "van-hanh-tu-cap", "permissions": ["AccessAdmin", "OperateSites"] } ] } ] }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, operators.StatusCode);
        Assert.Contains("quyền OperateSites", WebUtility.HtmlDecode(await operators.Content.ReadAsStringAsync()));
        Assert.Empty(await PermissionsOfAsync("van-hanh-tu-cap"));

        var own = "bien-tap-rieng-" + Guid.NewGuid().ToString("N")[..4];
        var added = await UploadRecipeAsync(admin, $$"""
            { "name": "Vai trò riêng", "site": "hai-ba-trung", "steps": [ { "step": "roles", "roles": [ { "name": "{{own}}", "permissions": ["AccessAdmin", "EditContent"] } ] } ] }
            """);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(["AccessAdmin", "EditContent"], await PermissionsOfAsync(own));
    }
}
