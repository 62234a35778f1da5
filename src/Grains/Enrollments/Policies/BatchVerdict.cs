using PPipe.Grains.Assessment;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// What a scored batch's counted submission earned: the metric's score, the oracle's and the stale model's on the
/// same rows (null where undefined), and the relative score after the late <see cref="Penalty"/>.
/// </summary>
internal sealed record BatchVerdict(bool CountedLate, double Penalty, int Rows, double? Score, double? Oracle, double? Stale, double Relative)
{
    /// <summary>Marks <paramref name="outcome"/> scored at <paramref name="at"/> with no counted submission: a relative score of 0.</summary>
    public static void ApplyUnsubmitted(BatchOutcome outcome, DateTimeOffset at)
    {
        outcome.Scored = true;
        outcome.ScoredAt = at;
        outcome.Relative = 0;
    }

    /// <summary>Marks <paramref name="outcome"/> scored at <paramref name="at"/> with this verdict.</summary>
    public void ApplyTo(BatchOutcome outcome, DateTimeOffset at)
    {
        outcome.Scored = true;
        outcome.ScoredAt = at;
        outcome.CountedLate = CountedLate;
        outcome.Penalty = Penalty;
        outcome.Rows = Rows;
        outcome.Score = Score;
        outcome.Oracle = Oracle;
        outcome.Stale = Stale;
        outcome.Relative = Relative;
    }
}
