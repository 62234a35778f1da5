using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;

namespace PPipe.ReferenceModels;

/// <summary>
/// One fit: gradient-boosted trees (ML.NET's FastTree) on some rows of a table, predicting other rows. Regression is a
/// FastTree regression, binary a calibrated FastTree binary classifier, multiclass one calibrated binary classifier per
/// of its most frequent classes (up to <see cref="FitSettings.ModelledClasses"/>) against the rest, the other classes at
/// their training frequency, the probabilities normalised. A fit trains on at most <see cref="FitSettings.RowsPerFit"/>
/// rows, a seeded subsample of more. When trees cannot be grown (too few rows, one class, a constant target, no varying
/// feature) the fit predicts a constant: the training rows' mean, or their class frequencies smoothed by half a row per
/// class. Deterministic: one thread and a seed per fit.
/// </summary>
internal sealed class TreeFitter(ReferenceTable table, FeatureMatrix features, FitSettings settings)
{
    /// <summary>Fewer training rows than this predict a constant: too few to grow trees that generalise.</summary>
    public const int MinTrainingRows = 30;

    /// <summary>No probability is exactly 0 or 1, so a log loss against the reference stays finite.</summary>
    public const double ProbabilityFloor = 1e-6;

    private const int MaxLeaves = 16;
    private const int MinRowsPerLeaf = 10;
    private const double LearningRate = 0.1;

    private readonly ScenarioTask _task = table.Task;
    private readonly double[] _target = table.Target;
    private readonly int _classCount = table.ClassCount;

    /// <summary>Fits on <paramref name="training"/> and writes the predictions for <paramref name="predicted"/> into <paramref name="into"/>.</summary>
    public FitReport Fit(int[] training, int[] predicted, ulong seed, ConceptOutput[] into, CancellationToken cancellationToken)
    {
        // Checked on the rows the trees would see: a subsample can lose a rare class.
        var rows = training.Length > settings.RowsPerFit ? Subsample(training, settings.RowsPerFit, seed) : training;
        var outcome = Check(rows);
        if (outcome != FitOutcome.Trees)
        {
            PredictConstant(outcome == FitOutcome.NoTrainingRows ? Others(predicted) : training, predicted, into);
            return new FitReport(outcome, 0);
        }

        var treeSeed = (int)(seed & int.MaxValue);
        var ml = new MLContext(treeSeed);
        var trainingFeatures = rows.Select(r => features.Row(r).ToArray()).ToArray();
        var unseen = Load(ml, [.. predicted.Select(r => new TreeRow { Features = features.Row(r).ToArray() })]);
        switch (_task)
        {
            case ScenarioTask.Regression:
                var regression = ml.Regression.Trainers.FastTree(Options<FastTreeRegressionTrainer.Options>(nameof(TreeRow.Value), rows.Length, treeSeed));
                // Trees see the target centred and scaled into -1..1, so a large offset or magnitude loses nothing to floats.
                var mean = rows.Average(r => _target[r]);
                var scale = rows.Max(r => Math.Abs(_target[r] - mean));
                var data = Load(ml, [.. rows.Select((r, i) => new TreeRow { Features = trainingFeatures[i], Value = (float)((_target[r] - mean) / scale) })]);
                var scores = Column(regression.Fit(data), unseen, "Score");
                for (var i = 0; i < predicted.Length; i++)
                {
                    into[predicted[i]] = new ConceptOutput(mean + scale * scores[i], 0, double.NaN);
                }

                break;
            case ScenarioTask.Binary:
                var positive = Column(FitClass(ml, rows, trainingFeatures, 1, treeSeed), unseen, "Probability");
                for (var i = 0; i < predicted.Length; i++)
                {
                    into[predicted[i]] = Binary(positive[i]);
                }

                break;
            default:
                PredictMulticlass(ml, rows, trainingFeatures, unseen, predicted, treeSeed, into, cancellationToken);
                break;
        }

        return new FitReport(FitOutcome.Trees, rows.Length);
    }

    private void PredictMulticlass(MLContext ml, int[] rows, float[][] trainingFeatures, IDataView unseen, int[] predicted, int treeSeed, ConceptOutput[] into, CancellationToken cancellationToken)
    {
        var counts = new int[_classCount];
        foreach (var r in rows)
        {
            counts[(int)_target[r]]++;
        }

        // Trees for the most frequent classes (the lower index on ties); every other class keeps its smoothed
        // frequency, which for a class the training rows lack is close to 0.
        var modelled = Enumerable.Range(0, _classCount).Where(k => counts[k] > 0).OrderByDescending(k => counts[k]).ThenBy(k => k).Take(settings.ModelledClasses).ToArray();
        var probabilities = new float[_classCount][];
        foreach (var k in modelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            probabilities[k] = Column(FitClass(ml, rows, trainingFeatures, k, treeSeed), unseen, "Probability");
        }

        var row = new double[_classCount];
        for (var i = 0; i < predicted.Length; i++)
        {
            for (var k = 0; k < _classCount; k++)
            {
                row[k] = probabilities[k] is { } modelledClass ? modelledClass[i] : (counts[k] + 0.5) / (rows.Length + 0.5 * _classCount);
            }

            into[predicted[i]] = Multiclass(row);
        }
    }

