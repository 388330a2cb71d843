using Microsoft.AspNetCore.Mvc.RazorPages;
using WardCms.Core.Editorial;

namespace WardCms.Web.Pages.Admin.Inbox;

public sealed class IndexModel(InboxQueries inbox) : PageModel
{
    public WardCms.Core.Editorial.Inbox Items { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct) => Items = await inbox.LoadAsync(User, 200, ct);
}
