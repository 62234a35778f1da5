using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Rollouts;
using PPipe.Grains.Rollouts;
using PPipe.Scenarios;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The endpoint's deploys. Announcements come here; changes of version are seen with the probes that carry them
/// (<see cref="EnrollmentState.RecordProbes"/>); the extra probes around a deploy go out from the tick, through the same
/// probe workers and bounds as scheduled ones. What a deploy is, its window and its extra probes are the
/// <see cref="RolloutLedger"/>'s to decide.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public async Task<DeployFiling> AnnounceDeployAsync(DeployAnnouncement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var at = await RefreshAsync();
        if (at.Elapsed < TimeSpan.Zero || at.Elapsed >= at.Scenario.Duration || Record.RemovedAt is not null)
        {
            return new DeployFiling(DeployFilingStatus.OutsideScenario, null,
                at.Elapsed < TimeSpan.Zero ? "The scenario has not started: there is nothing to deploy to yet." : "The scenario has ended: no more deploys are followed.");
        }

        if (Record.EndpointUrl is null || RolloutPlan.For(at.Scenario, RolloutGraded(at.Cohort, at.Scenario)) is not { } plan)
        {
            return new DeployFiling(DeployFilingStatus.NoEndpoint, null,
                at.Scenario.Endpoint is null ? "This scenario has no endpoint to deploy to." : "Register your endpoint first (PUT /api/v1/endpoint): there is nothing to deploy to yet.");
        }

        var filing = (Record.Rollouts ??= new RolloutLedger()).Announce(announcement, at.Elapsed, plan);
        if (filing.Status == DeployFilingStatus.Accepted)
        {
            await SaveAsync();
            await ScheduleWakeAsync(at);
        }

        return filing;
    }

    public async Task<DeployLog> GetDeploysAsync() =>
        Record is { Cohort: { } cohort, Rollouts: { } ledger } && RolloutPlan.For(await ScenarioAsync(cohort)) is { } plan
            ? ledger.Log(cohort.Clock.ElapsedAt(time.GetUtcNow()), plan)
            : DeployLog.Empty;

    /// <summary>
    /// The extra probe due now around a deploy, taken from the ledger (the state records it with the tick); null when none is.
    /// Extra probes are planned only while the cohort's rubric weighs rollouts (<see cref="RolloutPlan.ProbesMore"/>): deploys
    /// are followed either way, but a cohort that does not grade them plans, wakes for and pays for no extra probe.
    /// </summary>
    private long? TakeRolloutProbe(Moment at) =>
        Record is { EndpointUrl: not null, Rollouts: { ExtraLeft: > 0 } ledger } && RolloutPlan.For(at.Scenario) is { } plan
            ? ledger.TakeExtra(at.Elapsed, plan)
            : null;

    /// <summary>When the next extra probe is due (scenario time); null when none is.</summary>
    private TimeSpan? NextRolloutProbe(Moment at) =>
        Record is { EndpointUrl: not null, Rollouts: { ExtraLeft: > 0 } ledger } && RolloutPlan.For(at.Scenario) is { } plan
            ? ledger.ExtraProbeAt(plan)
            : null;

    private bool RolloutGraded(CohortInfo cohort, Scenario scenario) => scenarios.GradingOf(cohort, scenario).Rubric.WeightOf(Criterion.Rollout) > 0;

    /// <summary>The extra probes still to send and when the next is due: what a wake is planned from.</summary>
    private (int Left, TimeSpan Next) RolloutProbesPlanned() =>
        Record.Rollouts is { } ledger ? (ledger.ExtraLeft, ledger.NextExtraAt) : default;

    private void SendRolloutProbe(Moment at, long slot) =>
        GrainFactory.GetGrain<IProbeWorkerGrain>(0).RunAsync(Job(at, slot, at.Elapsed)).Ignore();
}
