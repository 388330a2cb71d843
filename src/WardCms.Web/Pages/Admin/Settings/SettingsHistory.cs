using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WardCms.Core.Data;
using WardCms.Core.Security;
using WardCms.Core.Sites;

namespace WardCms.Web.Pages.Admin.Settings;

/// <summary>Records who changed which of a site's settings ("Lịch sử thay đổi"): one place for the settings screens.</summary>
public static class SettingsHistory
{
    /// <summary>Adds the record to <paramref name="db"/>; the caller's save writes it with the change itself.</summary>
    public static async Task AddAsync(WardDbContext db, UserManager<StaffUser> users, ClaimsPrincipal principal, TimeProvider clock,
        int siteId, string area, string summary)
    {
        var user = await users.GetUserAsync(principal);
        db.Add(new SiteSettingsChange
        {
            SiteId = siteId,
            UserId = user?.Id,
            UserName = user is null ? "" : user.FullName.Length > 0 ? user.FullName : user.UserName ?? "",
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Area = area,
            Summary = summary.Length > SummaryLength ? summary[..SummaryLength] : summary,
        });
    }

    /// <summary>What <see cref="SiteSettingsChange.Summary"/> holds.</summary>
    public const int SummaryLength = 8000;
}
