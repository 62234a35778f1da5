using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// When one student's work for a batch is taken, in scenario time: by the late policy in force (the cohort's own, else
/// the scenario's) and the student's <see cref="Extension"/>, which moves every deadline and cutoff but not the
/// opening. Late work is taken until the cutoff after the due time (at most until <see cref="ScenarioEnd"/>), never
/// under the reject policy, and until the end without a cutoff. A forecast batch takes nothing once the release with the
/// values it asks for is out (<see cref="ScheduledBatch.TakenUntil"/>), whatever the policy and the extension.
/// </summary>
internal sealed record SubmissionWindow(LatePolicy Late, TimeSpan Extension, TimeSpan ScenarioEnd)
{
    /// <summary>Late work counts in full until the end: what a scenario without batches would have.</summary>
    private static readonly LatePolicy AcceptToTheEnd = new(LatePolicyKind.Accept, 0, null);

    public static SubmissionWindow For(Scenario scenario, CohortLatePolicy? cohortPolicy, TimeSpan extension) =>
        new(PolicyOf(cohortPolicy, scenario.Batches?.Late ?? AcceptToTheEnd), extension, scenario.Duration);

    /// <summary>The late policy in force: the cohort's own when it has one, else the scenario's.</summary>
    public static LatePolicy PolicyOf(CohortLatePolicy? cohortPolicy, LatePolicy scenarioPolicy) => cohortPolicy is { } own
        ? new LatePolicy(Enum.Parse<LatePolicyKind>(own.Policy, ignoreCase: true), own.Penalty, own.Cutoff)
        : scenarioPolicy;

    /// <summary>When on-time work for the batch stops: its due time plus the extension (a forecast's at most until its values are out).</summary>
    public TimeSpan DueAt(ScheduledBatch batch) => Taken(batch, batch.DueAt + Extension);

    /// <summary>When the batch stops taking any work: the late cutoff (or the end) plus the extension (a forecast's at most until its values are out).</summary>
    public TimeSpan ClosesAt(ScheduledBatch batch) => Taken(batch, LateUntil(batch) + Extension);

    /// <summary>How a submission at <paramref name="elapsed"/> is treated.</summary>
    public SubmissionTiming Judge(ScheduledBatch batch, TimeSpan elapsed)
    {
        if (elapsed < batch.OpensAt)
        {
            return SubmissionTiming.NotOpen;
        }

        if (batch.TakenUntil is { } taken && elapsed >= taken)
        {
            return SubmissionTiming.Refused;
        }

        var t = elapsed - Extension;
        return t < batch.DueAt ? SubmissionTiming.OnTime
            : t >= LateUntil(batch) ? SubmissionTiming.Refused
            : SubmissionTiming.Late;
    }

    /// <summary>The fraction of a batch score a counted submission loses: the policy's penalty when it was late.</summary>
    public double PenaltyFor(bool late) => late && Late.Kind == LatePolicyKind.Penalty ? Late.Penalty : 0;

    /// <summary>
    /// Whether a submission at <paramref name="elapsed"/> is taken, and what the student is told: refused before the
    /// batch opens, after it closes, once it was scored, or when <paramref name="limit"/> submissions were used;
    /// otherwise accepted, on time or late. <paramref name="outcome"/> is the batch's outcome so far (null: none).
    /// </summary>
    public Admission Admit(ScheduledBatch batch, TimeSpan elapsed, CohortClock clock, BatchOutcome? outcome, int limit)
    {
        var seq = batch.Seq;
        var remaining = Math.Max(0, limit - (outcome?.Submissions ?? 0));
        Admission Refuse(SubmissionStatus status, string detail) => new(status, false, detail, remaining);
        var timing = Judge(batch, elapsed);
        if (timing == SubmissionTiming.NotOpen)
        {
            return Refuse(SubmissionStatus.NotOpen,
                $"Batch {seq} is not open yet; it opens at {clock.WallTimeAt(batch.OpensAt)?.ToString("O") ?? "a later time (the cohort is paused)"}.");
        }

        if (timing == SubmissionTiming.Refused && batch.TakenUntil is { } taken && elapsed >= taken)
        {
            return Refuse(SubmissionStatus.Closed,
                $"Batch {seq} takes no more work: the release published at {clock.WallTimeAt(taken)?.ToString("O") ?? "its time"} holds the values it asks for.");
        }

        if (timing == SubmissionTiming.Refused)
        {
            return Refuse(SubmissionStatus.Closed, $"Batch {seq} closed at {DeadlineText(batch, clock)} and this cohort takes no more work for it.");
        }

        if (outcome is { Scored: true })
        {
            return Refuse(SubmissionStatus.Closed, $"Batch {seq} was already scored with your on-time submission; later work cannot replace it.");
        }

        if (remaining == 0)
        {
            return Refuse(SubmissionStatus.LimitReached, $"Batch {seq} takes at most {limit} submissions and you have used them all.");
        }

        return timing == SubmissionTiming.Late
            ? new Admission(SubmissionStatus.Accepted, true, $"Accepted late: batch {seq} was due {DeadlineText(batch, clock)}.", remaining)
            : new Admission(SubmissionStatus.Accepted, false, "Accepted on time.", remaining);
    }

    /// <summary>The batch as the student sees it: submissions used and left of <paramref name="limit"/>, score, and deadline.</summary>
    public BatchProgress Progress(ScheduledBatch batch, BatchOutcome? outcome, int limit, CohortClock clock) => new(
        batch.Seq,
        outcome?.Submissions ?? 0,
        Math.Max(0, limit - (outcome?.Submissions ?? 0)),
        outcome?.Scored ?? false,
        outcome?.Score,
        outcome?.Relative,
        outcome?.CountedLate ?? false,
        clock.WallTimeAt(DueAt(batch)));

    /// <summary>The student's deadline for the batch as a wall time, or "its deadline" when it falls after an open pause.</summary>
    public string DeadlineText(ScheduledBatch batch, CohortClock clock) => clock.WallTimeAt(DueAt(batch))?.ToString("O") ?? "its deadline";

    /// <summary>When late work stops being taken, before any extension: the due time under reject, due + cutoff, or the end.</summary>
    private TimeSpan LateUntil(ScheduledBatch batch) =>
        Late.Kind == LatePolicyKind.Reject ? batch.DueAt
        : Late.Cutoff is { } cutoff ? Min(batch.DueAt + cutoff, ScenarioEnd)
        : ScenarioEnd;

    private static TimeSpan Taken(ScheduledBatch batch, TimeSpan until) => batch.TakenUntil is { } taken ? Min(until, taken) : until;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
