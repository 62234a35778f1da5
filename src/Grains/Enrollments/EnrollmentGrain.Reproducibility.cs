using System.Collections.Immutable;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The reproducibility checks: a probe replay's answer (sent by the probe worker after a scheduled probe the tick chose,
/// <see cref="Policies.ProbeReplays"/>) and a batch resubmitted under the version of its earlier submission, each compared
/// with the earlier predictions; what counts as a check and how the record stays bounded is the
/// <see cref="ReproducibilityRecord"/>'s to decide.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public async Task RecordReplayAsync(long replayOf, ImmutableArray<ProbeResult> results)
    {
        // A replay handed out before the student was removed, or before a reset, belongs to what is gone.
        if (Record is not { Student: not null, Cohort: { } cohort, RemovedAt: null, Reproducibility: { } record }
            || results is not [.., var answer] || answer.At < Record.ProgressResetAt)
        {
            return;
        }

        if (record.RecordReplay(replayOf, answer, cohort.Clock.ElapsedAt(answer.At)))
        {
            await SaveAsync();
        }
    }

    /// <summary>Counts a resubmission under the version that made the batch's earlier submission (the one that counted) as a check.</summary>
    private void CheckResubmission(int seq, StoredSubmission? earlier, BatchSubmission submission, TimeSpan elapsed)
    {
        if (earlier?.Predictions.Model is { } before && submission.Model is { } now && before.Version == now.Version)
        {
            (Record.Reproducibility ??= new ReproducibilityRecord()).RecordResubmission(seq, elapsed, now.Version,
                PredictionMatch.Compare(earlier.Predictions, submission));
        }
    }
}
