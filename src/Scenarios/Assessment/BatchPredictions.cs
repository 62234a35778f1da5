namespace PPipe.Scenarios.Assessment;

/// <summary>
/// A valid submission, aligned with <see cref="Ids"/>: <c>Predictions[i]</c> is the prediction for
/// <c>Ids[i]</c> in the form <see cref="Scoring.MetricScore"/> takes (a class index, or a value for
/// regression). <see cref="Probabilities"/> holds the probability column when one was given: for binary tasks
/// the probability of the positive class, which the probability metrics score; for multiclass tasks it is
/// checked but not scored.
/// </summary>
public sealed class BatchPredictions
{
    public BatchPredictions(BatchIds ids, double[] predictions, double[]? probabilities)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Length != ids.Count || (probabilities is not null && probabilities.Length != ids.Count))
        {
            throw new ArgumentException($"{ids.Count} ids but {predictions.Length} predictions and {probabilities?.Length ?? 0} probabilities.", nameof(predictions));
        }

        Ids = ids;
        Predictions = predictions;
        Probabilities = probabilities;
    }

    public BatchIds Ids { get; }

    public double[] Predictions { get; }

    public double[]? Probabilities { get; }

    public int Count => Predictions.Length;
}
