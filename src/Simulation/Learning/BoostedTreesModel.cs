using Microsoft.ML;
using Microsoft.ML.Data;
using PPipe.Scenarios;

namespace PPipe.Simulation.Learning;

/// <summary>
/// Fitted gradient-boosted trees: one regression ensemble, one calibrated binary ensemble, or one binary ensemble per
/// class (one against the rest). ML.NET transformers are safe to call from several threads at once.
/// </summary>
internal sealed class BoostedTreesModel : Model
{
    private readonly MLContext _ml;
    private readonly FeatureEncoder _encoder;
    private readonly ITransformer[] _ensembles;
    private readonly double _constant;

    internal BoostedTreesModel(ScenarioTask task, string target, MLContext ml, FeatureEncoder encoder, ITransformer[] ensembles,
        IReadOnlyList<string> classes, string? positiveClass, double constant, int trainingRows, TimeSpan fitTime)
        : base(task, target, classes, positiveClass, trainingRows, fitTime)
    {
        _ml = ml;
        _encoder = encoder;
        _ensembles = ensembles;
        _constant = constant;
    }

    public override IReadOnlyList<string> Features => _encoder.Columns;

    public override IReadOnlyList<Prediction> Predict(DataTable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        if (_ensembles.Length == 0)
        {
            return [.. Enumerable.Repeat(Task.IsNumeric() ? new Prediction(_constant, null, null) : OnlyClass(), rows.Count)];
        }

        var data = BoostedTreesLearner.Load(_ml, _encoder.Encode(rows), []);
        if (Task.IsNumeric())
        {
            return [.. Column(_ensembles[0], data, "Score").Select(v => new Prediction(v, null, null))];
        }

        var probabilities = _ensembles.Select(e => Column(e, data, "Probability")).ToArray();
        if (Classes.Count == 2)
        {
            return [.. probabilities[0].Select(p => Binary(p))];
        }

        var predictions = new Prediction[rows.Count];
        for (var r = 0; r < predictions.Length; r++)
        {
            var best = 0;
            for (var k = 1; k < probabilities.Length; k++)
            {
                best = probabilities[k][r] > probabilities[best][r] ? k : best;
            }

            predictions[r] = new Prediction(best, Classes[best], null);
        }

        return predictions;
    }

    private static float[] Column(ITransformer ensemble, IDataView data, string column) =>
        [.. ensemble.Transform(data).GetColumn<float>(column)];
}
