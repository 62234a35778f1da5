using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// One notification: what about, its subject, how many events it tells (more than one: a digest), when it was decided,
/// the channels it went to, and where it stands (<c>pending</c>, <c>sent</c>, <c>failed</c> with the error, <c>dropped</c>).
/// </summary>
public sealed record NotificationView(
    string Id, NotificationKind Kind, string Subject, int Events, DateTimeOffset DecidedAt, IReadOnlyList<string> Channels,
    NotificationStatus Status, DateTimeOffset? FinishedAt, string? Error)
{
    public static NotificationView Of(NotificationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        List<string> channels = [];
        if (entry.Channels.HasFlag(NotificationChannel.Email))
        {
            channels.Add("email");
        }

        if (entry.Channels.HasFlag(NotificationChannel.Chat))
        {
            channels.Add("chat");
        }

        return new NotificationView(entry.Id, entry.Kind, entry.Subject, entry.Events, entry.DecidedAt, channels, entry.Status, entry.FinishedAt, entry.Error);
    }
}
