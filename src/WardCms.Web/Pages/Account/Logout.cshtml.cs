using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Security;

namespace WardCms.Web.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A new stamp revokes this cookie everywhere it was copied (and the user's other sessions): the
        // stamp is checked on every request.
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            if (User.FindFirst(StaffSession.Claim)?.Value is { } session)
            {
                var db = HttpContext.RequestServices.GetRequiredService<WardCms.Core.Data.WardDbContext>();
                var now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                    db.Set<StaffSession>().Where(s => s.Id == session && s.UserId == user.Id), u => u.SetProperty(s => s.EndedUtc, now));
            }
        }
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
