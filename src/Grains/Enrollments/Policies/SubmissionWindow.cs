using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// When one student's work for a batch is taken, in scenario time: by the late policy in force (the cohort's own, else
/// the scenario's) and the student's <see cref="Extension"/>, which moves every deadline and cutoff but not the
/// opening. The batch decides (<see cref="ScheduledBatch"/>): late work is taken until the cutoff after the due time,
/// never under the reject policy, and nothing at all is taken once the batch's labels are revealed (or a forecast's
/// values published: <see cref="ScheduledBatch.TakenUntil"/>), whatever the policy and the extension.
/// </summary>
internal sealed record SubmissionWindow(LatePolicy Late, TimeSpan Extension)
{
    /// <summary>Late work counts in full: what a scenario without batches would have (there is nothing to judge).</summary>
    private static readonly LatePolicy AcceptLate = new(LatePolicyKind.Accept, 0, null);

    public static SubmissionWindow For(Scenario scenario, CohortLatePolicy? cohortPolicy, TimeSpan extension) =>
        new(PolicyOf(cohortPolicy, scenario.Batches?.Late ?? AcceptLate), extension);

    /// <summary>The late policy in force: the cohort's own when it has one, else the scenario's.</summary>
    public static LatePolicy PolicyOf(CohortLatePolicy? cohortPolicy, LatePolicy scenarioPolicy) => cohortPolicy is { } own
        ? new LatePolicy(Enum.Parse<LatePolicyKind>(own.Policy, ignoreCase: true), own.Penalty, own.Cutoff)
        : scenarioPolicy;

    /// <summary>When on-time work for the batch stops: its due time plus the extension, at most until its labels are revealed (a forecast's values published).</summary>
    public TimeSpan DueAt(ScheduledBatch batch) => batch.DueFor(Extension);

    /// <summary>When the batch stops taking any work: the late cutoff plus the extension, at most until its labels are revealed (a forecast's values published).</summary>
    public TimeSpan ClosesAt(ScheduledBatch batch) => batch.ClosesFor(Late, Extension);

    /// <summary>Whether the batch closes when its labels are revealed while the policy and extension alone would take
    /// more: the reason to give when late work ends there.</summary>
    public bool ClosesWithTheLabels(ScheduledBatch batch) => batch.ClosesWithItsLabels && batch.ClosedBeforeThePolicy(Late, Extension);

    /// <summary>How a submission at <paramref name="elapsed"/> is treated.</summary>
    public SubmissionTiming Judge(ScheduledBatch batch, TimeSpan elapsed) => batch.JudgeSubmission(elapsed, Late, Extension);

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

        if (timing == SubmissionTiming.Refused && batch.ValuesPublishedAt is { } published && elapsed >= published)
        {
            return Refuse(SubmissionStatus.Closed,
                $"Batch {seq} takes no more work: the release published at {clock.WallTimeAt(published)?.ToString("O") ?? "its time"} holds the values it asks for.");
        }

        if (timing == SubmissionTiming.Refused && elapsed >= batch.LabelsAt && ClosesWithTheLabels(batch))
        {
            return Refuse(SubmissionStatus.Closed,
                $"Batch {seq} takes no more work: its labels were revealed at {clock.WallTimeAt(batch.LabelsAt)?.ToString("O") ?? "their time"}, " +
                "and no batch takes work once its labels are out.");
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
}
