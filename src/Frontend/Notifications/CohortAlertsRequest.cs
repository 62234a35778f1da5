namespace PPipe.Frontend.Notifications;

/// <summary>
/// The body of <c>PUT /api/v1/admin/cohorts/{id}/alerts</c>. A field left out takes its default: no contact (nothing is
/// sent), the daily digest on at 07:00 UTC, the endpoints alert on at 25 % down with at least 4 registered.
/// </summary>
public sealed record CohortAlertsRequest(
    string? ContactEmail,
    string? ContactName,
    bool? DailyDigest,
    int? DigestHourUtc,
    bool? EndpointAlerts,
    double? EndpointsDownShare,
    int? MinimumEndpoints);
