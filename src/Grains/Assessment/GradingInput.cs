using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Incidents;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Rollouts;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Everything a grade is computed from, as of <see cref="Now"/> (wall time): the scenario's schedule, the cohort's
/// clock, the first fetch of each release, the enrollment's batch outcomes and probe ledger, and its endpoint.
/// <see cref="EndpointRegisteredAt"/> is when an endpoint was <em>first</em> registered (re-registering a new URL
/// should not move it); null with a null <see cref="EndpointUrl"/> means never deployed. <see cref="Incidents"/> is null
/// when the student never reported anything and their endpoint was never down. <see cref="Grading"/> is the cohort's rubric and
/// policy; null grades by the scenario's rubric and the weighted mean. <see cref="Lineage"/> is null when no answer or
/// submission named a model; <see cref="Reproducibility"/> null when nothing was checked or referenced for it yet;
/// <see cref="Rollouts"/> null when no deploy was announced and no answer named a model. <see cref="Window"/> is the student's
/// submission window (the cohort's late policy, the student's extension); null judges by the scenario's due times and policy.
/// </summary>
internal sealed record GradingInput(
    ScenarioSchedule Schedule,
    CohortClock Clock,
    DateTimeOffset Now,
    IReadOnlyList<FetchRecord> Fetches,
    IReadOnlyList<BatchOutcome> Batches,
    ProbeLedger Probes,
    string? EndpointUrl,
    DateTimeOffset? EndpointRegisteredAt,
    IncidentLedger? Incidents = null,
    CourseGrading? Grading = null,
    ModelLineage? Lineage = null,
    ReproducibilityRecord? Reproducibility = null,
    RolloutLedger? Rollouts = null,
    SubmissionWindow? Window = null)
{
    public Scenario Scenario => Schedule.Scenario;
}
