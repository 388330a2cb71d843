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

/// <summary>The settings screens' shared reading of what was typed, with the same words for the same mistakes.</summary>
public static class SettingsInput
{
    /// <summary>A key of at most <paramref name="maxLength"/> characters by the recipes' rule (<see cref="WardCms.Core.Recipes.RecipeValidator.IsKey"/>).</summary>
    public static bool IsKey(string key, int maxLength) => key.Length <= maxLength && WardCms.Core.Recipes.RecipeValidator.IsKey(key);

    /// <summary>
    /// "Thứ tự" as typed: blank is none (<paramref name="order"/> null, no error); otherwise a whole
    /// number from 0 to <paramref name="max"/>, or the message saying so.
    /// </summary>
    public static string? Order(string? text, int max, out int? order)
    {
        order = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= max)
        {
            order = n;
            return null;
        }
        return $"Thứ tự: “{text}” không hợp lệ; nhập số nguyên từ 0 đến {max:N0}.";
    }
}
