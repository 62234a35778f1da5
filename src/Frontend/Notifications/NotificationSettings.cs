using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>
/// <c>GET /api/v1/notifications</c>: where the student is told (e-mail to the roster's address, a chat webhook) and of
/// what (the kinds on), the newest notifications (newest first), and how many were dropped from a full outbox.
/// </summary>
public sealed record NotificationSettings(
    EmailChannel Email, ChatChannel? Chat, IReadOnlyList<NotificationKind> Kinds, IReadOnlyList<NotificationView> Recent, int Dropped)
{
    public static NotificationSettings Of(StudentNotifications notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var preferences = notifications.Preferences;
        return new NotificationSettings(
            new EmailChannel(preferences.Email, notifications.EmailAddress),
            preferences.ChatUrl is { } url ? new ChatChannel(url, preferences.ChatFormat) : null,
            [.. NotificationKinds.Student.Where(k => preferences.Muted.IsDefault || !preferences.Muted.Contains(k))],
            [.. notifications.Recent.Select(NotificationView.Of)],
            notifications.Dropped);
    }
}
