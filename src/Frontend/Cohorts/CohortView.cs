using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Frontend.Cohorts;

/// <summary>A cohort as the admin API shows it: settings, clock, status now, how many are enrolled, the scenario's length.</summary>
public sealed record CohortView(string Id, string Name, string ScenarioId, int Version, DateTimeOffset StartsAt, double Speed,
    CohortStatus Status, int Enrolled, TimeSpan Duration)
{
    public static CohortView Of(CohortInfo info, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new CohortView(info.Id, info.Name, info.ScenarioId, info.Version, info.Clock.StartsAt, info.Clock.Speed,
            info.StatusAt(now), info.Enrolled, info.Duration);
    }
}