    /// <summary>One deterministic tree setting for every fit (one thread, a fixed seed), sized to the training rows.</summary>
    private T Options<T>(string label, int rows, int treeSeed) where T : BoostedTreeOptions, new() => new()
    {
        LabelColumnName = label,
        FeatureColumnName = nameof(TreeRow.Features),
        NumberOfTrees = settings.Trees,
        NumberOfLeaves = LeavesFor(rows),
        MinimumExampleCountPerLeaf = MinRowsPerLeaf,
        LearningRate = LearningRate,
        NumberOfThreads = 1,
        Seed = treeSeed,
    };

    /// <summary>
    /// Smaller trees for fewer rows, which overfit less: on the diabetes data (about 300 training rows a fold) 4 leaves
    /// explain 0.45 of the variance out of fold where 16 explain 0.38 (mean of three seeds); from 5,000 rows
    /// 16 leaves do better (on the cost tests' 100,000 rows, R² 0.94-0.99 where 4 leaves reach 0.92-0.98).
    /// </summary>
    private static int LeavesFor(int rows) => rows < 1_000 ? 4 : rows < 5_000 ? 8 : MaxLeaves;

    private ITransformer FitClass(MLContext ml, int[] rows, float[][] trainingFeatures, int positiveClass, int treeSeed)
    {
        var trainer = ml.BinaryClassification.Trainers.FastTree(Options<FastTreeBinaryTrainer.Options>(nameof(TreeRow.IsClass), rows.Length, treeSeed));
        var data = Load(ml, [.. rows.Select((r, i) => new TreeRow { Features = trainingFeatures[i], IsClass = (int)_target[r] == positiveClass })]);
        return trainer.Fit(data);
    }

    private FitOutcome Check(int[] training)
    {
        if (training.Length == 0)
        {
            return FitOutcome.NoTrainingRows;
        }

        if (training.Length < MinTrainingRows)
        {
            return FitOutcome.TooFewRows;
        }

        var first = _target[training[0]];
        if (training.All(r => _target[r] == first))
        {
            return _task == ScenarioTask.Regression ? FitOutcome.ConstantTarget : FitOutcome.OneClass;
        }

        return features.VariesOver(training) ? FitOutcome.Trees : FitOutcome.NoVaryingFeature;
    }

    private void PredictConstant(int[] rows, int[] predicted, ConceptOutput[] into)
    {
        ConceptOutput constant;
        if (_task == ScenarioTask.Regression)
        {
            var sum = 0.0;
            foreach (var r in rows)
            {
                sum += _target[r];
            }

            constant = new ConceptOutput(rows.Length == 0 ? 0 : sum / rows.Length, 0, double.NaN);
        }
        else
        {
            var frequencies = new double[_classCount];
            foreach (var r in rows)
            {
                frequencies[(int)_target[r]]++;
            }

            for (var k = 0; k < _classCount; k++)
            {
                frequencies[k] = (frequencies[k] + 0.5) / (rows.Length + 0.5 * _classCount);
            }

            constant = _task == ScenarioTask.Binary ? Binary(frequencies[1]) : Multiclass(frequencies);
        }

        foreach (var r in predicted)
        {
            into[r] = constant;
        }
    }

    /// <summary>
    /// What a fit without training rows falls back on: the table's rows outside <paramref name="predicted"/>, or when
    /// there are none (a table of one row, or a stale model with no row to learn from) every row: a constant on
    /// the target's own scale is more sensible than an arbitrary 0, and there is nothing else to learn from.
    /// </summary>
    private int[] Others(int[] predicted)
    {
        var excluded = new bool[_target.Length];
        foreach (var r in predicted)
        {
            excluded[r] = true;
        }

        int[] others = [.. Enumerable.Range(0, _target.Length).Where(r => !excluded[r])];
        return others.Length > 0 ? others : [.. Enumerable.Range(0, _target.Length)];
    }

    /// <summary>A seeded subsample of <paramref name="count"/> rows, in row order.</summary>
    internal static int[] Subsample(int[] rows, int count, ulong seed)
    {
        var copy = (int[])rows.Clone();
        var random = new SeededRandom(seed);
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Below(copy.Length - i);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        var chosen = copy[..count];
        Array.Sort(chosen);
        return chosen;
    }

    private static ConceptOutput Binary(double p)
    {
        p = Math.Clamp(double.IsNaN(p) ? 0.5 : p, ProbabilityFloor, 1 - ProbabilityFloor);
        var positive = p >= 0.5 ? 1 : 0;
        return new ConceptOutput(positive, positive, p);
    }

    /// <summary>The most likely class (the first on ties) and its probability, after normalising with a floor.</summary>
    private static ConceptOutput Multiclass(double[] probabilities)
    {
        var total = 0.0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            probabilities[k] = Math.Max(double.IsNaN(probabilities[k]) ? 0 : probabilities[k], ProbabilityFloor);
            total += probabilities[k];
        }

        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        return new ConceptOutput(best, best, probabilities[best] / total);
    }

    private IDataView Load(MLContext ml, TreeRow[] rows)
    {
        var schema = SchemaDefinition.Create(typeof(TreeRow));
        schema[nameof(TreeRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Width);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private static float[] Column(ITransformer model, IDataView data, string column) =>
        [.. model.Transform(data).GetColumn<float>(column)];
}
