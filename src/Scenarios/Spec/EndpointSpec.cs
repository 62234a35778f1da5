namespace PPipe.Scenarios.Spec;

/// <summary>The model endpoint requirement. <see cref="Timeout"/> is wall-clock time.</summary>
public sealed record EndpointSpec
{
    public bool? Enabled { get; init; }

    public string? From { get; init; }

    public string? ProbeInterval { get; init; }

    public int? RowsPerProbe { get; init; }

    public string? Timeout { get; init; }

    public SloSpec? Slo { get; init; }
}
