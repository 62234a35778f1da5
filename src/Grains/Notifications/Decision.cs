using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Grains.Notifications;

/// <summary>One message the windows let through now: its kind, the events it tells (oldest first) and how many more a full digest left out.</summary>
internal sealed record Decision(NotificationKind Kind, ImmutableArray<NotificationEvent> Events, int Omitted);
