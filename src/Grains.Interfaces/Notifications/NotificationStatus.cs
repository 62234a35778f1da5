namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>Where a decided notification stands.</summary>
public enum NotificationStatus
{
    /// <summary>Decided and durable, not yet delivered on every channel.</summary>
    Pending,

    /// <summary>Accepted by the mail server and the chat webhook it was for.</summary>
    Sent,

    /// <summary>A channel refused it for good, or it could not be delivered within the give-up time.</summary>
    Failed,

    /// <summary>Pushed out of a full outbox before it was sent.</summary>
    Dropped,
}
