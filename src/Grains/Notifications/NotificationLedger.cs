using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// One recipient's notifications, kept in their owner's state (a student's enrollment, a cohort's instructor): each
/// kind's window, the outbox of decided notifications not yet delivered everywhere (at most
/// <see cref="OutboxCapacity"/>: a full outbox drops its oldest and counts it), and the newest
/// <see cref="RecentCapacity"/> entries of the history. Bounded whatever happens.
/// </summary>
[GenerateSerializer, Alias("ppipe.NotificationLedger")]
internal sealed class NotificationLedger
{
    public const int OutboxCapacity = 32;
    public const int RecentCapacity = 20;

    [Id(0)] public Dictionary<NotificationKind, KindWindow> Windows { get; set; } = [];
    [Id(1)] public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>The history, newest first.</summary>
    [Id(2)] public List<NotificationEntry> Recent { get; set; } = [];

    /// <summary>How many notifications were ever decided: the last one's number in its id.</summary>
    [Id(3)] public int Decided { get; set; }

    /// <summary>How many were dropped from a full outbox before they were sent.</summary>
    [Id(4)] public int Dropped { get; set; }

    public KindWindow WindowOf(NotificationKind kind)
    {
        if (!Windows.TryGetValue(kind, out var window))
        {
            Windows[kind] = window = new KindWindow();
        }

        return window;
    }

    /// <summary>The id of the next notification of <paramref name="owner"/>, counted as decided.</summary>
    public string NextId(string owner) => $"{owner}/n{++Decided}";

    /// <summary>Puts a decided notification in the outbox and on top of the history; a full outbox drops its oldest.</summary>
    public void Post(OutboxMessage message)
    {
        Outbox.Add(message);
        AddEntry(new NotificationEntry(message.Id, message.Kind, NotificationText.SubjectOf(message), message.Events.Length + message.Omitted,
            message.DecidedAt, message.To.Channels, message.To.Channels == NotificationChannel.None ? NotificationStatus.Sent : NotificationStatus.Pending,
            null, null));
        if (message.To.Channels == NotificationChannel.None)
        {
            Outbox.Remove(message);
        }

        while (Outbox.Count > OutboxCapacity)
        {
            var oldest = Outbox[0];
            Outbox.RemoveAt(0);
            Dropped++;
            SetStatus(oldest.Id, NotificationStatus.Dropped, message.DecidedAt, "dropped from a full outbox");
        }
    }

    /// <summary>
    /// Records how one channel's delivery ended: delivered, or failed for good (the message is done when no channel is
    /// left). A failure worth retrying only notes the error: the message stays for its next hand-out. False when the
    /// report changed nothing (a repeat, or a message already finished).
    /// </summary>
    public bool Record(DeliveryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var index = Outbox.FindIndex(m => m.Id == report.Id);
        if (index < 0 || (Outbox[index].Remaining & report.Channel) == 0)
        {
            return false;
        }

        var message = Outbox[index];
        if (!report.Delivered && !report.Permanent)
        {
            Outbox[index] = message with { LastError = report.Error };
            SetStatus(message.Id, NotificationStatus.Pending, null, report.Error);
            return true;
        }

        message = message with { Done = message.Done | report.Channel, LastError = report.Delivered ? message.LastError : report.Error };
        Outbox[index] = message;
        if (!report.Delivered)
        {
            // A channel that refused for good is marked at once, so the history says so while another channel is still going.
            SetStatus(message.Id, NotificationStatus.Failed, null, report.Error);
        }

        if (message.Remaining == NotificationChannel.None)
        {
            Outbox.RemoveAt(index);
            var failed = Recent.Find(e => e.Id == message.Id) is { Status: NotificationStatus.Failed };
            SetStatus(message.Id, failed ? NotificationStatus.Failed : NotificationStatus.Sent, report.At, failed ? message.LastError : null);
        }

        return true;
    }

    /// <summary>Gives up the notifications decided more than <paramref name="giveUpAfter"/> before <paramref name="now"/>; false when none.</summary>
    public bool Expire(DateTimeOffset now, TimeSpan giveUpAfter)
    {
        var expired = Outbox.FindAll(m => now - m.DecidedAt >= giveUpAfter);
        foreach (var message in expired)
        {
            Outbox.Remove(message);
            SetStatus(message.Id, NotificationStatus.Failed, now, $"not delivered within {giveUpAfter}: {message.LastError ?? "no sender reported"}");
        }

        return expired.Count > 0;
    }

    /// <summary>Forgets what is held and waiting of a kind just turned off (an unsubscribe); false when there was nothing.</summary>
    public bool Mute(NotificationKind kind, DateTimeOffset now)
    {
        var changed = Windows.TryGetValue(kind, out var window) && window.Held.Count + window.HeldOmitted > 0;
        if (window is not null)
        {
            window.Held.Clear();
            window.HeldOmitted = 0;
        }

        foreach (var message in Outbox.FindAll(m => m.Kind == kind))
        {
            Outbox.Remove(message);
            SetStatus(message.Id, NotificationStatus.Dropped, now, "turned off before it was sent");
            changed = true;
        }

        return changed;
    }

    private void AddEntry(NotificationEntry entry)
    {
        Recent.Insert(0, entry);
        if (Recent.Count > RecentCapacity)
        {
            Recent.RemoveAt(Recent.Count - 1);
        }
    }

    private void SetStatus(string id, NotificationStatus status, DateTimeOffset? finishedAt, string? error)
    {
        var index = Recent.FindIndex(e => e.Id == id);
        if (index >= 0)
        {
            Recent[index] = Recent[index] with { Status = status, FinishedAt = finishedAt ?? Recent[index].FinishedAt, Error = error };
        }
    }
}
