namespace PPipe.Grains.Notifications;

/// <summary>Whether the cohort's endpoints alert is raised, and how many times it was (episodes number the alert's events).</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortAlertState")]
internal sealed record CohortAlertState(bool Raised, int Episodes)
{
    public static CohortAlertState Initial { get; } = new(false, 0);
}
