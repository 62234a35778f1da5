using System.Buffers;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Scoring;

namespace PPipe.Scenarios.Assessment;

/// <summary>Scores a batch submission against the batch's truths.</summary>
public static class BatchScorer
{
    /// <summary>
    /// The metric on the student's predictions (their probabilities when the metric scores probabilities and
    /// they gave them, else their labels' class indices), the oracle's and the stale model's, each on the same
    /// rows: every id of the batch once, however often the truths repeat it.
    /// <para>
    /// <see cref="BatchScore.Relative"/> is <see cref="MetricScore.Relative"/>, except where that is undefined
    /// (NaN): when the oracle and the stale model score the same, or when the metric itself is undefined on the
    /// batch (ROC AUC with one class present, R² with constant actuals, MASE with a series of zero scale). Then it is 1 when the student's score
    /// is at least as good as the oracle's, or when the oracle's is undefined (such a batch cannot tell models
    /// apart, so nobody loses by it), and 0 otherwise.
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentException">The truths are not those of the predictions' batch.</exception>
    public static BatchScore Score(Metric metric, IReadOnlyList<RowTruth> truths, BatchPredictions predictions)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(predictions);
        var ids = predictions.Ids;
        var rows = ids.Count;
        var pool = ArrayPool<double>.Shared;
        var actual = pool.Rent(rows);
        var oracle = pool.Rent(rows);
        var stale = pool.Rent(rows);
        var scale = pool.Rent(rows);
        try
        {
            // NaN marks a position not yet filled: actual outcomes are always finite.
            actual.AsSpan(0, rows).Fill(double.NaN);
            foreach (var truth in truths)
            {
                if (!ids.TryGetPosition(truth.Id, out var position))
                {
                    throw new ArgumentException($"The truth of {truth.Id} is not for an id of the predictions' batch.", nameof(truths));
                }

                if (double.IsNaN(actual[position]))
                {
                    actual[position] = truth.Actual;
                    oracle[position] = truth.Oracle;
                    stale[position] = truth.Stale;
                    scale[position] = truth.Scale;
                }
            }

            if (actual.AsSpan(0, rows).Contains(double.NaN))
            {
                throw new ArgumentException("The truths do not cover every id of the predictions' batch.", nameof(truths));
            }

            var predicted = metric.NeedsProbability() && predictions.Probabilities is { } probabilities ? probabilities : predictions.Predictions;
            var scales = scale.AsSpan(0, rows);
            var score = MetricScore.Compute(metric, actual.AsSpan(0, rows), predicted, scales);
            var oracleScore = MetricScore.Compute(metric, actual.AsSpan(0, rows), oracle.AsSpan(0, rows), scales);
            var staleScore = MetricScore.Compute(metric, actual.AsSpan(0, rows), stale.AsSpan(0, rows), scales);
            var relative = MetricScore.Relative(score, staleScore, oracleScore);
            if (double.IsNaN(relative))
            {
                relative = AtLeastAsGood(metric, score, oracleScore) ? 1 : 0;
            }

            return new BatchScore(rows, score, oracleScore, staleScore, relative);
        }
        finally
        {
            pool.Return(actual);
            pool.Return(oracle);
            pool.Return(stale);
            pool.Return(scale);
        }
    }

    private static bool AtLeastAsGood(Metric metric, double score, double oracle) =>
        double.IsNaN(oracle) || (metric.HigherIsBetter() ? score >= oracle : score <= oracle);
}
