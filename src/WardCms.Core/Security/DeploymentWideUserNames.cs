using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WardCms.Core.Data;

namespace WardCms.Core.Security;

/// <summary>
/// A user name is unique in the whole deployment (the database's unique index says so), but a request
/// sees only its own site's accounts (the site filter), so Identity's own check cannot see a name taken
/// on another site: this one looks across sites, and the form says the name is taken instead of the
/// save failing on the index. It names no other site.
/// </summary>
public sealed class DeploymentWideUserNames(WardDbContext db) : IUserValidator<StaffUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        var name = manager.NormalizeName(await manager.GetUserNameAsync(user));
        if (string.IsNullOrEmpty(name))
        {
            return IdentityResult.Success;
        }
        var taken = await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedUserName == name && u.Id != user.Id && u.SiteId != user.SiteId);
        return taken ? IdentityResult.Failed(manager.ErrorDescriber.DuplicateUserName(user.UserName ?? name)) : IdentityResult.Success;
    }
}
