using System.Net;
using System.Net.Sockets;
using MimeKit;
using netDumbster.smtp;

namespace WardCms.Tests.Infrastructure;

/// <summary>
/// One SMTP server inside the test process (netDumbster) on a free loopback port: every test host
/// sends its notification e-mail here (WardAppFactory sets WardCms:Smtp), and tests read back the
/// messages addressed to the unique address they gave an account.
/// </summary>
public static class TestSmtp
{
    private static readonly Lazy<SimpleSmtpServer> Instance = new(() =>
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return SimpleSmtpServer.Start(port);
    });

    public static int Port => Instance.Value.Configuration.Port;

    /// <summary>The messages received for <paramref name="address"/>, parsed; waits up to <paramref name="timeout"/> for at least <paramref name="atLeast"/>.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string address, int atLeast = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Instance.Value.ReceivedEmail
                .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))
                .Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
                .ToList();
            if (found.Count >= atLeast || DateTime.UtcNow >= until)
            {
                return found;
            }
            await Task.Delay(200);
        }
    }
}
