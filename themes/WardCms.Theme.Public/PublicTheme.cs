namespace WardCms.Theme.Public;

/// <summary>Marks the public theme's assembly: layout, chrome, display partials, css and js.</summary>
public static class PublicTheme
{
}
