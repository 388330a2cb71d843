using System.Globalization;
using System.Text;
using System.Xml;
using WardCms.Core.Content;
using WardCms.Core.Content.Parts;
using WardCms.Core.Sites;
using WardCms.Web.Pages.Content;

namespace WardCms.Web.Endpoints;

/// <summary>
/// What crawlers and feed readers fetch: sitemap.xml, robots.txt, RSS 2.0 and Atom per section and
/// per topic. Public, cached briefly; every text goes through XmlWriter, which escapes it, wrapped in
/// CleanTextXmlWriter, which drops what XML cannot hold.
/// </summary>
public static class PublicFeedEndpoints
{
    public const int FeedSize = 20;
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapPublicFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", Robots).AllowAnonymous();
        app.MapGet("/sitemap.xml", SitemapAsync).AllowAnonymous();
        // Section and topic feeds live under each type's own section, so a new type gets feeds with no code.
        // The order puts these ahead of the pages' catch-all route.
        app.MapGet("/{**path:regex(^.+/[a-z]+\\.xml$)}", FeedAsync).AllowAnonymous().WithOrder(-1);
        return app;
    }

    private static IResult Robots(HttpContext http)
    {
        Cache(http);
        var text = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Allow: /\n")
            .Append("Disallow: /admin\n")
            .Append("Disallow: /account\n")
            .Append("Disallow: /xem-truoc/\n")
            .Append("Sitemap: ").Append(PublicUrls.Absolute(http.Request, "/sitemap.xml")).Append('\n')
            .ToString();
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> SitemapAsync(HttpContext http, SiteContext sites, PublishedContent published, PublicCatalog catalog, CancellationToken ct)
    {
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var entries = await catalog.SitemapAsync(site.Id, await published.TypesAsync(site.Id, ct), ct);
        Cache(http);
        return Xml(w =>
        {
            const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            w.WriteStartElement("urlset", ns);
            w.WriteStartElement("url", ns);
            w.WriteElementString("loc", ns, PublicUrls.Absolute(http.Request, "/"));
            w.WriteEndElement();
            foreach (var (url, lastModified) in entries)
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, PublicUrls.Absolute(http.Request, url));
                w.WriteElementString("lastmod", ns, lastModified.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }, "application/xml; charset=utf-8");
    }

    private static async Task<IResult> FeedAsync(string path, HttpContext http, SiteContext sites, PublishedContent published, PublicCatalog catalog,
        ContentPartRegistry parts, CancellationToken ct)
    {
        var slash = path.LastIndexOf('/');
        var file = path[(slash + 1)..].ToLowerInvariant();
        if (file is not ("rss.xml" or "atom.xml"))
        {
            return Results.NotFound();
        }
        var atom = file == "atom.xml";
        var listPath = "/" + path[..slash].Trim('/');
        var site = await sites.GetAsync(http.Request.Host.Host, ct);
        var types = await published.TypesAsync(site.Id, ct);

        ContentTypeDefinition type;
        Term? term = null;
        if (parts.Get<TopicsPart>().TopicRoute(types, listPath) is { } topic)
        {
            type = topic.Type;
            term = (await catalog.TermsForAsync(site.Id, type, ct)).FirstOrDefault(t => t.Slug == topic.TermSlug);
            if (term is null)
            {
                return Results.NotFound();
            }
        }
        else if (PublishedContent.Resolve(types, listPath) is { Slug: null } section)
        {
            type = section.Type;
        }
        else
        {
            return Results.NotFound();
        }

        var items = (await catalog.ListAsync(site.Id, type, 1, FeedSize, term?.Id, ct)).Items;
        var sectionTitle = type.Settings.SectionTitle ?? type.DisplayName;
        var feed = new Feed(
            Title: term is null ? $"{sectionTitle} – {site.Name}" : $"{term.Name} – {sectionTitle} – {site.Name}",
            Description: term?.Description is { Length: > 0 } d ? d : type.Settings.Description ?? site.Tagline,
            PageUrl: PublicUrls.Absolute(http.Request, listPath),
            SelfUrl: PublicUrls.Absolute(http.Request, "/" + path.TrimStart('/')),
            Updated: items.Select(i => i.LastPublishedUtc ?? i.PublishedUtc ?? DateTime.UnixEpoch).DefaultIfEmpty(DateTime.UnixEpoch).Max(),
            Author: site.Name);
        Cache(http);
        return atom
            ? Xml(w => WriteAtom(w, feed, items, http.Request), "application/atom+xml; charset=utf-8")
            : Xml(w => WriteRss(w, feed, items, http.Request), "application/rss+xml; charset=utf-8");
    }

    private sealed record Feed(string Title, string Description, string PageUrl, string SelfUrl, DateTime Updated, string Author);

    private static void WriteRss(XmlWriter w, Feed feed, IReadOnlyList<PublicCard> items, HttpRequest request)
    {
        const string atomNs = "http://www.w3.org/2005/Atom";
        w.WriteStartElement("rss");
        w.WriteAttributeString("version", "2.0");
        w.WriteAttributeString("xmlns", "atom", null, atomNs);
        w.WriteStartElement("channel");
        w.WriteElementString("title", feed.Title);
        w.WriteElementString("link", feed.PageUrl);
        w.WriteElementString("description", feed.Description);
        w.WriteElementString("language", "vi");
        w.WriteElementString("lastBuildDate", Rfc822(feed.Updated));
        w.WriteStartElement("link", atomNs);
        w.WriteAttributeString("href", feed.SelfUrl);
        w.WriteAttributeString("rel", "self");
        w.WriteAttributeString("type", "application/rss+xml");
        w.WriteEndElement();
        foreach (var item in items)
        {
            var url = PublicUrls.Absolute(request, item.Url);
            w.WriteStartElement("item");
            w.WriteElementString("title", item.Title);
            w.WriteElementString("link", url);
            w.WriteStartElement("guid");
            w.WriteAttributeString("isPermaLink", "true");
            w.WriteString(url);
            w.WriteEndElement();
            w.WriteElementString("description", item.Summary);
            if (item.PublishedUtc is { } at)
            {
                w.WriteElementString("pubDate", Rfc822(at));
            }
            if (item.UnitName is { } unit)
            {
                w.WriteElementString("category", unit);
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteAtom(XmlWriter w, Feed feed, IReadOnlyList<PublicCard> items, HttpRequest request)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        w.WriteStartElement("feed", ns);
        w.WriteAttributeString("xml", "lang", null, "vi");
        w.WriteElementString("title", ns, feed.Title);
        w.WriteElementString("subtitle", ns, feed.Description);
        w.WriteElementString("id", ns, feed.SelfUrl);
        w.WriteElementString("updated", ns, Rfc3339(feed.Updated));
        Link(w, ns, feed.PageUrl, "alternate", "text/html");
        Link(w, ns, feed.SelfUrl, "self", "application/atom+xml");
        w.WriteStartElement("author", ns);
        w.WriteElementString("name", ns, feed.Author);
        w.WriteEndElement();
        foreach (var item in items)
        {
            var url = PublicUrls.Absolute(request, item.Url);
            w.WriteStartElement("entry", ns);
            w.WriteElementString("title", ns, item.Title);
            w.WriteElementString("id", ns, url);
            Link(w, ns, url, "alternate", "text/html");
            w.WriteElementString("published", ns, Rfc3339(item.PublishedUtc ?? DateTime.UnixEpoch));
            w.WriteElementString("updated", ns, Rfc3339(item.LastPublishedUtc ?? item.PublishedUtc ?? DateTime.UnixEpoch));
            if (item.Summary.Length > 0)
            {
                w.WriteElementString("summary", ns, item.Summary);
            }
            if (item.UnitName is { } unit)
            {
                w.WriteStartElement("author", ns);
                w.WriteElementString("name", ns, unit);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string ns, string href, string rel, string type)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("href", href);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteEndElement();
    }

    private static string Rfc822(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IResult Xml(Action<XmlWriter> write, string contentType)
    {
        var buffer = new MemoryStream();
        using (var w = new CleanTextXmlWriter(XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true })))
        {
            w.WriteStartDocument();
            write(w);
            w.WriteEndDocument();
        }
        return Results.Bytes(buffer.ToArray(), contentType);
    }

    private static void Cache(HttpContext http) =>
        http.Response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
}
