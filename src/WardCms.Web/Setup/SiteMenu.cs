using WardCms.Core.Content;
using WardCms.Core.Content.Parts;

namespace WardCms.Web.Setup;

/// <summary>
/// The public menu from the site's types (<see cref="PublicMenu.Build"/>), kept by the read model with
/// the site's other public data. Types made with the broadcast part bring the page of aired bulletins.
/// </summary>
public sealed class SiteMenu(PublicReadModel readModel, PublishedContent published, ContentPartRegistry parts) : IPublicMenu
{
    public static readonly MenuEntry Radio = new("Phát thanh", "/phat-thanh", false);

    public async Task<IReadOnlyList<MenuEntry>> EntriesAsync(int siteId, CancellationToken ct = default) =>
        (await readModel.GetAsync("menu:" + siteId, (published, parts.Get<BroadcastPart>(), siteId), static async (s, ct) =>
        {
            var types = await s.published.TypesAsync(s.siteId, ct);
            return new Entries(PublicMenu.Build(types, t => s.Item2.IsIn(t) ? Radio : null));
        }, ct, siteId)).List;

    private sealed record Entries(IReadOnlyList<MenuEntry> List) : PublicReadModel.ISized
    {
        public long ApproximateBytes => 256 + List.Sum(x => 64L + 2 * (x.Label.Length + x.Path.Length));
    }
}
