using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WardCms.Core.Data;
using WardCms.Core.Security;

namespace WardCms.Core.Sites;

/// <summary>One row of the operators' list of sites.</summary>
public sealed record OperatedSite(int Id, string Key, string Name, string Kind, string Level, string HostNames, string State,
    int Staff, int Published, DateTime CreatedUtc);

/// <summary>One staff account of a site, as the operators see it.</summary>
public sealed record OperatedStaff(string Id, string UserName, string FullName, IReadOnlyList<string> Roles, bool IsActive, bool IsAdministrator);

/// <summary>An operator's action refused: the Vietnamese reason and the status it answers with.</summary>
public sealed class SiteOperationException(string message, int status = 409) : Exception(message)
{
    public int Status => status;
}

/// <summary>Who acts: an operator of the city's IT centre, by the account of the operator site.</summary>
public sealed record SiteOperator(string? UserId, string Name, int SiteId);

/// <summary>
/// What the city's operators do across sites: list them, suspend, resume, archive and bring back a
/// site, and keep each site's administrators (add one, issue a set-password token, lock or unlock).
/// An operator's request is confined to the operator site like every request; this service is the one
/// place that reads and writes other sites, each time in a scope of its own that no site confines. It
/// never touches a site's content. Every change is recorded in the site's own settings history
/// ("Vận hành"), which the site's administrators read.
/// </summary>
public sealed class SiteOperations(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string HistoryArea = "Vận hành";
    public const int NoteLength = 500;

    public async Task<IReadOnlyList<OperatedSite>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var staff = await db.Users.GroupBy(u => u.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var published = await db.ContentItems.Where(i => i.PublishedVersionId != null && !i.IsDeleted)
            .GroupBy(i => i.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        return sites.Select(s => new OperatedSite(s.Id, s.Key, s.Name, s.Kind, s.Level, s.HostNames, s.State,
            staff.GetValueOrDefault(s.Id), published.GetValueOrDefault(s.Id), s.CreatedUtc)).ToList();
    }

    /// <summary>
    /// A new site from a recipe (host names, body, units, roles, types, plan), in one transaction,
    /// answering on <paramref name="host"/> when given: what <c>./wardcms site add</c> does.
    /// </summary>
    /// <exception cref="Recipes.RecipeValidationException">Not a new site, a host another site lists, or an invalid recipe; nothing was applied.</exception>
    public async Task<(Site Site, Recipes.RecipeResult Result)> CreateAsync(string recipeJson, string? host, SiteOperator by, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Recipes.RecipeApplier>().AddSiteAsync(recipeJson, host, ct);
        await using var record = scopes.CreateAsyncScope();
        var db = record.ServiceProvider.GetRequiredService<WardDbContext>();
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Key == result.SiteKey, ct);
        Record(db, site.Id, by, $"Tạo trang từ công thức{(string.IsNullOrWhiteSpace(host) ? "" : $", địa chỉ {host.Trim().ToLowerInvariant()}")}.");
        await db.SaveChangesAsync(ct);
        return (site, result);
    }

    public async Task<Site?> FindAsync(int siteId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WardDbContext>().Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct);
    }

    /// <summary>The site's operations history, newest first.</summary>
    public async Task<IReadOnlyList<SiteSettingsChange>> HistoryAsync(int siteId, int take = 20, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WardDbContext>().Set<SiteSettingsChange>().AsNoTracking()
            .Where(c => c.SiteId == siteId && c.Area == HistoryArea).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>
    /// Suspends, resumes, archives or brings back a site. The operator site cannot be closed (the
    /// operators would lock themselves out), nor can the last site that serves.
    /// </summary>
    public async Task ChangeStateAsync(int siteId, string state, string note, SiteOperator by, CancellationToken ct = default)
    {
        if (!SiteStates.All.Contains(state))
        {
            throw new SiteOperationException("Trạng thái không hợp lệ.", 400);
        }
        note = note.Trim();
        if (state != SiteStates.Active && note.Length == 0)
        {
            throw new SiteOperationException("Hãy ghi lý do tạm ngừng hoặc lưu trữ trang (ví dụ số văn bản quyết định).", 400);
        }
        if (note.Length > NoteLength)
        {
            throw new SiteOperationException($"Lý do dài quá {NoteLength} ký tự.", 400);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct) ?? throw new SiteOperationException("Không tìm thấy trang này.", 404);
        if (site.State == state)
        {
            throw new SiteOperationException($"Trang đã ở trạng thái “{SiteStates.DisplayName(state)}”.");
        }
        if (state != SiteStates.Active)
        {
            if (!await db.Sites.AnyAsync(s => s.Id != siteId && s.State == SiteStates.Active, ct))
            {
                throw new SiteOperationException("Không thể đóng trang cuối cùng đang hoạt động của hệ thống.");
            }
            if (siteId == by.SiteId)
            {
                throw new SiteOperationException("Không thể đóng trang của đơn vị vận hành: đây là nơi quản trị mọi trang.");
            }
        }
        var before = site.State;
        site.State = state;
        site.StateNote = state == SiteStates.Active ? "" : note;
        Record(db, siteId, by, state switch
        {
            SiteStates.Suspended => $"Tạm ngừng hoạt động. Lý do: {note}",
            SiteStates.Archived => $"Lưu trữ (ngừng hoạt động). Lý do: {note}",
            _ => $"Hoạt động trở lại (trước đó: {SiteStates.DisplayName(before).ToLowerInvariant()}){(note.Length > 0 ? $". Ghi chú: {note}" : "")}",
        });
        await db.SaveChangesAsync(ct);
        if (state != SiteStates.Active)
        {
            // Its staff's sessions end now: reopening the site does not bring old cookies back.
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Set<StaffSession>().Where(x => x.SiteId == siteId && x.EndedUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.EndedUtc, now), ct);
        }
    }

    /// <summary>The site's staff, administrators (who can manage accounts) first.</summary>
    public async Task<IReadOnlyList<OperatedStaff>> StaffAsync(int siteId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var managing = await ManagingRolesAsync(db, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.SiteId == siteId).OrderBy(u => u.UserName).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name, r.DisplayName })
            .ToListAsync(ct);
        return users.Select(u =>
        {
            var mine = roles.Where(r => r.UserId == u.Id).ToList();
            return new OperatedStaff(u.Id, u.UserName ?? "", u.FullName,
                mine.Select(r => r.DisplayName.Length > 0 ? r.DisplayName : r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
                u.IsActive, mine.Any(r => managing.Contains(r.Name ?? "")));
        }).OrderByDescending(s => s.IsAdministrator).ThenBy(s => s.UserName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The roles that hold <see cref="Permissions.ManageUsers"/>: a site's administrators have one.</summary>
    public async Task<IReadOnlyList<StaffRole>> AdministratorRolesAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var names = await ManagingRolesAsync(db, ct);
        return await db.Roles.AsNoTracking().Where(r => names.Contains(r.Name!)).OrderBy(r => r.Name).ToListAsync(ct);
    }

    private static async Task<HashSet<string>> ManagingRolesAsync(WardDbContext db, CancellationToken ct) =>
        (await db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.ManageUsers)
            .Join(db.Roles, c => c.RoleId, r => r.Id, (c, r) => r.Name!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A new administrator account on the site, with no password: the result carries a one-time
    /// set-password token for the link the operator hands over. User names are unique across the
    /// deployment; the messages are Identity's, in Vietnamese.
    /// </summary>
    public async Task<(StaffUser User, string Token)> AddAdministratorAsync(int siteId, string userName, string fullName, string role, SiteOperator by,
        CancellationToken ct = default)
    {
        userName = Language.TextInput.CleanLine(userName).Trim();
        fullName = Language.TextInput.CleanLine(fullName).Trim();
        if (userName.Length == 0 || fullName.Length == 0)
        {
            throw new SiteOperationException("Hãy nhập tên đăng nhập và họ tên của quản trị viên.", 400);
        }
        if (fullName.Length > 200)
        {
            throw new SiteOperationException("Họ tên dài quá 200 ký tự.", 400);
        }
        if (userName.Length > 64)
        {
            throw new SiteOperationException("Tên đăng nhập dài quá 64 ký tự.", 400);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            throw new SiteOperationException("Không tìm thấy trang này.", 404);
        }
        if (!(await ManagingRolesAsync(db, ct)).Contains(role))
        {
            throw new SiteOperationException("Vai trò này không phải vai trò quản trị (không có quyền quản lý tài khoản).", 400);
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, FullName = fullName, SiteId = siteId, IsActive = true, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, role);
        }
        if (!created.Succeeded)
        {
            throw new SiteOperationException(string.Join(" ", created.Errors.Select(e => e.Description)), 400);
        }
        Record(db, siteId, by, $"Thêm quản trị viên {userName} ({fullName}), vai trò {role}.");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (user, await users.GeneratePasswordResetTokenAsync(user));
    }

    /// <summary>A one-time set-password token for one of the site's accounts (its older links stop working when it is used).</summary>
    public async Task<(StaffUser User, string Token)> PasswordTokenAsync(int siteId, string userId, SiteOperator by, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await AccountOfAsync(users, siteId, userId);
        Record(db, siteId, by, $"Tạo liên kết đặt mật khẩu cho {user.UserName}.");
        await db.SaveChangesAsync(ct);
        return (user, await users.GeneratePasswordResetTokenAsync(user));
    }

    /// <summary>Locks or unlocks one of the site's accounts; a locked account's sessions end at its next request.</summary>
    public async Task SetActiveAsync(int siteId, string userId, bool active, SiteOperator by, CancellationToken ct = default)
    {
        if (!active && userId == by.UserId)
        {
            throw new SiteOperationException("Không tự khoá tài khoản của chính mình; nhờ một người vận hành khác nếu cần.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await AccountOfAsync(users, siteId, userId);
        if (user.IsActive == active)
        {
            return;
        }
        user.IsActive = active;
        Record(db, siteId, by, $"{(active ? "Mở khoá" : "Khoá")} tài khoản {user.UserName}.");
        var result = await users.UpdateAsync(user); // saves the record with it
        if (!result.Succeeded)
        {
            throw new SiteOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        if (!active)
        {
            await users.UpdateSecurityStampAsync(user);
        }
    }

    // One of the site's accounts; another site's (or none) is a 404 for the page, never acted on.
    private static async Task<StaffUser> AccountOfAsync(UserManager<StaffUser> users, int siteId, string userId) =>
        await users.FindByIdAsync(userId) is { } user && user.SiteId == siteId
            ? user
            : throw new SiteOperationException("Không tìm thấy tài khoản này ở trang này.", 404);

    private void Record(WardDbContext db, int siteId, SiteOperator by, string summary) => db.Add(new SiteSettingsChange
    {
        SiteId = siteId,
        UserId = by.UserId,
        UserName = by.Name,
        AtUtc = clock.GetUtcNow().UtcDateTime,
        Area = HistoryArea,
        Summary = summary,
    });
}
