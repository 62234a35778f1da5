using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Client.Notifications;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Mail;

namespace PPipe.Grains.Notifications;

/// <summary>
/// The silo's senders: notifications handed out by outboxes (enrollments, cohorts) wait in a bounded queue
/// (<see cref="NotificationOptions.QueueCapacity"/>) and <see cref="NotificationOptions.MaxConcurrency"/> workers send
/// them, off the owners' turns: the mail through the mail transport, the chat text through the guarded webhook sender
/// (Polly retries, the outbound address check). Each channel's outcome is reported back to the owner, whose outbox is
/// the durable record: the queue is memory only, and what is lost with it (a full queue, a silo dying) is handed out
/// again by its owner. A message handed out again while it is still queued or being sent here is not sent twice.
/// </summary>
internal sealed partial class NotificationDispatcher : BackgroundService
{
    /// <summary>Cohorts whose signing key is kept; beyond this the cache starts again.</summary>
    private const int MaxCachedKeys = 1024;

    /// <summary>Notifications held for want of the public address are logged together, at most once per this period.</summary>
    public static readonly TimeSpan HeldLogEvery = TimeSpan.FromMinutes(1);

    private readonly IGrainFactory _grains;
    private readonly IMailTransport _mail;
    private readonly WebhookSender _chat;
    private readonly PublicSite _site;
    private readonly PPipeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly int _workers;
    private readonly Channel<Job> _queue;
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<ImmutableArray<byte>>> _keys = new(StringComparer.Ordinal);
    private readonly LogTally _heldLog;

    public NotificationDispatcher(
        IGrainFactory grains,
        IMailTransport mail,
        WebhookSender chat,
        IOptions<NotificationOptions> options,
        PublicSite site,
        PPipeMetrics metrics,
        TimeProvider time,
        ILogger<NotificationDispatcher> logger)
    {
        _grains = grains;
        _mail = mail;
        _chat = chat;
        _site = site;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _heldLog = new LogTally(HeldLogEvery, time);
        _workers = options.Value.MaxConcurrency;
        _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Notifications waiting for a worker now.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>
    /// Queues <paramref name="message"/> of the grain <paramref name="owner"/> for sending; true when it is queued or
    /// already on its way here, false when the queue is full (the owner hands it out again later).
    /// </summary>
    public bool Offer(GrainId owner, OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_inFlight.TryAdd(message.Id, 0))
        {
            return true;
        }

        if (_queue.Writer.TryWrite(new Job(owner, message)))
        {
            return true;
        }

        _inFlight.TryRemove(message.Id, out _);
        LogQueueFull(message.Id, _queue.Reader.Count);
        return false;
    }

