using PPipe.Scenarios;

namespace PPipe.Simulation.Learning;

/// <summary>A fitted linear model: ridge regression, or one logistic regression per class.</summary>
internal sealed class LinearModel : Model
{
    private readonly FeatureEncoder _encoder;
    private readonly double[][] _weights;
    private readonly double _constant;

    internal LinearModel(ScenarioTask task, string target, FeatureEncoder encoder, double[][] weights, IReadOnlyList<string> classes,
        string? positiveClass, double constant, int trainingRows, TimeSpan fitTime)
        : base(task, target, classes, positiveClass, trainingRows, fitTime)
    {
        _encoder = encoder;
        _weights = weights;
        _constant = constant;
    }

    public override IReadOnlyList<string> Features => _encoder.Columns;

    public override IReadOnlyList<Prediction> Predict(DataTable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var encoded = _encoder.Encode(rows);
        var predictions = new Prediction[encoded.Count];
        var probabilities = new double[_weights.Length];
        for (var r = 0; r < encoded.Count; r++)
        {
            if (Task.IsNumeric())
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
            return OnlyClass();
        }

        if (Classes.Count == 2)
        {
            // One logistic regression for the second class.
            return Binary(Sigmoid(encoded.Dot(row, _weights[0])));
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
}
