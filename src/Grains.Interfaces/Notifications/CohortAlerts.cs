namespace PPipe.Grains.Interfaces.Notifications;

/// <summary>
/// Who is told about a cohort and when: the instructor's contact address (nothing is sent without one), the daily
/// digest (at <see cref="DigestHourUtc"/>), and the alert when at least <see cref="EndpointsDownShare"/> of the
/// registered endpoints are down (and at least <see cref="MinimumEndpoints"/> are registered).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortAlerts")]
public sealed record CohortAlerts(
    string? ContactEmail,
    string? ContactName,
    bool DailyDigest,
    int DigestHourUtc,
    bool EndpointAlerts,
    double EndpointsDownShare,
    int MinimumEndpoints)
{
    /// <summary>A cohort's settings before anyone set them: no contact, so nothing is sent.</summary>
    public static CohortAlerts Default { get; } = new(null, null, DailyDigest: true, DigestHourUtc: 7, EndpointAlerts: true, EndpointsDownShare: 0.25, MinimumEndpoints: 4);
}
