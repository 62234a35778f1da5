using PPipe.Grains.Assessment;
using PPipe.Scenarios.Assessment;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// A sealed batch as scored: its <see cref="Verdict"/> and the <see cref="Counted"/> predictions aligned with the
/// batch's ids, for the copy check; both null when no submission counted (the batch then scores 0).
/// </summary>
internal sealed record ScoredBatch(int Seq, BatchVerdict? Verdict, BatchPredictions? Counted)
{
    /// <summary>Marks <paramref name="outcome"/> (this batch's) scored at <paramref name="at"/>.</summary>
    public void ApplyTo(BatchOutcome outcome, DateTimeOffset at)
    {
        if (Verdict is { } verdict)
        {
            verdict.ApplyTo(outcome, at);
        }
        else
        {
            BatchVerdict.ApplyUnsubmitted(outcome, at);
        }
    }
}
