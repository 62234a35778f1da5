namespace PPipe.Grains.Notifications;

/// <summary>
/// At most one message per kind per recipient per <see cref="Window"/>, and digests instead of floods. An event whose
/// kind's window is closed goes out at once and opens the window; events of the kind while it is open are held, and
/// when it ends they go out as one digest (which opens the next window). Several new events of a closed kind at once
/// are one message too. An event whose key was taken before is never told again. Pure: the caller's ledger is the
/// state, and the caller writes it with what was decided.
/// </summary>
internal sealed record NotificationWindows(TimeSpan Window)
{
    /// <summary>Takes <paramref name="events"/> at <paramref name="now"/>: the messages to send now (one per kind at most).</summary>
    public IReadOnlyList<Decision> Offer(NotificationLedger ledger, IEnumerable<NotificationEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var decisions = new List<Decision>();
        foreach (var group in events.GroupBy(e => e.Kind))
        {
            var window = ledger.WindowOf(group.Key);
            var fresh = group.Where(e => window.TakeKey(e.Key)).ToList();
            foreach (var notice in fresh)
            {
                window.Hold(notice);
            }

            if (fresh.Count > 0 && !IsOpen(window, now))
            {
                decisions.Add(Release(window, now));
            }
        }

        return decisions;
    }

    /// <summary>The digests due at <paramref name="now"/>: every kind whose window ended with events held.</summary>
    public IReadOnlyList<Decision> Flush(NotificationLedger ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return [.. ledger.Windows.Values.Where(w => w.Held.Count > 0 && !IsOpen(w, now)).Select(w => Release(w, now))];
    }

    /// <summary>When the next digest falls due, or null when nothing is held.</summary>
    public DateTimeOffset? NextFlush(NotificationLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        DateTimeOffset? next = null;
        foreach (var window in ledger.Windows.Values)
        {
            if (window.Held.Count > 0 && window.OpenedAt is { } opened && (next is null || opened + Window < next))
            {
                next = opened + Window;
            }
        }

        return next;
    }

    private bool IsOpen(KindWindow window, DateTimeOffset now) => window.OpenedAt is { } opened && now < opened + Window;

    private static Decision Release(KindWindow window, DateTimeOffset now)
    {
        var decision = new Decision(window.Held[0].Kind, [.. window.Held.OrderBy(e => e.At)], window.HeldOmitted);
        window.Held.Clear();
        window.HeldOmitted = 0;
        window.OpenedAt = now;
        return decision;
    }
}
