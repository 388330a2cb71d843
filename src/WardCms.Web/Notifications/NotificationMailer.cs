using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using WardCms.Core.Data;
using WardCms.Core.Notifications;

namespace WardCms.Web.Notifications;

/// <summary><c>WardCms:Smtp</c>: where notification e-mail goes out. Without a host no e-mail is sent (the bell still works).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>"auto" (STARTTLS when offered), "starttls", "ssl" (implicit TLS, port 465) or "none" (a relay on the local network).</summary>
    public string Security { get; set; } = "auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "WardCms <no-reply@localhost>";
    public int PollSeconds { get; set; } = 15;
}

/// <summary>
/// Messages to send once, soon, that must not be stored (a password-reset link): kept in memory until
/// the mailer takes them; lost if the process stops first (the person asks again).
/// </summary>
public sealed class OutgoingMail
{
    private readonly System.Threading.Channels.Channel<MimeMessage> _queue =
        System.Threading.Channels.Channel.CreateBounded<MimeMessage>(new System.Threading.Channels.BoundedChannelOptions(1000)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });

    public bool Enqueue(MimeMessage message) => _queue.Writer.TryWrite(message);

    internal System.Threading.Channels.ChannelReader<MimeMessage> Reader => _queue.Reader;
}

/// <summary>
/// Sends the notifications marked for e-mail (<see cref="NotificationMail.Pending"/>) with MailKit, from
/// the database, so a mail server that is down loses nothing: a failed message is tried again on the
/// next rounds and given up after <see cref="NotificationMail.MaxAttempts"/> (it stays under the bell).
/// Runs for every site of the deployment, in a scope no site confines.
/// </summary>
public sealed class NotificationMailer(IServiceScopeFactory scopes, SmtpOptions options, IConfiguration config, TimeProvider clock,
    OutgoingMail outgoing, ILogger<NotificationMailer> logger) : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        var unreachable = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendQueuedAsync(stoppingToken);
                await SendPendingAsync(stoppingToken);
                unreachable = 0;
            }
            catch (SmtpUnreachableException e)
            {
                // The server is down: nothing is counted against the messages; wait longer each time (up to an hour).
                unreachable++;
                logger.LogWarning(e.InnerException, "The SMTP server {Host}:{Port} could not be reached; e-mail waits", options.Host, options.Port);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(3600, poll.TotalSeconds * Math.Pow(2, Math.Min(unreachable, 10)))), stoppingToken);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending notification e-mail failed");
            }
            // The next round: at the poll interval, or at once when a message is queued.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(poll);
            try
            {
                await outgoing.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>The queued one-off messages (<see cref="OutgoingMail"/>); a message the server refuses is logged and dropped.</summary>
    public async Task SendQueuedAsync(CancellationToken ct)
    {
        if (!outgoing.Reader.TryPeek(out _))
        {
            return;
        }
        using var smtp = new SmtpClient();
        await ConnectAsync(smtp, ct);
        while (outgoing.Reader.TryRead(out var message))
        {
            try
            {
                await smtp.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A queued e-mail to {To} could not be sent", message.To);
            }
        }
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>The server could not be reached or refused the sign-in: the messages are not at fault.</summary>
    public sealed class SmtpUnreachableException(Exception inner) : Exception("SMTP server unreachable", inner);

    private async Task ConnectAsync(SmtpClient smtp, CancellationToken ct)
    {
        try
        {
            await smtp.ConnectAsync(options.Host ?? "", options.Port, Security(), ct);
            if (!string.IsNullOrEmpty(options.User))
            {
                await smtp.AuthenticateAsync(options.User, options.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SmtpUnreachableException(e);
        }
    }

    /// <summary>The sender as configured, named after the site when the setting names no one.</summary>
    public MailboxAddress Sender(string siteName)
    {
        var from = MailboxAddress.Parse(options.From);
        if (string.IsNullOrEmpty(from.Name))
        {
            from.Name = siteName;
        }
        return from;
    }

    /// <summary>One round: every pending e-mail, in batches; the number sent.</summary>
    public async Task<int> SendPendingAsync(CancellationToken ct)
    {
        var sent = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WardDbContext>();
        var pending = await db.Set<Notification>().Where(n => n.Mail == NotificationMail.Pending).OrderBy(n => n.Id).Take(Batch).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }
        var userIds = pending.Select(n => n.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var siteIds = pending.Select(n => n.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        using var smtp = new SmtpClient();
        await ConnectAsync(smtp, ct); // unreachable: nothing is marked, the loop waits and tries again
        foreach (var n in pending)
        {
            if (!users.TryGetValue(n.UserId, out var user) || string.IsNullOrWhiteSpace(user.Email) || !user.IsActive || !sites.TryGetValue(n.SiteId, out var site))
            {
                n.Mail = NotificationMail.None; // the address went away meanwhile
                continue;
            }
            try
            {
                await smtp.SendAsync(Compose(n, user, site), ct);
                n.Mail = NotificationMail.Sent;
                n.MailedUtc = clock.GetUtcNow().UtcDateTime;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // This message was refused (an address the server rejects…): it counts against this one only.
                logger.LogWarning(e, "Notification {Id} could not be e-mailed", n.Id);
                Failed(n);
                if (!smtp.IsConnected)
                {
                    await db.SaveChangesAsync(ct);
                    await ConnectAsync(smtp, ct);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await smtp.DisconnectAsync(true, ct);
        return sent;
    }

    private static void Failed(Notification n)
    {
        n.MailAttempts++;
        if (n.MailAttempts >= NotificationMail.MaxAttempts)
        {
            n.Mail = NotificationMail.Failed;
        }
    }

    private SecureSocketOptions Security() => options.Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "ssl" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    private MimeMessage Compose(Notification n, WardCms.Core.Security.StaffUser user, WardCms.Core.Sites.Site site)
    {
        var message = new MimeMessage { Subject = n.Title };
        message.From.Add(Sender(site.Name));
        message.To.Add(new MailboxAddress(user.FullName.Length > 0 ? user.FullName : user.UserName, user.Email!));
        var baseUrl = BaseUrl(site);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Kính gửi {(user.FullName.Length > 0 ? user.FullName : user.UserName)},

                {n.Text}

                Mở để xem và xử lý: {baseUrl}{n.Link}

                --
                {site.Name}
                Thư này được gửi tự động. Chọn loại thông báo nhận qua thư tại {baseUrl}/account/me
                """,
        };
        return message;
    }

    // The site's own address: its first host name (over HTTPS), or the deployment's public address.
    private string BaseUrl(WardCms.Core.Sites.Site site)
    {
        var host = site.HostNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return host is not null ? $"https://{host}" : (config["WardCms:PublicBaseUrl"] ?? "").TrimEnd('/');
    }
}

public static class NotificationServices
{
    public static IServiceCollection AddNotificationMail(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("WardCms:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(options);
        services.AddSingleton<OutgoingMail>();
        services.AddSingleton<NotificationMailer>();
        if (!string.IsNullOrWhiteSpace(options.Host))
        {
            services.AddHostedService(sp => sp.GetRequiredService<NotificationMailer>());
        }
        return services;
    }
}
