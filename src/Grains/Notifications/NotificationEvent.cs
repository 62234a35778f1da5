using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>
/// Something a recipient may be told: its kind, a key that names the event (<c>batch-3-opened</c>; the same event is
/// never told twice), when it happened (wall time), a one-line title and a sentence or two of detail.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.NotificationEvent")]
internal sealed record NotificationEvent(NotificationKind Kind, string Key, DateTimeOffset At, string Title, string Detail);
