using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using PPipe.Scenarios;

namespace PPipe.Simulation.Learning;

/// <summary>
/// What a student who reaches for a flexible model fits: gradient-boosted trees (ML.NET's FastTree) on the same
/// encoded features as <see cref="Learner"/>. Trees find interactions and thresholds a linear model cannot, so a
/// concept change that a linear model barely notices can still cost this one. Deterministic: one thread and a fixed
/// seed, so the same rows give the same model. Fits a few thousand rows in a few hundred milliseconds.
/// </summary>
public static class BoostedTreesLearner
{
    private const int Seed = 20261;
    private const int Trees = 100;
    private const int Leaves = 16;
    private const int MinRowsPerLeaf = 10;
    private const double LearningRate = 0.1;

    /// <summary>Fits a model of <paramref name="target"/> on every row with a target value.</summary>
    public static Model Fit(DataTable rows, string target, ScenarioTask task, string? positiveClass = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var watch = Stopwatch.StartNew();
        var targetColumn = rows.IndexOf(target);
        if (targetColumn < 0)
        {
            throw new ArgumentException($"The rows have no column '{target}'.", nameof(rows));
        }

        var ml = new MLContext(Seed);
        return task.IsNumeric()
            ? FitRegression(ml, rows, target, targetColumn, watch)
            : FitClassification(ml, rows, target, task, targetColumn, positiveClass, watch);
    }

    private static Model FitRegression(MLContext ml, DataTable rows, string target, int targetColumn, Stopwatch watch)
    {
        var used = new List<int>();
        var y = new List<float>();
        for (var r = 0; r < rows.Count; r++)
        {
            if (ColumnEncoder.TryNumber(rows.Rows[r][targetColumn], out var value))
            {
                used.Add(r);
                y.Add((float)value);
            }
        }

        var encoder = FeatureEncoder.Fit(rows, target, used);
        var mean = y.Count == 0 ? 0 : y.Average();
        if (used.Count < 2 * MinRowsPerLeaf)
        {
            return new BoostedTreesModel(ScenarioTask.Regression, target, ml, encoder, [], [], null, mean, used.Count, watch.Elapsed);
        }

        var data = Load(ml, encoder.Encode(rows, used), [.. y]);
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(TreeRow.Value),
            FeatureColumnName = nameof(TreeRow.Features),
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinRowsPerLeaf,
            LearningRate = LearningRate,
            NumberOfThreads = 1,
            Seed = Seed,
        });
        return new BoostedTreesModel(ScenarioTask.Regression, target, ml, encoder, [trainer.Fit(data)], [], null, mean, used.Count, watch.Elapsed);
    }

    private static Model FitClassification(MLContext ml, DataTable rows, string target, ScenarioTask task, int targetColumn, string? positiveClass, Stopwatch watch)
    {
        var used = new List<int>();
        var labels = new List<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            var label = rows.Rows[r][targetColumn].Trim();
            if (label.Length > 0)
            {
                used.Add(r);
                labels.Add(label);
            }
        }

        var classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var encoder = FeatureEncoder.Fit(rows, target, used);
        var positive = task == ScenarioTask.Binary ? Learner.PositiveClassOf(classes, labels, positiveClass) : null;
        if (classes.Count < 2)
        {
            return new BoostedTreesModel(task, target, ml, encoder, [], classes, positive, 0, used.Count, watch.Elapsed);
        }

        var x = encoder.Encode(rows, used);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(TreeRow.IsClass),
            FeatureColumnName = nameof(TreeRow.Features),
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinRowsPerLeaf,
            LearningRate = LearningRate,
            NumberOfThreads = 1,
            Seed = Seed,
        });
        var ones = classes.Count == 2 ? [classes[1]] : classes;
        var ensembles = ones.Select(c => (ITransformer)trainer.Fit(Load(ml, x, [], [.. labels.Select(l => l == c)]))).ToArray();
        return new BoostedTreesModel(task, target, ml, encoder, ensembles, classes, positive, 0, used.Count, watch.Elapsed);
    }

    /// <summary>The encoded rows (without the intercept, which trees do not need) as an ML.NET data view.</summary>
    internal static IDataView Load(MLContext ml, SparseRows x, float[] values, bool[]? isClass = null)
    {
        var width = Math.Max(1, x.Width - 1);
        var items = new TreeRow[x.Count];
        for (var r = 0; r < items.Length; r++)
        {
            var features = new float[width];
            var index = x.IndicesOf(r);
            var value = x.ValuesOf(r);
            for (var k = 0; k < index.Length; k++)
            {
                if (index[k] < x.Width - 1)
                {
                    features[index[k]] = (float)value[k];
                }
            }

            items[r] = new TreeRow
            {
                Features = features,
                Value = values.Length > 0 ? values[r] : 0,
                IsClass = isClass is not null && isClass[r],
            };
        }

        var schema = SchemaDefinition.Create(typeof(TreeRow));
        schema[nameof(TreeRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(items, schema);
    }
}
