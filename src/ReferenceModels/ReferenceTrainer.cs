using System.Collections.Immutable;
using System.Globalization;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;

namespace PPipe.ReferenceModels;

/// <summary>
/// Fits the reference models of a real dataset, whose true concept is unknown: the <b>oracle</b> (per period,
/// gradient-boosted trees fitted on that period's rows) and the <b>stale</b> model (fitted once on the first releases,
/// never retrained). Both are cross-fitted: the rows are split into <see cref="Folds"/> seeded folds and each row is
/// predicted by the model fitted on the other folds, so the oracle is an honest model of its period rather than a
/// memory of it, and the stale model is not flattered on the rows it learnt from (the rows it never saw are predicted
/// by one more fit on all its training rows). Each fit trains on at most <see cref="FitBudget.MaxRowsPerFit"/> rows
/// (a seeded subsample), fewer when the whole table's fits would exceed <see cref="FitBudget"/>; a fit with too little
/// to learn from predicts a constant (see <see cref="TreeFitter"/>), which its summary says. The same table gives
/// byte-identical outputs on any machine.
/// <para>
/// Cost, measured on the 2-core development machine (one thread per fit; see <c>ReferenceTrainerCostTests</c>):
/// 100,000 rows of 20 numeric features in 4 periods take COST_PLACEHOLDER.
/// </para>
/// </summary>
public static class ReferenceTrainer
{
    /// <summary>The folds of every cross-fit (fewer when there are fewer rows).</summary>
    public const int Folds = 3;

    /// <summary>The most periods a table may have, so a stray period index cannot ask for millions of summaries.</summary>
    public const int MaxPeriods = 1_000;

    private const ulong OracleStream = 1;
    private const ulong StaleStream = 2;
    private const ulong FoldStream = 3;

    /// <summary>Fits the oracle of every period and the stale model, and predicts every row with each.</summary>
    /// <exception cref="ArgumentException">The table is inconsistent; the message names the field.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between fits).</exception>
    public static ReferenceFit Fit(ReferenceTable table, CancellationToken cancellationToken = default)
    {
        var periodCount = Validate(table);
        cancellationToken.ThrowIfCancellationRequested();
        var rowCount = table.Target.Length;
        var periods = RowsByPeriod(table.Period, periodCount);
        var staleRows = Enumerable.Range(0, rowCount).Where(r => table.StaleTraining[r]).ToArray();
        var unseen = Enumerable.Range(0, rowCount).Where(r => !table.StaleTraining[r]).ToArray();

        List<int> trainingSizes = [.. periods.SelectMany(rows => FoldTrainingSizes(rows.Length)), .. FoldTrainingSizes(staleRows.Length)];
        if (unseen.Length > 0)
        {
            trainingSizes.Add(staleRows.Length);
        }

        var settings = FitBudget.Choose(trainingSizes, table.Task == ScenarioTask.Multiclass ? table.ClassCount : 1);
        var fitter = new TreeFitter(table, FeatureMatrix.Encode(table.Features, rowCount), settings);
        var oracle = new ConceptOutput[rowCount];
        var stale = new ConceptOutput[rowCount];
        var models = ImmutableArray.CreateBuilder<ReferenceModelSummary>(periodCount + 1);

        for (var p = 0; p < periodCount; p++)
        {
            var rows = periods[p];
            var reports = CrossFit(fitter, rows, SeededRandom.Derive(table.Seed, OracleStream, (ulong)p), oracle, cancellationToken);
            models.Add(new ReferenceModelSummary(string.Create(CultureInfo.InvariantCulture, $"oracle, period {p}"), rows.Length, Quality(table, oracle, rows))
            {
                PredictedRows = rows.Length,
                RowsPerFit = reports.Select(r => r.TrainedRows).DefaultIfEmpty().Max(),
                Fallback = Describe(reports),
            });
        }

        var staleReports = CrossFit(fitter, staleRows, SeededRandom.Derive(table.Seed, StaleStream, 0), stale, cancellationToken);
        if (unseen.Length > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            staleReports.Add(fitter.Fit(staleRows, unseen, SeededRandom.Derive(table.Seed, StaleStream, 1), stale));
        }

        models.Add(new ReferenceModelSummary("stale", staleRows.Length, Quality(table, stale, [.. Enumerable.Range(0, rowCount)]))
        {
            PredictedRows = rowCount,
            RowsPerFit = staleReports.Select(r => r.TrainedRows).DefaultIfEmpty().Max(),
            Fallback = Describe(staleReports),
            QualityByPeriod = [.. periods.Select(rows => Quality(table, stale, rows))],
        });

        return new ReferenceFit(oracle, stale, models.MoveToImmutable());
    }

