using Microsoft.Extensions.Options;

namespace PPipe.Grains.Notifications;

/// <summary>What a grain with an outbox needs, once per silo: the notification policies as configured and the silo's senders.</summary>
internal sealed class Notifier(IOptions<NotificationOptions> options, NotificationDispatcher dispatcher)
{
    public NotificationOptions Options { get; } = options.Value;

    public NotificationWindows Windows { get; } = new(options.Value.Window);

    public OutboxSchedule Outbox { get; } = new(options.Value.RedeliverAfter);

    public StudentNotices Batches { get; } = new(options.Value.DueSoonLead);

    public NotificationDispatcher Dispatcher { get; } = dispatcher;

    /// <summary>
    /// Lets <paramref name="events"/> through <paramref name="ledger"/>'s windows at <paramref name="now"/>, with the
    /// digests due, and posts what is decided, each to <paramref name="recipient"/> under the next id of
    /// <paramref name="owner"/>; gives up what waited too long. True when the ledger changed (write it before handing out).
    /// </summary>
    public bool Decide(NotificationLedger ledger, string owner, NotificationRecipient recipient, IReadOnlyCollection<NotificationEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var decisions = Windows.Offer(ledger, events, now).Concat(Windows.Flush(ledger, now)).ToList();
        foreach (var decision in decisions)
        {
            ledger.Post(new OutboxMessage(ledger.NextId(owner), decision.Kind, now, recipient, 0, decision.Events, decision.Omitted));
        }

        var expired = ledger.Expire(now, Options.GiveUpAfter);
        return events.Count > 0 || decisions.Count > 0 || expired;
    }

    /// <summary>Hands the outbox messages due to the silo's senders, noting when in <paramref name="handedOut"/> (this activation's memory).</summary>
    public void HandOut(GrainId owner, NotificationLedger ledger, Dictionary<string, DateTimeOffset> handedOut, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(handedOut);
        foreach (var message in Outbox.Due(ledger.Outbox, handedOut, now))
        {
            Dispatcher.Offer(owner, message);
            handedOut[message.Id] = now;
        }

        if (handedOut.Count > ledger.Outbox.Count)
        {
            foreach (var id in handedOut.Keys.Where(id => !ledger.Outbox.Exists(m => m.Id == id)).ToList())
            {
                handedOut.Remove(id);
            }
        }
    }

    /// <summary>When the ledger next needs its owner: a digest due or a message to hand out again; null when neither.</summary>
    public DateTimeOffset? NextDue(NotificationLedger ledger, IReadOnlyDictionary<string, DateTimeOffset> handedOut) =>
        Earliest(Windows.NextFlush(ledger), Outbox.NextRedelivery(ledger.Outbox, handedOut));

    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
