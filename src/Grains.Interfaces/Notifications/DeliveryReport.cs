namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// What a sender reports of one notification on one channel: delivered, or failed (<see cref="Permanent"/> when trying
/// again cannot help: a refused address, a 4xx from a chat service, a mailbox the server rejects).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.DeliveryReport")]
public sealed record DeliveryReport(string Id, NotificationChannel Channel, bool Delivered, bool Permanent, string? Error, DateTimeOffset At);
