namespace WardCms.Web.Pages.Shared;

public sealed record PagerModel(int Page, int Pages, string Path, string Query = "")
{
    public string Link(int page)
    {
        var q = Query.Length > 0 ? Query + "&" : "";
        return page <= 1 && q.Length == 0 ? Path : $"{Path}?{q}trang={page}";
    }
}
