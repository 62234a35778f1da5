using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Notifications;

/// <summary>A cohort's alert settings, whether the endpoints alert is raised now, the last digest, and the instructor's newest notifications.</summary>
public sealed record CohortAlertsView(
    string? ContactEmail,
    string? ContactName,
    bool DailyDigest,
    int DigestHourUtc,
    bool EndpointAlerts,
    double EndpointsDownShare,
    int MinimumEndpoints,
    bool AlertRaised,
    DateTimeOffset? LastDigestAt,
    IReadOnlyList<NotificationView> Recent)
{
    public static CohortAlertsView Of(CohortNotifications state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var a = state.Alerts;
        return new CohortAlertsView(a.ContactEmail, a.ContactName, a.DailyDigest, a.DigestHourUtc, a.EndpointAlerts, a.EndpointsDownShare,
            a.MinimumEndpoints, state.AlertRaised, state.LastDigestAt, [.. state.Recent.Select(NotificationView.Of)]);
    }
}
