using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Content;
using WardCms.Core.Data;

namespace WardCms.Web.Pages.Admin.Radio;

public static partial class RadioForms
{
    // "2:15", "02:15", "135" (seconds), "1:02:15".
    public static bool TryParseDuration(string? text, out int seconds)
    {
        seconds = 0;
        var m = DurationRegex().Match((text ?? "").Trim());
        if (!m.Success)
        {
            return false;
        }
        if (!m.Groups[2].Success)
        {
            seconds = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return seconds <= 24 * 3600;
        }
        var parts = m.Value.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts.Skip(1).Any(p => p > 59))
        {
            return false;
        }
        seconds = parts.Aggregate(0, (acc, p) => acc * 60 + p);
        return seconds <= 24 * 3600;
    }

    public static string FormatDuration(int seconds) => seconds >= 3600
        ? $"{seconds / 3600}:{seconds % 3600 / 60:00}:{seconds % 60:00}"
        : $"{seconds / 60}:{seconds % 60:00}";

    public static Actor ActorOf(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "");

    // Records name people as the staff list does: the full name, the login only when no name is set.
    public static async Task<Actor> ActorAsync(WardDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var fullName = id is null ? null : await db.Users.Where(u => u.Id == id).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        return new(id, fullName is { Length: > 0 } ? fullName : user.Identity?.Name ?? "");
    }

    [GeneratedRegex(@"^(\d{1,5})(:\d{1,2}){0,2}$")]
    private static partial Regex DurationRegex();
}
