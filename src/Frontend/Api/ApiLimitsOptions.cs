namespace PPipe.Frontend.Api;

/// <summary>Request limits of the public API. Bound from the <c>Api</c> section.</summary>
public sealed class ApiLimitsOptions
{
    public const string Section = "Api";

    /// <summary>Burst of requests one student token may make at once.</summary>
    public int StudentBurst { get; set; } = 60;

    /// <summary>Sustained requests per second per student token.</summary>
    public int StudentRequestsPerSecond { get; set; } = 20;

    /// <summary>Failed authentications one client address may make per window before it gets 429.</summary>
    public int AuthFailuresPerWindow { get; set; } = 30;

    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}
