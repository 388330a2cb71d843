using Microsoft.AspNetCore.Mvc.ApplicationModels;
using WardCms.Core.Security;

namespace WardCms.Web.Security;

/// <summary>
/// Which permission each admin folder needs. Folders inherit /Admin's requirement and add their own,
/// so a new page is covered by where it is put, not by remembering an attribute.
/// </summary>
public static class AdminAuthorization
{
    public static readonly IReadOnlyList<(string Folder, string Permission)> Folders =
    [
        ("/Admin", Permissions.AccessAdmin),
        ("/Admin/Content", Permissions.EditContent),
        ("/Admin/Handbook", Permissions.EditContent),
        ("/Admin/Users", Permissions.ManageUsers),
        ("/Admin/Settings", Permissions.ManageSite),
        ("/Admin/Media", Permissions.ManageMedia),
        ("/Admin/Feedback", Permissions.ModerateFeedback),
        ("/Admin/Views", Permissions.ViewReports),
        ("/Admin/Radio", Permissions.ManageRadio),
        ("/Admin/Workflow", Permissions.EditContent),
        ("/Admin/Dashboard", Permissions.ViewReports),
        ("/Admin/Reports", Permissions.ViewReports),
        ("/Admin/Inbox", Permissions.AccessAdmin),
        ("/Admin/Tokens", Permissions.AccessAdmin),
        ("/Admin/Audit", Permissions.ManageSite),
        ("/Admin/CityInbox", Permissions.EditContent),
        ("/Admin/Sites", Permissions.OperateSites),
    ];

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var (folder, permission) in Folders)
        {
            conventions.AuthorizeFolder(folder, permission);
        }
    }
}

public static class AuthorizationServices
{
    public static IServiceCollection AddWardAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
            }
        });
        return services;
    }
}
