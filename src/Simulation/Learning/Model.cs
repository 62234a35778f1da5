using PPipe.Scenarios;

namespace PPipe.Simulation.Learning;

/// <summary>
/// A fitted linear model (ridge regression, or one logistic regression per class) with the encoding of its
/// input columns. Immutable and thread-safe: a student swaps the model it serves by replacing the reference.
/// </summary>
public sealed class Model
{
    private readonly FeatureEncoder _encoder;
    private readonly double[][] _weights;
    private readonly double _constant;

    internal Model(ScenarioTask task, string target, FeatureEncoder encoder, double[][] weights, IReadOnlyList<string> classes,
        string? positiveClass, double constant, int trainingRows, TimeSpan fitTime)
    {
        Task = task;
        Target = target;
        _encoder = encoder;
        _weights = weights;
        Classes = classes;
        PositiveClass = positiveClass;
        _constant = constant;
        TrainingRows = trainingRows;
        FitTime = fitTime;
    }

    public ScenarioTask Task { get; }

    public string Target { get; }

    /// <summary>The class labels seen in training, in ordinal order; empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>For binary tasks, the class <see cref="Prediction.Probability"/> is about.</summary>
    public string? PositiveClass { get; }

    public int TrainingRows { get; }

    public TimeSpan FitTime { get; }

    /// <summary>The input columns the model reads.</summary>
    public IReadOnlyList<string> Features => _encoder.Columns;

    public IReadOnlyList<Prediction> Predict(DataTable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var encoded = _encoder.Encode(rows);
        var predictions = new Prediction[encoded.Count];
        var probabilities = new double[_weights.Length];
        for (var r = 0; r < encoded.Count; r++)
        {
            if (Task == ScenarioTask.Regression)
            {
                predictions[r] = new Prediction(_weights.Length == 0 ? _constant : encoded.Dot(r, _weights[0]), null, null);
                continue;
            }

            predictions[r] = Classify(encoded, r, probabilities);
        }

        return predictions;
    }

    private Prediction Classify(SparseRows encoded, int row, double[] scratch)
    {
        if (Classes.Count == 1)
        {
            return new Prediction(0, Classes[0], PositiveClass is null ? null : Classes[0] == PositiveClass ? 0.99 : 0.01);
        }

        if (Classes.Count == 2)
        {
            // One logistic regression for the second class.
            var p = Sigmoid(encoded.Dot(row, _weights[0]));
            var positive = PositiveClass == Classes[1] ? p : 1 - p;
            var index = p >= 0.5 ? 1 : 0;
            return new Prediction(index, Classes[index], positive);
        }

        // One against the rest, normalised.
        var best = 0;
        for (var k = 0; k < _weights.Length; k++)
        {
            scratch[k] = Sigmoid(encoded.Dot(row, _weights[k]));
            best = scratch[k] > scratch[best] ? k : best;
        }

        return new Prediction(best, Classes[best], null);
    }

    internal static double Sigmoid(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));
}
