using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Mail;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Mail;

/// <summary>
/// The SMTP transport's handling of failures, against a scripted server that fails on demand; delivery to a real server
/// (Debian's aiosmtpd) is tested in the integration tests.
/// </summary>
public sealed class SmtpMailTransportTests : IAsyncLifetime
{
    private readonly ScriptedSmtpServer _server = new();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;

    public SmtpMailTransportTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutgoingMail Mail(int n = 1) => new($"student{n}@example.edu", $"Student {n}", $"Mail {n}", "text", "<p>html</p>", true, null, $"mail-{n}");

    [Fact]
    public async Task SendAsync_ServerAnswers451ThenAccepts_RetriedOnceDeliveredOnceBothAttemptsLogged()
    {
        _server.AnswerNextMailWith("451 4.3.0 try again later");
        await using var transport = Transport();

        await transport.SendAsync(Mail(), Ct);

        var accepted = Assert.Single(_server.Accepted);
        Assert.Contains("Message-ID: <mail-1@ppipe.test>", accepted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("attempt 1 of 3 failed (transient)", _logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedBeforeTheGreeting_RetriedOnANewConnection()
    {
        _server.DropNextConnections(1);
        await using var transport = Transport();

        await transport.SendAsync(Mail(), Ct);

        Assert.Single(_server.Accepted);
        Assert.Equal(2, _server.Connections);
        Assert.Contains("attempt 1 of 3 failed (transient)", _logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerRefuses550_OneAttemptThenMailDeliveryException()
    {
        _server.AnswerNextMailWith("550 5.7.1 not accepted");
        await using var transport = Transport();

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Mail(), Ct));

        Assert.Contains("mail-1@ppipe.test", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Accepted);
        Assert.Contains("attempt 1 of 3 failed (final)", _logs.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("attempt 2", _logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EveryAttemptFails_ThrowsAfterMaxAttempts()
    {
        _server.AnswerNextMailWith("421 4.3.2 shutting down", "421 4.3.2 shutting down", "421 4.3.2 shutting down");
        await using var transport = Transport();

        await Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Mail(), Ct));

        Assert.Empty(_server.Accepted);
        Assert.Contains("attempt 3 of 3 failed", _logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MailsOneAfterAnother_ShareOneConnection()
    {
        await using var transport = Transport();

        for (var n = 1; n <= 5; n++)
        {
            await transport.SendAsync(Mail(n), Ct);
        }

        Assert.Equal(5, _server.Accepted.Count);
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public async Task SendAsync_ManyAtOnce_NoMoreInFlightThanMaxConcurrency()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.HoldData = release.Task;
        await using var transport = Transport(maxConcurrency: 3);

        var sends = Enumerable.Range(1, 10).Select(n => transport.SendAsync(Mail(n), Ct)).ToList();
        await Eventually.HoldsAsync(() => _server.MostConcurrentData >= 3, "three mails held by the server at once", cancellationToken: Ct);
        release.SetResult();
        await Task.WhenAll(sends);

        Assert.Equal(10, _server.Accepted.Count);
        Assert.Equal(3, _server.MostConcurrentData);
        Assert.True(_server.Connections <= 3, $"{_server.Connections} connections for a limit of 3");
    }

    private SmtpMailTransport Transport(int maxConcurrency = 4) => new(
        Options.Create(new MailOptions
        {
            From = "noreply@ppipe.test",
            MaxConcurrency = maxConcurrency,
            Smtp = new MailSmtpOptions { Host = "127.0.0.1", Port = _server.Port, Security = SmtpSecurity.None, RetryDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(10) },
        }),
        TimeProvider.System,
        _loggers.CreateLogger<SmtpMailTransport>());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _loggers.Dispose();
    }
}
