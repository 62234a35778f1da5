using PPipe.Scenarios;

namespace PPipe.Grains.Rollouts;

/// <summary>
/// How a scenario follows deploys: after a deploy is announced or seen, <see cref="Probes"/> extra probes go out
/// <see cref="Every"/> (a quarter of the probe interval) apart, and the deploy's window lasts as long as they do
/// (<see cref="Span"/>: two probe intervals) after the new version first answers. Everything follows from the probe interval
/// alone, so when the platform probes more often says nothing about what the scenario has in store. Extra probes are planned
/// only where the cohort grades rollouts (<see cref="ProbesMore"/>): elsewhere deploys are followed on the scheduled probes
/// alone, and the ledger keeps no plan of probes it would never send.
/// </summary>
internal sealed record RolloutPlan(TimeSpan From, TimeSpan Every, int Probes, TimeSpan Duration, Metric Metric, bool ProbesMore = true)
{
    /// <summary>Extra probes after each announcement, and again once the new version answers.</summary>
    public const int ExtraProbes = 8;

    /// <summary>How many extra probes go out per probe interval while a deploy is followed.</summary>
    public const int PerInterval = 4;

    /// <summary>The longest an announcement may say the switch takes (scenario time).</summary>
    public static readonly TimeSpan MaxExpectedWithin = TimeSpan.FromDays(1);

    public TimeSpan Span => Every * Probes;

    /// <summary>
    /// The plan of a scenario with an endpoint; null without one (nothing is probed, nothing deployed). Extra probes are
    /// planned only when <paramref name="graded"/>: the cohort's rubric weighs rollouts.
    /// </summary>
    public static RolloutPlan? For(Scenario scenario, bool graded = true) => scenario.Endpoint is { } endpoint
        ? new RolloutPlan(endpoint.From, endpoint.ProbeInterval / PerInterval, ExtraProbes, scenario.Duration, scenario.Metric, graded)
        : null;
}
