using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Mail;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Mail;

/// <summary>
/// The SMTP transport against a real SMTP server: Debian's aiosmtpd, started by <c>scripts/test.sh</c> through
/// <c>scripts/smtp.sh</c>, which keeps every message it accepts in a Maildir that the tests read back with MimeKit.
/// </summary>
public sealed class SmtpDeliveryTests : IAsyncDisposable
{
    private readonly (int Port, MailDrop Drop) _server = MailDrop.TestServer();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public SmtpDeliveryTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_TransactionalMail_ArrivesWithBothPartsAndItsMessageIdAndNoUnsubscribe()
    {
        await using var transport = Transport(_server.Port);
        var to = $"ana-{_run}@example.edu";

        await transport.SendAsync(new OutgoingMail(to, "Ana Lima", "Confirm joining MLOps 2026", "Confirm: https://ppipe.example.edu/join/confirm?t=abc",
            "<p>Confirm: <a href=\"https://ppipe.example.edu/join/confirm?t=abc\">join</a></p>", true, null, $"join-{_run}"), Ct);

        var mail = Assert.Single(await _server.Drop.WaitForAsync(to, cancellationToken: Ct));
        Assert.Equal("Confirm joining MLOps 2026", mail.Subject);
        Assert.Equal("courses@ppipe.example.edu", mail.From.Mailboxes.Single().Address);
        Assert.Equal($"join-{_run}@ppipe.example.edu", mail.MessageId);
        Assert.Contains("https://ppipe.example.edu/join/confirm?t=abc", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://ppipe.example.edu/join/confirm?t=abc\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Null(mail.Headers["List-Unsubscribe"]);
        Assert.Equal(to, mail.Headers["X-RcptTo"]);
    }

    [Fact]
    public async Task SendAsync_Notification_ArrivesWithOneClickUnsubscribe()
    {
        await using var transport = Transport(_server.Port);
        var to = $"grace-{_run}@example.edu";

        await transport.SendAsync(new OutgoingMail(to, "Grace", "Batch 2 is open", "Batch 2 is open.", "<p>Batch 2 is open.</p>", false,
            new Uri("https://ppipe.example.edu/api/v1/unsubscribe?t=xyz")), Ct);

        var mail = Assert.Single(await _server.Drop.WaitForAsync(to, cancellationToken: Ct));
        Assert.Equal("<https://ppipe.example.edu/api/v1/unsubscribe?t=xyz>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task SendAsync_FortyAtOnceThroughFourConnections_EachArrivesExactlyOnce()
    {
        await using var transport = Transport(_server.Port, maxConcurrency: 4);
        var addresses = Enumerable.Range(1, 40).Select(n => $"s{n}-{_run}@example.edu").ToList();

        await Task.WhenAll(addresses.Select(to => transport.SendAsync(new OutgoingMail(to, to, "Hello", "text", "<p>html</p>", true, null), Ct)));

        foreach (var to in addresses)
        {
            Assert.Single(await _server.Drop.WaitForAsync(to, cancellationToken: Ct));
        }
    }

    [Fact]
    public async Task SendAsync_FirstConnectionDropped_RetriedLoggedAndArrivesOnce()
    {
        await using var proxy = new DroppingProxy(_server.Port, dropFirst: 1);
        await using var transport = Transport(proxy.Port);
        var to = $"alan-{_run}@example.edu";

        await transport.SendAsync(new OutgoingMail(to, "Alan", "Sign in to P-PIPE", "text", "<p>html</p>", true, null), Ct);

        Assert.Single(await _server.Drop.WaitForAsync(to, cancellationToken: Ct));
        Assert.Equal(1, proxy.Dropped);
        Assert.Contains("attempt 1 of 3 failed (transient)", _logs.ToString(), StringComparison.Ordinal);
    }

    private SmtpMailTransport Transport(int port, int maxConcurrency = 8) => new(
        Options.Create(new MailOptions
        {
            From = "courses@ppipe.example.edu",
            FromName = "P-PIPE courses",
            MaxConcurrency = maxConcurrency,
            Smtp = new MailSmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, RetryDelay = TimeSpan.FromMilliseconds(50) },
        }),
        TimeProvider.System,
        _loggers.CreateLogger<SmtpMailTransport>());

    public ValueTask DisposeAsync()
    {
        _loggers.Dispose();
        return ValueTask.CompletedTask;
    }
}
