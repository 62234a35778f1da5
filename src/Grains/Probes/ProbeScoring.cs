using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Scoring;
using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Grains.Probes;

/// <summary>Turns one probe's predictions and the truth of its rows into a <see cref="ProbeQuality"/>.</summary>
internal static class ProbeScoring
{
    /// <summary>
    /// The metric on the probe's rows and the mean per-row losses (<see cref="MetricScore.RowLoss"/>) of the
    /// student, the oracle and the stale model. <paramref name="predictions"/> are in the metric's form (see
    /// <see cref="ProbeAnswer"/>), in the rows' order. <see cref="ProbeQuality.Score"/> is NaN when the metric is
    /// undefined on these rows (ROC AUC when every row has the same class, R² when every actual is equal); the
    /// losses are defined except under MASE for a series whose scale is not positive (then NaN, which grades as 0).
    /// </summary>
    public static ProbeQuality Quality(Metric metric, IReadOnlyList<RowTruth> truths, ReadOnlySpan<double> predictions)
    {
        ArgumentNullException.ThrowIfNull(truths);
        if (truths.Count != predictions.Length || truths.Count == 0)
        {
            throw new ArgumentException($"{truths.Count} rows but {predictions.Length} predictions.", nameof(predictions));
        }

        var actual = new double[truths.Count];
        var scale = new double[truths.Count];
        double loss = 0, oracleLoss = 0, staleLoss = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var truth = truths[i];
            actual[i] = truth.Actual;
            scale[i] = truth.Scale;
            loss += MetricScore.RowLoss(metric, truth.Actual, predictions[i], truth.Scale);
            oracleLoss += MetricScore.RowLoss(metric, truth.Actual, truth.Oracle, truth.Scale);
            staleLoss += MetricScore.RowLoss(metric, truth.Actual, truth.Stale, truth.Scale);
        }

        var n = actual.Length;
        return new ProbeQuality(n, MetricScore.Compute(metric, actual, predictions, scale), loss / n, oracleLoss / n, staleLoss / n);
    }
}
