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
        var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var text = extra is null ? ip : ip + "\n" + extra;
        return Convert.ToHexString(HMACSHA256.HashData(PartitionSalt, Encoding.UTF8.GetBytes(text)));
    }
}
