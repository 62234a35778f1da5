using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Frontend.Students;

/// <summary>One student request's view of its cohort at one instant.</summary>
public sealed record StudentView(EnrollmentKey Enrollment, CohortInfo Cohort, Scenario Scenario, ScenarioSchedule Schedule, DateTimeOffset Now)
{
    public TimeSpan Elapsed { get; } = Cohort.Clock.ElapsedAt(Now);

    public DateTimeOffset ScenarioNow => Cohort.Clock.StartsAt + Elapsed;

    /// <summary>Wall time at which scenario time reaches <paramref name="elapsed"/>; null while paused before it.</summary>
    public DateTimeOffset? WallTimeAt(TimeSpan elapsed) => Cohort.Clock.WallTimeAt(elapsed);

    /// <summary>Seconds from now until scenario time reaches <paramref name="elapsed"/>, at least 1, for Retry-After.</summary>
    public int SecondsUntil(TimeSpan elapsed) =>
        WallTimeAt(elapsed) is { } at ? Math.Max(1, (int)Math.Ceiling((at - Now).TotalSeconds)) : 60;
}
