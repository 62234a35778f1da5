namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>A cohort's settings and clock: everything needed to compute its timeline without another call. <see cref="Late"/> overrides the scenario's late policy when set.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortInfo")]
public sealed record CohortInfo(
    string Id,
    string Name,
    string ScenarioId,
    int Version,
    CohortClock Clock,
    TimeSpan Duration,
    DateTimeOffset CreatedAt,
    int Enrolled,
    CohortLatePolicy? Late = null)
{
    /// <summary>The lifecycle state at a wall time.</summary>
    public CohortStatus StatusAt(DateTimeOffset now)
    {
        if (Clock.IsPaused)
        {
            return CohortStatus.Paused;
        }

        var elapsed = Clock.ElapsedAt(now);
        return elapsed < TimeSpan.Zero ? CohortStatus.Draft
            : elapsed >= Duration ? CohortStatus.Finished
            : CohortStatus.Running;
    }
}
