using System.Net;
using Microsoft.AspNetCore.Http;
using WardCms.Web.Security;

namespace WardCms.Tests.Web;

/// <summary>Limits count a client: an IPv4 address, or the /64 an IPv6 client picks its addresses from.</summary>
public sealed class ClientAddressTests
{
    [Fact]
    public void Ipv6AddressesOfOneSlash64_AreOneClient_AnotherSlash64_IsAnother()
    {
        Assert.Equal(Key("2001:db8:1:2::1"), Key("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.NotEqual(Key("2001:db8:1:2::1"), Key("2001:db8:1:3::1"));
    }

    [Fact]
    public void Ipv4_IsCountedPerAddress_AndTheSameWhenMappedIntoIpv6()
    {
        Assert.NotEqual(Key("203.0.113.7"), Key("203.0.113.8"));
        Assert.Equal(Key("203.0.113.7"), Key("::ffff:203.0.113.7"));
        Assert.Equal("203.0.113.7", ClientAddress.Network(IPAddress.Parse("::ffff:203.0.113.7")));
    }

    private static string Key(string address)
    {
        var ctx = new DefaultHttpContext();
        ctx.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return ClientAddress.Key(ctx, "sign-in:EDITOR1");
    }
}
