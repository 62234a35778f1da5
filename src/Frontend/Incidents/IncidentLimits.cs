namespace PPipe.Frontend.Incidents;

/// <summary>The sizes an incident report or postmortem may have: enough for what a person writes, not for a data dump.</summary>
public static class IncidentLimits
{
    /// <summary>The largest body either route reads; more is a 413.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public const int MaxSummaryLength = 2_000;

    public const int MaxPostmortemLength = 4_000;

    public const int MaxFeatures = 20;

    public const int MaxFeatureLength = 100;
}
