using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WardCms.Web.Security;

/// <summary>
/// The client's address as the rate limiters see it: a keyed hash, never the address itself. Behind a
/// trusted reverse proxy the address is the one the proxy forwarded (ForwardedHeadersSetup runs first).
/// </summary>
public static class ClientAddress
{
    // Per process: the hashes are only comparable within the limiters' memory, and cannot be reversed by a dictionary of addresses.
    private static readonly byte[] PartitionSalt = RandomNumberGenerator.GetBytes(32);

    public static string Key(HttpContext ctx, string? extra = null)
    {
        var ip = ctx.Connection.RemoteIpAddress is { } address ? Network(address) : "unknown";
        var text = extra is null ? ip : ip + "\n" + extra;
        return Convert.ToHexString(HMACSHA256.HashData(PartitionSalt, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// One client, as limits count them: an IPv4 address, or an IPv6 /64 — one household or phone gets a
    /// whole /64 and can pick any address in it, so counting per address would give it 2^64 allowances.
    /// </summary>
    public static string Network(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
