namespace PPipe.Scenarios.Generation;

/// <summary>
/// What a concept says about a row. Regression: <see cref="Value"/> is the expected value. Classification:
/// <see cref="Class"/> is the most likely class (also in <see cref="Value"/>) and <see cref="Probability"/> the
/// probability of the positive class (binary) or of <see cref="Class"/> (multiclass).
/// </summary>
public readonly record struct ConceptOutput(double Value, int Class, double Probability)
{
    /// <summary>The number a metric takes as this concept's prediction: a probability for
    /// <see cref="Metric.RocAuc"/> and <see cref="Metric.LogLoss"/>, the class for other classification
    /// metrics, the value for regression.</summary>
    public double PredictionFor(Metric metric) => metric.NeedsProbability() ? Probability : Value;
}
