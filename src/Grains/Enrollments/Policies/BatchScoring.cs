using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// Which batches' fate is sealed, and what each scores. A batch is sealed once it is due (its deadline moved by the
/// student's extension) with an on-time submission, since later work cannot replace that, or once it closes to late
/// work. A sealed batch without a counted submission scores 0; one with a submission scores where the student lies
/// between the never-retrained model and the true concept, less the late penalty when the counted work was late.
/// </summary>
internal static class BatchScoring
{
    /// <summary>The batches not scored yet whose fate is sealed at <paramref name="elapsed"/>, in seq order.</summary>
    public static List<ScheduledBatch> Sealed(
        IReadOnlyList<ScheduledBatch> batches, IReadOnlyList<BatchOutcome> outcomes, SubmissionWindow window, TimeSpan elapsed)
    {
        var sealedBatches = new List<ScheduledBatch>();
        foreach (var batch in batches)
        {
            if (window.DueAt(batch) > elapsed)
            {
                break; // batches are due in seq order
            }

            var outcome = outcomes.OutcomeOf(batch.Seq);
            if (outcome is { Scored: true })
            {
                continue;
            }

            var onTime = outcome?.LastOnTimeAt is not null;
            if (onTime || window.ClosesAt(batch) <= elapsed)
            {
                sealedBatches.Add(batch);
            }
        }

        return sealedBatches;
    }

    /// <summary>
    /// What each sealed batch scores, given its counted submission (null: none). The truths of a batch with a counted
    /// submission are generated once, from the enrollment's <paramref name="seed"/> and the cohort's start; the
    /// submission aligned with them goes with the verdict to the copy check.
    /// </summary>
    public static List<ScoredBatch> Score(
        Scenario scenario, ulong seed, DateTimeOffset cohortStart, IReadOnlyList<ScheduledBatch> sealedBatches,
        IReadOnlyList<StoredSubmission?> counted, SubmissionWindow window)
    {
        var scored = new List<ScoredBatch>(sealedBatches.Count);
        ScenarioGenerator? generator = null;
        for (var i = 0; i < sealedBatches.Count; i++)
        {
            var seq = sealedBatches[i].Seq;
            if (counted[i] is not { } submission)
            {
                scored.Add(new ScoredBatch(seq, null, null));
                continue;
            }

            generator ??= new ScenarioGenerator(scenario, seed, cohortStart);
            var truths = generator.BatchTruth(seq);
            var predictions = new BatchPredictions(BatchIds.FromTruths(truths), submission.Predictions.Predictions, submission.Predictions.Probabilities);
            scored.Add(new ScoredBatch(seq, Verdict(scenario.Metric, truths, predictions, submission.Late, window), predictions));
        }

        return scored;
    }

    /// <summary>What a counted submission scores on the batch's truths; <paramref name="late"/>: it came after the due time.</summary>
    public static BatchVerdict Verdict(Metric metric, IReadOnlyList<RowTruth> truths, BatchPredictions predictions, bool late, SubmissionWindow window)
    {
        var score = BatchScorer.Score(metric, truths, predictions);
        var penalty = window.PenaltyFor(late);
        return new BatchVerdict(late, penalty, score.Rows, Finite(score.Score), Finite(score.Oracle), Finite(score.Stale), score.Relative * (1 - penalty));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
