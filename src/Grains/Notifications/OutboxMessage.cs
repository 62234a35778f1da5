using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// A decided notification waiting in its owner's outbox until every channel it goes to reports it delivered (or it is
/// given up). <see cref="Id"/> is deterministic (owner and the owner's count of decided notifications), so a decision
/// repeated after a lost turn carries the same id, which is the mail's Message-ID. <see cref="Events"/> are what it
/// tells, oldest first (more than one: a digest), <see cref="Omitted"/> those a full digest left out.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.OutboxMessage")]
internal sealed record OutboxMessage(
    string Id,
    NotificationKind Kind,
    DateTimeOffset DecidedAt,
    NotificationRecipient To,
    NotificationChannel Done,
    ImmutableArray<NotificationEvent> Events,
    int Omitted,
    string? LastError = null)
{
    /// <summary>The channels still to deliver on.</summary>
    public NotificationChannel Remaining => To.Channels & ~Done;

    public bool IsDigest => Events.Length + Omitted > 1;
}
