using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace PPipe.Grains.Mail;

/// <summary>
/// Sends mail to the configured SMTP server with MailKit. At most <see cref="MailOptions.MaxConcurrency"/> mails are in
/// flight per silo, each on its own connection; connections are kept open between mails (a burst of notifications does
/// not pay a handshake per mail) and dropped after <see cref="IdleLimit"/> unused or at the first error. A transient failure
/// (the connection refused or dropped, a timeout, a 4xx answer) is retried with exponential backoff up to
/// <see cref="MailSmtpOptions.MaxAttempts"/> attempts, each logged; a 5xx answer is final. The message, and so its
/// Message-ID, is the same in every attempt, so a receiver can tell a retry that the server had in fact accepted.
/// </summary>
public sealed partial class SmtpMailTransport : IMailTransport, IAsyncDisposable
{
    /// <summary>A connection unused for this long is closed rather than reused: servers drop idle clients after a few minutes.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly MailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpMailTransport> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<Connection> _idle = [];
    private readonly ResiliencePipeline _pipeline;

    public SmtpMailTransport(IOptions<MailOptions> options, TimeProvider time, ILogger<SmtpMailTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (!_options.UsesSmtp)
        {
            throw new InvalidOperationException("Mail:Smtp:Host is not set: mail goes to the pickup folder.");
        }

        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (_options.Smtp.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = _options.Smtp.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.Smtp.RetryDelay,
                UseJitter = true,
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Where mail goes, for the log line at start.</summary>
    public string Server => $"{_options.Smtp.Host}:{_options.Smtp.Port} ({_options.Smtp.Security})";

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = MailFormat.ToMimeMessage(mail, _options, _time.GetUtcNow());
        var messageId = message.MessageId ?? "";
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var attempt = 0;
            await _pipeline.ExecuteAsync(async token =>
            {
                attempt++;
                try
                {
                    await SendOnceAsync(message, token);
                    LogSent(_logger, messageId, attempt);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    var transient = IsTransient(e);
                    LogAttemptFailed(_logger, messageId, attempt, _options.Smtp.MaxAttempts, transient ? "transient" : "final", e.GetType().Name, e.Message);
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ArgumentException)
        {
            throw new MailDeliveryException($"The mail {messageId} was not delivered to {Server}: {e.Message}", e);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>One attempt: an open connection (reused or new), the message, and the connection back for the next mail.</summary>
    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken);
        try
        {
            await connection.Client.SendAsync(message, cancellationToken);
        }
        catch
        {
            // Whatever state the conversation is in now, it is not one to send the next mail in.
            await connection.CloseAsync();
            throw;
        }

        connection.LastUsed = _time.GetUtcNow();
        _idle.Add(connection);
    }

    private async Task<Connection> RentAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && now - idle.LastUsed < IdleLimit)
            {
                return idle;
            }

            await idle.CloseAsync();
        }

        var client = new SmtpClient { Timeout = (int)_options.Smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = _options.Smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(_options.Smtp.Host!, _options.Smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(_options.Smtp.UserName))
            {
                await client.AuthenticateAsync(_options.Smtp.UserName, _options.Smtp.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new Connection(client);
    }

    /// <summary>
    /// Worth another attempt: the server could not be reached or dropped the connection, a step timed out, or it answered
    /// with a transient (4xx) status. Refusals (5xx), failed sign-in and bad certificates are final.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException or SslHandshakeException => false,
        SocketException or IOException or TimeoutException or ServiceNotConnectedException or SmtpProtocolException => true,
        OperationCanceledException => true, // a step's own timeout, not the caller's token (the pipeline stops on that)
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection))
        {
            await connection.CloseAsync();
        }

        _slots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {MessageId} accepted by the SMTP server at attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId}: attempt {Attempt} of {MaxAttempts} failed ({Verdict}): {Exception}: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string messageId, int attempt, int maxAttempts, string verdict, string exception, string reason);

    private sealed class Connection(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; }

        public async Task CloseAsync()
        {
            try
            {
                if (Client.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await Client.DisconnectAsync(quit: true, quick.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException)
            {
                // The connection is going either way.
            }
            finally
            {
                Client.Dispose();
            }
        }
    }
}
