namespace WardCms.Core.Sites;

/// <summary>A unit (phòng, ban) of the ward; staff and content belong to one.</summary>
public sealed class Unit : Content.IPublicRecord
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string ShortName { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>The limits of a unit, one place for the recipe's units step and the admin's "Đơn vị" screen.</summary>
public static class UnitLimits
{
    public const int KeyLength = 64, NameLength = 200, ShortNameLength = 64, MaxOrder = 10_000;
}