    /// <summary>Predicts each of <paramref name="rows"/> with a model fitted on the folds it is not in.</summary>
    private static List<FitReport> CrossFit(TreeFitter fitter, int[] rows, ulong seed, ConceptOutput[] into, CancellationToken cancellationToken)
    {
        var reports = new List<FitReport>();
        var order = (int[])rows.Clone();
        new SeededRandom(seed).Shuffle(order);
        var folds = Math.Min(Folds, rows.Length);
        for (var f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var held = order.Where((_, i) => i % folds == f).Order().ToArray();
            var training = order.Where((_, i) => i % folds != f).Order().ToArray();
            reports.Add(fitter.Fit(training, held, SeededRandom.Derive(seed, FoldStream, (ulong)f), into));
        }

        return reports;
    }

    /// <summary>The training rows of each fold's fit in a cross-fit of <paramref name="rows"/> rows (fold f holds every Folds-th row from f).</summary>
    private static IEnumerable<int> FoldTrainingSizes(int rows)
    {
        var folds = Math.Min(Folds, rows);
        for (var f = 0; f < folds; f++)
        {
            yield return rows - (rows - f + folds - 1) / folds;
        }
    }

    private static int[][] RowsByPeriod(int[] period, int periodCount)
    {
        var rows = Enumerable.Range(0, periodCount).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < period.Length; r++)
        {
            rows[period[r]].Add(r);
        }

