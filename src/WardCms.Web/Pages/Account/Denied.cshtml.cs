using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WardCms.Web.Pages.Account;

[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    // The denied page says so with a 403, so tests and scripts see the refusal too.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