    /// <summary>
    /// The Message-ID of a notification (the transport adds the sender's domain): a hash of its outbox id, the same
    /// whenever it is sent, so a receiver can tell a second copy.
    /// </summary>
    public static string MessageIdOf(string id) =>
        "notify." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await DeliverAsync(job, stopping);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    // The owner hears nothing and hands the message out again after its redelivery delay.
                    LogDeliveryFailed(job.Message.Id, e);
                }
                finally
                {
                    _inFlight.TryRemove(job.Message.Id, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping: what is still queued is handed out again by its owners.
        }
    }

    /// <summary>
    /// Sends on each channel left and reports each outcome. The message counts as on its way here until the owner has
    /// heard (the worker's <c>finally</c>), so a hand-out that crosses the report is not sent again: at worst it waits for
    /// the owner's next hand-out.
    /// </summary>
    private async Task DeliverAsync(Job job, CancellationToken stopping)
    {
        var message = job.Message;
        if (!_site.IsKnown)
        {
            // No link can be built (a cluster host without Site:PublicUrl, or an embedded front end not listening yet):
            // nothing is sent or reported, so the owner's outbox keeps the message as it is, with no write for a failure
            // that retrying cannot cure, and hands it out again after its redelivery delay.
            NoteHeld(message.Id);
            return;
        }

        var owner = _grains.GetGrain<INotificationOwner>(job.Owner);
        if ((message.Remaining & NotificationChannel.Email) != 0 && message.To.Email is { } address)
        {
            await owner.RecordNotificationDeliveryAsync(await SendMailAsync(message, address, stopping));
        }

        if ((message.Remaining & NotificationChannel.Chat) != 0 && message.To.ChatUrl is { } url)
        {
            await owner.RecordNotificationDeliveryAsync(await SendChatAsync(message, url, stopping));
        }
    }

    private async Task<DeliveryReport> SendMailAsync(OutboxMessage message, string address, CancellationToken stopping)
    {
        try
        {
            // Links are built when the mail goes: an embedded front end knows its public address only once it listens.
            var links = new NotificationLinks(_site.BaseUrl);
            var token = new UnsubscribeToken(message.To.CohortId, message.To.StudentId, message.Kind).Sign((await SigningKeyAsync(message.To.CohortId)).AsSpan());
            var rendered = NotificationText.Mail(message, links, links.UnsubscribePage(token));
            await _mail.SendAsync(new OutgoingMail(address, message.To.Name, rendered.Subject, rendered.TextBody, rendered.HtmlBody,
                Transactional: false, links.OneClick(token), MessageIdOf(message.Id)), stopping);
            _metrics.NotificationSent("email", "delivered");
            return new DeliveryReport(message.Id, NotificationChannel.Email, Delivered: true, Permanent: false, null, _time.GetUtcNow());
        }
        catch (Exception e) when (!stopping.IsCancellationRequested && e is MailDeliveryException or ArgumentException or InvalidOperationException)
        {
            // Refused for good: a bad address, or an answer no retry changes (5xx). Anything else is worth trying again later.
            var permanent = e is ArgumentException || (e is MailDeliveryException { InnerException: { } inner } && !SmtpMailTransport.IsTransient(inner));
            _metrics.NotificationSent("email", permanent ? "refused" : "failed");
            LogMailFailed(message.Id, e.Message);
            return new DeliveryReport(message.Id, NotificationChannel.Email, Delivered: false, permanent, "mail: " + e.Message, _time.GetUtcNow());
        }
    }

    private async Task<DeliveryReport> SendChatAsync(OutboxMessage message, string url, CancellationToken stopping)
    {
        var uri = new Uri(url);
        var body = ChatPayload.Body(message.To.ChatFormat, NotificationText.Chat(message, new NotificationLinks(_site.BaseUrl)));
        // A chat webhook's URL is its password: logs name only its host.
        var delivery = await _chat.SendAsync(uri, body, secret: null, stopping, logAs: $"chat webhook at {uri.Host}");
        var last = delivery.Attempts[^1];
        var permanent = !delivery.Delivered && (last.Failure == OutboundFailureKind.ForbiddenAddress
            || (last.StatusCode is >= 400 and < 500 and not (408 or 425 or 429)));
        _metrics.NotificationSent("chat", delivery.Delivered ? "delivered" : permanent ? "refused" : "failed");
        return new DeliveryReport(message.Id, NotificationChannel.Chat, delivery.Delivered, permanent,
            delivery.Delivered ? null : "chat: " + (last.FailureReason ?? $"HTTP {last.StatusCode}"), _time.GetUtcNow());
    }

    /// <summary>A warning with the count and the latest held notification, at most once per <see cref="HeldLogEvery"/>.</summary>
    private void NoteHeld(string id)
    {
        _metrics.NotificationSent("any", "held");
        if (_heldLog.Add() is { } held)
        {
            LogHeld(held, id);
        }
    }

    private Task<ImmutableArray<byte>> SigningKeyAsync(string cohortId)
    {
        if (_keys.Count > MaxCachedKeys)
        {
            _keys.Clear();
        }

        var key = _keys.GetOrAdd(cohortId, id => _grains.GetGrain<ICohortNotificationsGrain>(id).GetSigningKeyAsync());
        if (key.IsFaulted || key.IsCanceled)
        {
            _keys.TryRemove(new KeyValuePair<string, Task<ImmutableArray<byte>>>(cohortId, key));
        }

        return key;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} not queued: {Queued} notifications wait for a sender on this silo; its owner hands it out again later")]
    private partial void LogQueueFull(string id, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Held} notification(s) held, the latest {Id}: the platform's public address is not known, so no link can be built; set Site:PublicUrl (environment variable Site__PublicUrl) on every silo. Their owners hand them out again later")]
    private partial void LogHeld(long held, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: the mail was not accepted: {Reason}")]
    private partial void LogMailFailed(string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} could not be delivered or reported; its owner hands it out again later")]
    private partial void LogDeliveryFailed(string id, Exception exception);

    private sealed record Job(GrainId Owner, OutboxMessage Message);
}
