using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WardCms.Web.Setup;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy: the app takes the client's address and
/// scheme from X-Forwarded-For and X-Forwarded-Proto, but only when the connection comes from a trusted
/// proxy (WardCms:ForwardedHeaders:KnownProxies and KnownNetworks; loopback when neither is set), so a
/// client cannot pick its own address for the rate limits and view counts by sending the header itself.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "WardCms:ForwardedHeaders";

    public static IServiceCollection AddWardForwardedHeaders(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(Section);
        var proxies = Values(section, "KnownProxies").Select(v => IPAddress.TryParse(v, out var ip)
            ? ip
            : throw new InvalidOperationException($"{Section}:KnownProxies: “{v}” is not an IP address.")).ToList();
        var networks = Values(section, "KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var net)
            ? net
            : throw new InvalidOperationException($"{Section}:KnownNetworks: “{v}” is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        var limit = section.GetValue("ForwardLimit", 1);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front: the right-most address it appended is the client. A chain (CDN, then nginx) needs more.
            o.ForwardLimit = limit;
            if (proxies.Count + networks.Count > 0)
            {
                // The defaults (127.0.0.0/8 and ::1) are replaced, not added to.
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                proxies.ForEach(o.KnownProxies.Add);
                networks.ForEach(o.KnownIPNetworks.Add);
            }
        });
        return services;
    }

    private static IEnumerable<string> Values(IConfigurationSection section, string key) =>
        section.GetSection(key).GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0);
}
