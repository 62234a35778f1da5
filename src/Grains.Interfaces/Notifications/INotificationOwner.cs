namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>A grain whose outbox holds notifications: the silo's senders report each delivery back to it.</summary>
[Alias("ppipe.INotificationOwner")]
public interface INotificationOwner : IGrainWithStringKey
{
    /// <summary>Records how one channel's delivery of a notification ended; a late or repeated report changes nothing.</summary>
    [Alias("RecordNotificationDelivery")]
    Task RecordNotificationDeliveryAsync(DeliveryReport report);
}
