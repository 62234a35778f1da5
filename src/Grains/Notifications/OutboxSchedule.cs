namespace PPipe.Grains.Notifications;

/// <summary>
/// Which outbox messages go to a sender now. A message this activation has not handed out goes at once (it is new, or
/// it was handed out by an activation that is gone, most likely with its silo: senders run beside the activation that
/// calls them); one handed out gets <see cref="RedeliverAfter"/> to report before it goes again. A sender reached twice
/// with the same message on the same silo sends it once; across silos the same id (the mail's Message-ID) lets a
/// receiver see the repeat.
/// </summary>
internal sealed record OutboxSchedule(TimeSpan RedeliverAfter)
{
    /// <param name="outbox">The owner's outbox.</param>
    /// <param name="handedOut">When this activation last handed each message out.</param>
    /// <param name="now">Wall time now.</param>
    public IReadOnlyList<OutboxMessage> Due(IReadOnlyList<OutboxMessage> outbox, IReadOnlyDictionary<string, DateTimeOffset> handedOut, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(handedOut);
        return [.. outbox.Where(m => !handedOut.TryGetValue(m.Id, out var at) || now - at >= RedeliverAfter)];
    }

    /// <summary>When the earliest message handed out is due to go again, or null when none is out.</summary>
    public DateTimeOffset? NextRedelivery(IReadOnlyList<OutboxMessage> outbox, IReadOnlyDictionary<string, DateTimeOffset> handedOut)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        DateTimeOffset? next = null;
        foreach (var message in outbox)
        {
            var at = handedOut.TryGetValue(message.Id, out var handed) ? handed + RedeliverAfter : (DateTimeOffset?)null;
            if (at is { } due && (next is null || due < next))
            {
                next = due;
            }
        }

        return next;
    }
}
