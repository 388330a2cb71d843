using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Security;

/// <summary>
/// A staff account belongs to one site (<see cref="StaffUser.SiteId"/>): on any other site it is not
/// signed in at all. Asked at sign-in (an account of another site fails like a wrong password), by the
/// cookie check on every request (<see cref="StaffSecurityStampValidator"/>: a valid cookie of site A
/// replayed on site B's host is refused and cleared there) and by the API token handler.
/// </summary>
public static class StaffSite
{
    public static async Task<bool> IsHomeOfAsync(HttpContext http, StaffUser user)
    {
        var site = await http.RequestServices.GetRequiredService<SiteContext>().GetAsync(http.Request.Host.Host, http.RequestAborted);
        return site.Id == user.SiteId;
    }
}
