using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>A cohort's alert settings, whether its endpoints alert is raised now, and the instructor's newest notifications.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortNotifications")]
public sealed record CohortNotifications(CohortAlerts Alerts, bool AlertRaised, DateTimeOffset? LastDigestAt, ImmutableArray<NotificationEntry> Recent);
