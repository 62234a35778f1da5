using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// A student's notification settings and history: the preferences, the e-mail address mail goes to, the newest
/// notifications (newest first), and how many were dropped from a full outbox.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentNotifications")]
public sealed record StudentNotifications(
    NotificationPreferences Preferences,
    string EmailAddress,
    ImmutableArray<NotificationEntry> Recent,
    int Dropped);