        return [.. rows.Select(list => list.ToArray())];
    }

    /// <summary>Accuracy (classification) or R² (regression) of <paramref name="outputs"/> on <paramref name="rows"/>; NaN when undefined.</summary>
    internal static double Quality(ReferenceTable table, ConceptOutput[] outputs, int[] rows)
    {
        if (rows.Length == 0)
        {
            return double.NaN;
        }

        if (table.Task != ScenarioTask.Regression)
        {
            return rows.Count(r => outputs[r].Class == (int)table.Target[r]) / (double)rows.Length;
        }

        var mean = rows.Average(r => table.Target[r]);
        double residual = 0, total = 0;
        foreach (var r in rows)
        {
            residual += Math.Pow(table.Target[r] - outputs[r].Value, 2);
            total += Math.Pow(table.Target[r] - mean, 2);
        }

        return total > 0 ? 1 - residual / total : double.NaN;
    }

    private static string? Describe(List<FitReport> reports)
    {
        var constant = reports.Select(r => r.Outcome).Where(o => o != FitOutcome.Trees).ToList();
        if (constant.Count == 0)
        {
            return null;
        }

        var reasons = constant.Distinct().Order().Select(reason => reason switch
        {
            FitOutcome.NoTrainingRows => "no training rows, so the other rows' mean or class frequencies",
            FitOutcome.TooFewRows => $"fewer than {TreeFitter.MinTrainingRows} training rows",
            FitOutcome.OneClass => "one class in the training rows",
            FitOutcome.ConstantTarget => "the target does not vary in the training rows",
            _ => "no feature varies in the training rows",
        });
        return string.Create(CultureInfo.InvariantCulture, $"{constant.Count} of {reports.Count} fits predicted a constant: {string.Join("; ", reasons)}");
    }

    /// <summary>Checks the table and returns its number of periods.</summary>
    private static int Validate(ReferenceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Task is not (ScenarioTask.Regression or ScenarioTask.Binary or ScenarioTask.Multiclass))
        {
            throw Invalid(table, "Task", $"{table.Task} is not supported; reference models fit Regression, Binary or Multiclass.");
        }

        if (table.Task == ScenarioTask.Regression && table.ClassCount != 0)
        {
            throw Invalid(table, "ClassCount", $"a regression has no classes, so it must be 0, not {table.ClassCount}.");
        }

        if (table.Task != ScenarioTask.Regression && table.ClassCount < 2)
        {
            throw Invalid(table, "ClassCount", $"a classification needs at least 2 classes, not {table.ClassCount}.");
        }

        var target = table.Target ?? throw Invalid(table, "Target", "is missing.");
        var period = table.Period ?? throw Invalid(table, "Period", "is missing.");
        var staleTraining = table.StaleTraining ?? throw Invalid(table, "StaleTraining", "is missing.");
        var features = table.Features ?? throw Invalid(table, "Features", "is missing.");
        var rows = target.Length;
        if (period.Length != rows)
        {
            throw Invalid(table, "Period", $"has {period.Length} rows but Target has {rows}.");
        }

        if (staleTraining.Length != rows)
        {
            throw Invalid(table, "StaleTraining", $"has {staleTraining.Length} rows but Target has {rows}.");
        }

        for (var c = 0; c < features.Count; c++)
        {
            ValidateFeature(table, features[c], c, rows);
        }

        for (var r = 0; r < rows; r++)
        {
            var value = target[r];
            if (table.Task == ScenarioTask.Regression ? !double.IsFinite(value) : !IsIndex(value, table.ClassCount))
            {
                throw Invalid(table, "Target", table.Task == ScenarioTask.Regression
                    ? $"row {r} holds {value}; a regression target must be a finite number."
                    : $"row {r} holds {value}; a class must be a whole number in 0..{table.ClassCount - 1}.");
            }
        }

        if (table.PeriodCount is < 0 or > MaxPeriods)
        {
            throw Invalid(table, "PeriodCount", $"{table.PeriodCount} is out of range: 0 (one more than the largest Period) up to {MaxPeriods}.");
        }

        var periodCount = table.PeriodCount > 0 ? table.PeriodCount : MaxPeriods;
        var largest = -1;
        for (var r = 0; r < rows; r++)
        {
            if (period[r] < 0 || period[r] >= periodCount)
            {
                throw Invalid(table, "Period", $"row {r} is in period {period[r]}, but periods run from 0 to {periodCount - 1}.");
            }

            largest = Math.Max(largest, period[r]);
        }

        return table.PeriodCount > 0 ? table.PeriodCount : largest + 1;
    }

    private static void ValidateFeature(ReferenceTable table, ReferenceColumn? column, int index, int rows)
    {
        if (column?.Name is null || column.Values is null)
        {
            throw Invalid(table, "Features", $"column {index} has no name or no values.");
        }

        if (column.Values.Length != rows)
        {
            throw Invalid(table, "Features", $"column '{column.Name}' has {column.Values.Length} rows but Target has {rows}.");
        }

        if (!column.IsCategory)
        {
            return;
        }

        for (var r = 0; r < rows; r++)
        {
            var value = column.Values[r];
            if (!double.IsNaN(value) && !IsIndex(value, int.MaxValue))
            {
                throw Invalid(table, "Features", $"column '{column.Name}' is a category but row {r} holds {value}; a category is its level's index (0, 1, 2...) or NaN.");
            }
        }
    }

    private static bool IsIndex(double value, int count) => value >= 0 && value < count && value == Math.Floor(value);

    private static ArgumentException Invalid(ReferenceTable table, string field, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"ReferenceTable.{field}: {problem}"), nameof(table));
}
