using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;
using WardCms.Core.Language;

namespace WardCms.Core.Radio;

public sealed record AnnouncerInput(string Name, int? SyllablesPerMinute, string? UserId, bool IsActive);

/// <summary>Errors keyed by the input field they belong to, in Vietnamese.</summary>
public sealed record AnnouncerResult(Announcer? Announcer, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;
}

/// <summary>
/// The ward's announcers, their reading pace and the staff account each one reads as. Both the
/// announcer screen and the as-run form ask this class, so "the announcer of this user" means one thing.
/// </summary>
public sealed class AnnouncerRoster(WardDbContext db)
{
    // Narrower than ReadTimeEstimator's 60–600: outside 80–400 a typed rate is a slip, not a reader.
    public const int MinRate = 80;
    public const int MaxRate = 400;
    public const int MaxNameLength = 200;

    public async Task<AnnouncerResult> SaveAsync(int siteId, int? id, AnnouncerInput input, CancellationToken ct = default)
    {
        var name = Vietnamese.Nfc(input.Name ?? "").Trim();
        var userId = string.IsNullOrWhiteSpace(input.UserId) ? null : input.UserId.Trim();
        var errors = new List<(string, string)>();
        Announcer? announcer = null;
        if (id is { } existing)
        {
            announcer = await db.Set<Announcer>().FirstOrDefaultAsync(a => a.Id == existing && a.SiteId == siteId, ct);
            if (announcer is null)
            {
                return new AnnouncerResult(null, [], NotFound: true);
            }
        }
        if (name.Length == 0)
        {
            errors.Add((nameof(AnnouncerInput.Name), "Hãy nhập họ tên phát thanh viên."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add((nameof(AnnouncerInput.Name), $"Họ tên tối đa {MaxNameLength} ký tự."));
        }
        else if (await db.Set<Announcer>().AnyAsync(a => a.SiteId == siteId && a.Name == name && a.Id != (id ?? 0), ct))
        {
            // Scripts name their announcer as text; two with one name would make the rate ambiguous.
            errors.Add((nameof(AnnouncerInput.Name), $"Đã có phát thanh viên tên “{name}”."));
        }
        if (input.SyllablesPerMinute is not { } rate || rate < MinRate || rate > MaxRate)
        {
            errors.Add((nameof(AnnouncerInput.SyllablesPerMinute), $"Tốc độ đọc phải từ {MinRate} đến {MaxRate} tiếng/phút."));
        }
        if (userId is not null)
        {
            var user = await db.Users.Where(u => u.Id == userId && u.SiteId == siteId).Select(u => new { u.UserName, u.IsActive }).FirstOrDefaultAsync(ct);
            if (user is null)
            {
                errors.Add((nameof(AnnouncerInput.UserId), "Tài khoản đã chọn không tồn tại."));
            }
            else
            {
                var taken = await db.Set<Announcer>().Where(a => a.SiteId == siteId && a.UserId == userId && a.Id != (id ?? 0))
                    .Select(a => a.Name).FirstOrDefaultAsync(ct);
                if (taken is not null)
                {
                    errors.Add((nameof(AnnouncerInput.UserId), $"Tài khoản {user.UserName} đã gắn với phát thanh viên “{taken}”; mỗi tài khoản chỉ gắn với một phát thanh viên."));
                }
            }
        }
        if (errors.Count > 0)
        {
            return new AnnouncerResult(null, errors);
        }
        if (announcer is null)
        {
            announcer = new Announcer { SiteId = siteId };
            db.Add(announcer);
        }
        announcer.Name = name;
        announcer.SyllablesPerMinute = input.SyllablesPerMinute!.Value;
        announcer.UserId = userId;
        announcer.IsActive = input.IsActive;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (userId is not null)
        {
            // Two people linking the same account at once: the unique index refuses the second.
            db.ChangeTracker.Clear();
            return new AnnouncerResult(null, [(nameof(AnnouncerInput.UserId), "Tài khoản này vừa được gắn với một phát thanh viên khác; hãy tải lại trang.")]);
        }
        return new AnnouncerResult(announcer, []);
    }

    public async Task<bool> SetActiveAsync(int siteId, int id, bool active, CancellationToken ct = default) =>
        await db.Set<Announcer>().Where(a => a.Id == id && a.SiteId == siteId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.IsActive, active), ct) > 0;

    /// <summary>The active announcer the signed-in staff member reads as, if their account is linked.</summary>
    public async Task<Announcer?> ForUserAsync(int siteId, string? userId, CancellationToken ct = default) =>
        userId is null
            ? null
            : await db.Set<Announcer>().AsNoTracking().FirstOrDefaultAsync(a => a.SiteId == siteId && a.UserId == userId && a.IsActive, ct);

    public async Task<List<string>> ActiveNamesAsync(int siteId, CancellationToken ct = default) =>
        await db.Set<Announcer>().AsNoTracking().Where(a => a.SiteId == siteId && a.IsActive).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
}
