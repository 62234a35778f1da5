using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;

namespace PPipe.Frontend.Cohorts;

/// <summary>A cohort as the admin API shows it: settings, clock, status now, how many are enrolled, the scenario's length, its grading.</summary>
public sealed record CohortView(string Id, string Name, string ScenarioId, int Version, DateTimeOffset StartsAt, double Speed,
    CohortStatus Status, int Enrolled, TimeSpan Duration, CohortView.GradingPart Grading)
{
    /// <summary>The cohort's grading policy and its own weights (empty: the scenario's).</summary>
    public sealed record GradingPart(GradingPolicy Policy, IReadOnlyDictionary<string, double> Weights);

    public static CohortView Of(CohortInfo info, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new CohortView(info.Id, info.Name, info.ScenarioId, info.Version, info.Clock.StartsAt, info.Clock.Speed,
            info.StatusAt(now), info.Enrolled, info.Duration, info.Grading is { } own
                ? new GradingPart(CourseGrading.Policies[own.Policy], own.Weights)
                : new GradingPart(GradingPolicy.WeightedMean, new Dictionary<string, double>()));
    }
}
