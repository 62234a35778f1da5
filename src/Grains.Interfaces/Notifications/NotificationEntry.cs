namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// One notification as its recipient's history shows it: what it was about, when it was decided, how many events it
/// carries (more than one: a digest), where it went and how that ended.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.NotificationEntry")]
public sealed record NotificationEntry(
    string Id,
    NotificationKind Kind,
    string Subject,
    int Events,
    DateTimeOffset DecidedAt,
    NotificationChannel Channels,
    NotificationStatus Status,
    DateTimeOffset? FinishedAt,
    string? Error);
