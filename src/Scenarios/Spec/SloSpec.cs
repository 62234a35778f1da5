namespace PPipe.Scenarios.Spec;

/// <summary>The endpoint's service level objective.</summary>
public sealed record SloSpec
{
    /// <summary>Share of probes that must succeed, 0 to 1.</summary>
    public double? Availability { get; init; }

    public double? P95LatencyMs { get; init; }
}
