using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>What an unsubscribe did: the kind now off, whether it was on until now, and a sentence saying so.</summary>
public sealed record UnsubscribeResult(NotificationKind Kind, bool Changed, string Message);
