namespace PPipe.Scenarios.Spec;

/// <summary>How incident reports are matched to injected events and limited (see <see cref="MonitoringPlan"/>).</summary>
public sealed record MonitoringSpec
{
    public string? Window { get; init; }

    public string? DetectWithin { get; init; }

    public int? ReportsPerDay { get; init; }

    public string? PostmortemAfter { get; init; }
}
