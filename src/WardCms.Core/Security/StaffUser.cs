using Microsoft.AspNetCore.Identity;

namespace WardCms.Core.Security;

public sealed class StaffUser : IdentityUser
{
    public int SiteId { get; set; }
    public int? UnitId { get; set; }
    public string FullName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
}

public sealed class StaffRole : IdentityRole
{
    public StaffRole()
    {
    }

    public StaffRole(string name) : base(name)
    {
    }

    public string DisplayName { get; set; } = "";
    public string Description { get; set; } = "";
}
