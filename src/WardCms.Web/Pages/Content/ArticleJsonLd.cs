using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using WardCms.Core.Content;
using WardCms.Core.Language;

namespace WardCms.Web.Pages.Content;

/// <summary>schema.org NewsArticle for search engines; a data block, so the CSP has nothing to run.</summary>
public static class ArticleJsonLd
{
    // Keeps Vietnamese readable but still escapes <, >, & and quotes, so "</script>" in a title cannot end the block.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Iso(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Build"/>, remembered on the read model's item between requests that ask for the same
    /// address, image and site name (building the JSON was 4 % of a rendered article).
    /// </summary>
    public static string For(ItemModel m, string? imageUrl)
    {
        var view = m.View;
        if (view.JsonLd is { } memo && memo.CanonicalUrl == m.CanonicalUrl && memo.ImageUrl == imageUrl && memo.SiteName == m.Site.Name)
        {
            return memo.Json;
        }
        var json = Build(m, imageUrl);
        view.JsonLd = new Memo(m.CanonicalUrl, imageUrl, m.Site.Name, json);
        return json;
    }

    public sealed record Memo(string CanonicalUrl, string? ImageUrl, string SiteName, string Json);

    public static string Build(ItemModel m, string? imageUrl)
    {
        var entry = m.Item;
        // JSON can escape any character, but a control character or a bidirectional override stored before
        // input was cleaned has no business in what search engines show.
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = TextInput.Clean(entry.Version.Title),
            ["description"] = TextInput.Clean(entry.Version.Summary),
            ["inLanguage"] = "vi",
            ["mainEntityOfPage"] = m.CanonicalUrl,
            ["url"] = m.CanonicalUrl,
            ["publisher"] = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = m.Site.Name },
            ["author"] = new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = TextInput.Clean(entry.UnitName ?? (string.IsNullOrEmpty(entry.Version.AuthorName) ? m.Site.Name : entry.Version.AuthorName)),
            },
        };
        if (entry.Item.FirstPublishedUtc is { } first)
        {
            json["datePublished"] = Iso(first);
        }
        if (entry.Item.PublishedUtc is { } last)
        {
            json["dateModified"] = Iso(last);
        }
        if (imageUrl is not null)
        {
            json["image"] = new JsonArray(imageUrl);
        }
        if (entry.Terms.Count > 0)
        {
            json["keywords"] = TextInput.Clean(string.Join(", ", entry.Terms.Select(t => t.Name)));
        }
        return json.ToJsonString(Options);
    }
}
