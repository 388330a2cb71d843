namespace WardCms.Theme.Admin;

/// <summary>Marks the admin theme's assembly: admin layout, navigation, editor partials, css and js.</summary>
public static class AdminTheme
{
}
