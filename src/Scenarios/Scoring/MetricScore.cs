namespace PPipe.Scenarios.Scoring;

/// <summary>
/// The scenario metrics over predictions in the form <see cref="Generation.ConceptOutput.PredictionFor"/> gives:
/// class indices for accuracy and macro-F1, probabilities of the positive class for ROC AUC and log loss,
/// values for regression and forecasts. Undefined results (ROC AUC with one class, R² with constant actuals,
/// MASE with a series whose scale is not positive, no rows) are NaN.
/// </summary>
public static class MetricScore
{
    private const double ProbabilityClip = 1e-15;

    /// <param name="metric">The metric.</param>
    /// <param name="actual">The actual outcomes.</param>
    /// <param name="predicted">The predictions, in the same order.</param>
    /// <param name="scale">For <see cref="Metric.Mase"/> only: each row's scale (see <see cref="SeasonalNaiveScale"/>),
    /// in the same order; required for it and ignored by every other metric.</param>
    public static double Compute(Metric metric, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> scale = default)
    {
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"{actual.Length} actual values but {predicted.Length} predictions.", nameof(predicted));
        }

        if (metric == Metric.Mase && scale.Length != actual.Length)
        {
            throw new ArgumentException($"MASE needs a scale per row: {actual.Length} rows but {scale.Length} scales.", nameof(scale));
        }

        if (actual.IsEmpty)
        {
            return double.NaN;
        }

        return metric switch
        {
            Metric.Accuracy => Accuracy(actual, predicted),
            Metric.MacroF1 => MacroF1(actual, predicted),
            Metric.RocAuc => RocAuc(actual, predicted),
            Metric.LogLoss => LogLoss(actual, predicted),
            Metric.Rmse => Math.Sqrt(MeanSquaredError(actual, predicted)),
            Metric.Mae => MeanAbsoluteError(actual, predicted),
            Metric.Mase => MeanAbsoluteScaledError(actual, predicted, scale),
            Metric.Smape => SymmetricPercentageError(actual, predicted),
            _ => R2(actual, predicted),
        };
    }

    /// <summary>
    /// The MASE scale of one series: the mean absolute difference between each value of its history and the
    /// value <paramref name="season"/> steps before it, i.e. the in-sample error of the seasonal-naive forecast
    /// "the same as one season ago" (with a season of 1, the naive "the same as the step before"). NaN when
    /// the history is not longer than one season, so no such difference exists. It is 0 for a history that
    /// repeats itself exactly each season; MASE is then undefined (NaN), because no error can be put on that scale.
    /// </summary>
    /// <param name="history">The series' values in time order, one per step, without gaps.</param>
    /// <param name="season">The season length in steps, at least 1.</param>
    public static double SeasonalNaiveScale(ReadOnlySpan<double> history, int season)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(season, 1);
        if (history.Length <= season)
        {
            return double.NaN;
        }

        var total = 0.0;
        for (var t = season; t < history.Length; t++)
        {
            total += Math.Abs(history[t] - history[t - season]);
        }

        return total / (history.Length - season);
    }

    /// <summary>
    /// The loss of one row, for metrics that are not means of per-row terms approximated by one that is:
    /// squared error for RMSE and R², absolute error for MAE, 0/1 error for accuracy and macro-F1, log loss
    /// for log loss, and the squared error of the probability (Brier) for ROC AUC; for MASE and sMAPE exactly
    /// their per-row terms (the absolute error over <paramref name="scale"/>, NaN when that is not positive; and
    /// 2|a − p| / (|a| + |p|)). Lower is better. Means of these merge across probes and windows, which metrics
    /// such as ROC AUC or R² do not.
    /// </summary>
    public static double RowLoss(Metric metric, double actual, double predicted, double scale = 1) => metric switch
    {
        Metric.Mase => ScaledError(actual, predicted, scale),
        Metric.Smape => SymmetricPercentage(actual, predicted),
        Metric.Accuracy or Metric.MacroF1 => actual == predicted ? 0 : 1,
        Metric.LogLoss => actual == 1
            ? -Math.Log(Math.Clamp(predicted, ProbabilityClip, 1 - ProbabilityClip))
            : -Math.Log(1 - Math.Clamp(predicted, ProbabilityClip, 1 - ProbabilityClip)),
        Metric.Mae => Math.Abs(actual - predicted),
        _ => (actual - predicted) * (actual - predicted),
    };

    /// <summary>
    /// Where a score lies between a model that never retrained (<paramref name="stale"/>, 0) and the true
    /// concept (<paramref name="oracle"/>, 1), clamped to [0, 1]; works for metrics where lower is better too.
    /// NaN when the two baselines are equal (nothing to tell apart).
    /// </summary>
    public static double Relative(double score, double stale, double oracle)
    {
        var span = oracle - stale;
        if (span == 0 || !double.IsFinite(span) || !double.IsFinite(score))
        {
            return double.NaN;
        }

        return Math.Clamp((score - stale) / span, 0, 1);
    }

    private static double Accuracy(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var hits = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            hits += actual[i] == predicted[i] ? 1 : 0;
        }

        return hits / (double)actual.Length;
    }

    /// <summary>F1 per class averaged over the classes that occur among the actual values or the predictions.</summary>
    private static double MacroF1(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var classes = new SortedSet<double>();
        foreach (var value in actual)
        {
            classes.Add(value);
        }

        foreach (var value in predicted)
        {
            classes.Add(value);
        }

        var total = 0.0;
        foreach (var k in classes)
        {
            int truePositive = 0, falsePositive = 0, falseNegative = 0;
            for (var i = 0; i < actual.Length; i++)
            {
                var isActual = actual[i] == k;
                var isPredicted = predicted[i] == k;
                truePositive += isActual && isPredicted ? 1 : 0;
                falsePositive += !isActual && isPredicted ? 1 : 0;
                falseNegative += isActual && !isPredicted ? 1 : 0;
            }

            var denominator = 2 * truePositive + falsePositive + falseNegative;
            total += denominator == 0 ? 0 : 2.0 * truePositive / denominator;
        }

        return total / classes.Count;
    }

    /// <summary>The Mann-Whitney form: the chance a random positive scores above a random negative (ties count half).</summary>
    private static double RocAuc(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var order = new int[actual.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var scores = predicted.ToArray();
        Array.Sort(scores, order);
        double positives = 0, rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[end + 1] == scores[start])
            {
                end++;
            }

            var averageRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                if (actual[order[i]] == 1)
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            start = end + 1;
        }

        var negatives = actual.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    private static double LogLoss(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var total = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var p = Math.Clamp(predicted[i], ProbabilityClip, 1 - ProbabilityClip);
            total -= actual[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        return total / actual.Length;
    }

    private static double MeanSquaredError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var total = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = actual[i] - predicted[i];
            total += error * error;
        }

        return total / actual.Length;
    }

    private static double MeanAbsoluteError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var total = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            total += Math.Abs(actual[i] - predicted[i]);
        }

        return total / actual.Length;
    }

    /// <summary>The mean of per-row scaled errors: with the same number of rows per series (a forecast batch asks every
    /// series for the same horizon) this is also the mean of the series' own MASEs.</summary>
    private static double MeanAbsoluteScaledError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> scale)
    {
        var total = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            total += ScaledError(actual[i], predicted[i], scale[i]);
        }

        return total / actual.Length;
    }

    private static double ScaledError(double actual, double predicted, double scale) =>
        scale > 0 && double.IsFinite(scale) ? Math.Abs(actual - predicted) / scale : double.NaN;

    private static double SymmetricPercentageError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var total = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            total += SymmetricPercentage(actual[i], predicted[i]);
        }

        return total / actual.Length;
    }

    /// <summary>2|a − p| / (|a| + |p|), from 0 to 2; 0 when both are 0 (a perfect forecast of nothing), where the
    /// formula would divide by zero.</summary>
    private static double SymmetricPercentage(double actual, double predicted)
    {
        var size = Math.Abs(actual) + Math.Abs(predicted);
        return size == 0 ? 0 : 2 * Math.Abs(actual - predicted) / size;
    }

    private static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        var mean = 0.0;
        foreach (var value in actual)
        {
            mean += value;
        }

        mean /= actual.Length;
        double residual = 0, spread = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            spread += (actual[i] - mean) * (actual[i] - mean);
        }

        return spread == 0 ? double.NaN : 1 - residual / spread;
    }
}
