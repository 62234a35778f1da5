using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Interfaces.Probes;

/// <summary>
/// What a probe worker needs to probe one enrollment's endpoint for one slot: where, and enough to
/// regenerate the slot's rows and their truth (scenario version, the enrollment's data seed, the cohort's start).
/// <see cref="ReplayOf"/>, when set, is an earlier slot whose rows are sent again once this slot's probe has been answered:
/// a replay, whose answer is compared with the earlier one for reproducibility (<c>RecordReplayAsync</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ProbeJob")]
public sealed record ProbeJob(
    EnrollmentKey Enrollment,
    string Url,
    string ScenarioId,
    int Version,
    ulong Seed,
    DateTimeOffset CohortStart,
    long Slot,
    TimeSpan ScenarioAt,
    long? ReplayOf = null);
