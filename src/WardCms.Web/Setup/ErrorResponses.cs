namespace WardCms.Web.Setup;

/// <summary>
/// How a refused request is answered: pages through the /error page, which shows <see cref="MessageItem"/>
/// when the refusing code left one.
/// </summary>
public static class ErrorResponses
{
    /// <summary>HttpContext item: a message naming what was wrong, shown by the /error page and the API's detail.</summary>
    public const string MessageItem = "WardCms.ErrorMessage";
}
