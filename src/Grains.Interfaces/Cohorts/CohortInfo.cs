namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// A cohort's settings and clock: everything needed to compute its timeline and grades without another call. <see cref="Late"/>
/// overrides the scenario's late policy when set, <see cref="Grading"/> the scenario's weights and the weighted mean.
/// </summary>
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
    CohortLatePolicy? Late = null,
    CohortGrading? Grading = null)
{
    /// <summary>Whether scenario time has reached the start at a wall time: from then on students can see releases and grades.</summary>
    public bool HasStartedAt(DateTimeOffset now) => Clock.ElapsedAt(now) >= TimeSpan.Zero;

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
