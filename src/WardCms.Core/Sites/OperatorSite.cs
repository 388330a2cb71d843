using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Security;

namespace WardCms.Core.Sites;

/// <summary>
/// The site the city's operators work from (<c>WardCms:OperatorSite</c>, a site key; unset, the
/// deployment's first site, which is the only one of a fresh install). <see cref="Permissions.OperateSites"/>
/// is honoured only for accounts of this site: roles are shared by every site, so a ward whose recipe
/// grants it to its own roles gains nothing (the claims factory drops it).
/// </summary>
public sealed class OperatorSite(string? key)
{
    public string? Key => string.IsNullOrWhiteSpace(key) ? null : key.Trim();

    public async Task<int?> IdAsync(WardDbContext db, CancellationToken ct = default) =>
        Key is { } k
            ? await db.Sites.Where(s => s.Key == k).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
            : await db.Sites.OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
}
