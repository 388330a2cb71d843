using Microsoft.AspNetCore.Mvc.Routing;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Web.Setup;

namespace WardCms.Web.Pages.Content;

/// <summary>
/// Every public content address, from the site's types (no code per type): ASP.NET Core's dynamic
/// page route sends "/cchc" to the section page, "/cchc/chu-de/mot-cua" to the topic page of a type
/// with the topics part, and "/cchc/{slug}" to the item page. Fixed pages keep their own routes
/// (the recipe validator keeps sections off them, <see cref="ReservedPaths"/>); an address no type
/// claims matches nothing and answers 404.
/// </summary>
public sealed class PublicContentRoutes(PublicReadModel readModel, PublishedContent published, ContentPartRegistry parts) : DynamicRouteValueTransformer
{
    public const string TypeKey = "contentType", TermKey = "term", SlugKey = "slug";

    public override async ValueTask<RouteValueDictionary> TransformAsync(HttpContext httpContext, RouteValueDictionary values)
    {
        // Routing asks this route about every address it could match, fixed pages' too ("/admin/…"):
        // those belong to no section (the recipe validator keeps sections off them), so no lookup is made.
        var path = "/" + ((values["path"] as string) ?? "").Trim('/');
        // A draft by its preview link ("/xem-truoc/{token}", PreviewLinks), shown by the item page.
        if (path.StartsWith(PreviewLinks.PathPrefix, StringComparison.Ordinal) && path.Length > PreviewLinks.PathPrefix.Length
            && path.IndexOf('/', PreviewLinks.PathPrefix.Length) < 0)
        {
            return await SiteOfRequest.FindAsync(httpContext) is ({ }, _)
                ? new RouteValueDictionary { ["page"] = "/Content/Item", [ItemModel.PreviewTokenKey] = path[PreviewLinks.PathPrefix.Length..] }
                : null!;
        }
        if (ReservedPaths.CollisionOf(path) is not null)
        {
            return null!;
        }
        if (await SiteOfRequest.FindAsync(httpContext) is not ({ } site, _))
        {
            return null!; // no site answers this host: the site middleware says so
        }
        var types = await readModel.GetAsync("types:" + site.Id, (published, site.Id), static (s, ct) => s.published.TypesAsync(s.Id, ct),
            httpContext.RequestAborted, site.Id);
        if (parts.Get<TopicsPart>().TopicRoute(types, path) is { } topic)
        {
            return new RouteValueDictionary { ["page"] = "/Content/Topic", [TypeKey] = topic.Type.Name, [TermKey] = topic.TermSlug };
        }
        return PublishedContent.Resolve(types, path) switch
        {
            { Slug: null } section => new RouteValueDictionary { ["page"] = "/Content/Section", [TypeKey] = section.Type.Name },
            { } item => new RouteValueDictionary { ["page"] = "/Content/Item", [TypeKey] = item.Type.Name, [SlugKey] = item.Slug },
            null => null!, // no type claims the address: 404
        };
    }
}
