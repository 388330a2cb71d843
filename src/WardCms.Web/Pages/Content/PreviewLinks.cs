using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace WardCms.Web.Pages.Content;

/// <summary>
/// Shareable preview links of a draft ("/xem-truoc/{token}"): a leader opens on a phone, without
/// signing in, one saved version of an item as citizens would see it. The token is ASP.NET Core Data
/// Protection's (the keys the cookies use, kept in the database), over the site, the item, the version
/// and when the link expires: it cannot be altered or made for another version, and it stops working
/// after <see cref="Lifetime"/>, when the item goes to the trash, or on another site's address.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string PathPrefix = "/xem-truoc/";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = protection.CreateProtector("WardCms.ContentPreviewLink.v1");

    public sealed record Link(string Token, int SiteId, int ItemId, int VersionId, DateTimeOffset ExpiresUtc)
    {
        public string Path => PathPrefix + Token;
    }

    public Link Create(int siteId, int itemId, int versionId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = string.Join('.', siteId, itemId, versionId, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return new Link(_protector.Protect(payload), siteId, itemId, versionId, expires);
    }

    /// <summary>The link a token stands for, expired or not; null when it is not one of ours (altered, cut short, made by other keys).</summary>
    public Link? Read(string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split('.');
        return parts.Length == 4
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var site) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var item)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var version) && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var expires)
            ? new Link(token, site, item, version, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
    }

    public bool HasExpired(Link link) => clock.GetUtcNow() >= link.ExpiresUtc;
}
