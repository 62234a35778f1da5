namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>Where a notification goes.</summary>
[Flags]
public enum NotificationChannel
{
    None = 0,
    Email = 1,
    Chat = 2,
}
