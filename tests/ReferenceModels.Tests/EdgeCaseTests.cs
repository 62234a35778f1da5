using PPipe.Scenarios;
using PPipe.Scenarios.Generation;

namespace PPipe.ReferenceModels.Tests;

public sealed class EdgeCaseTests
{
    [Fact]
    public void Oracle_OfAPeriodWithTooFewRows_PredictsTheMeanOfTheOtherFoldsAndSaysSo()
    {
        // The last 12 patients form period 1: each fold trains on 8, too few for trees.
        var diabetes = Dataset.Diabetes();
        var rows = diabetes.Rows;
        var table = new ReferenceTable
        {
            Task = ScenarioTask.Regression,
            ClassCount = 0,
            Features = diabetes.Features,
            Target = diabetes.Target,
            Period = [.. Enumerable.Range(0, rows).Select(r => r < rows - 12 ? 0 : 1)],
            StaleTraining = [.. Enumerable.Range(0, rows).Select(r => r < 200)],
            Seed = 3,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var period = Score.Period(table, 1).ToList();
        var means = period.Select(r => fit.Oracle[r].Value).Distinct().ToList();
        Assert.InRange(means.Count, 1, 3);
        // Each row gets the mean of the 8 others outside its fold: those 12 targets minus its fold's 4.
        var total = period.Sum(r => table.Target[r]);
        foreach (var r in period)
        {
            var fold = period.Where(o => fit.Oracle[o].Value == fit.Oracle[r].Value).ToList();
            Assert.Equal((total - fold.Sum(o => table.Target[o])) / (12 - fold.Count), fit.Oracle[r].Value, 9);
        }

        Assert.Equal("3 of 3 fits predicted a constant: fewer than 30 training rows", fit.Models[1].Fallback);
        Assert.Null(fit.Models[0].Fallback);
    }

    [Fact]
    public void Stale_TrainedOnOneClassOnly_PredictsItWithItsFrequency()
    {
        var cancer = Dataset.BreastCancer();
        var table = new ReferenceTable
        {
            Task = ScenarioTask.Binary,
            ClassCount = 2,
            Features = cancer.Features,
            Target = cancer.Target,
            Period = new int[cancer.Rows],
            StaleTraining = [.. cancer.Target.Select(c => c == 1)],
            Seed = 5,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.All(fit.Stale, output =>
        {
            Assert.Equal((1, 1.0), (output.Class, output.Value));
            Assert.InRange(output.Probability, 0.99, 1 - 1e-7);
        });
        Assert.Equal("4 of 4 fits predicted a constant: one class in the training rows", fit.Models[^1].Fallback);
        Assert.True(fit.Models[0].Quality >= 0.9);
    }

    [Theory]
    [InlineData(ScenarioTask.Regression, 0)]
    [InlineData(ScenarioTask.Binary, 2)]
    [InlineData(ScenarioTask.Multiclass, 3)]
    public void Fit_OfASingleRow_PredictsAnUninformedConstant(ScenarioTask task, int classCount)
    {
        var table = new ReferenceTable
        {
            Task = task,
            ClassCount = classCount,
            Features = [new ReferenceColumn("x", false, [4.2])],
            Target = [1],
            Period = [0],
            StaleTraining = [true],
            Seed = 1,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        // Nothing else to learn from: the mean of no rows is 0, the frequencies of no rows are uniform.
        var expected = task switch
        {
            ScenarioTask.Regression => new ConceptOutput(0, 0, double.NaN),
            ScenarioTask.Binary => new ConceptOutput(1, 1, 0.5),
            _ => new ConceptOutput(0, 0, 1.0 / 3),
        };
        Assert.Equal([expected], fit.Oracle);
        Assert.Equal([expected], fit.Stale);
        Assert.All(fit.Models, m => Assert.Equal("1 of 1 fits predicted a constant: no training rows, so the other rows' mean or class frequencies", m.Fallback));
    }

    [Fact]
    public void Fit_WithoutFeatures_PredictsEachFoldsTrainingMean()
    {
        var diabetes = Dataset.Diabetes().OnePeriod();
        var table = new ReferenceTable
        {
            Task = diabetes.Task,
            ClassCount = diabetes.ClassCount,
            Features = [],
            Target = diabetes.Target,
            Period = diabetes.Period,
            StaleTraining = diabetes.StaleTraining,
            Seed = diabetes.Seed,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.Equal(3, fit.Oracle.Select(o => o.Value).Distinct().Count());
        Assert.All(fit.Oracle, o => Assert.InRange(o.Value, 140, 165));
        Assert.Equal("3 of 3 fits predicted a constant: no feature varies in the training rows", fit.Models[0].Fallback);
        Assert.True(fit.Models[0].Quality < 0.01, $"R² {fit.Models[0].Quality:F3}");
    }

    [Fact]
    public void Stale_MeetingCategoriesItNeverSaw_StillPredictsThem()
    {
        // The class is the level's parity; period 0 (the stale model's) has levels 0-2, period 1 levels 3 and 1000.
        const int rows = 400;
        var level = Enumerable.Range(0, rows).Select(r => r < 200 ? r % 3 : r % 2 == 0 ? 1000 : 3).Select(l => (double)l).ToArray();
        var table = new ReferenceTable
        {
            Task = ScenarioTask.Binary,
            ClassCount = 2,
            Features = [new ReferenceColumn("level", true, level), new ReferenceColumn("noise", false, [.. Enumerable.Range(0, rows).Select(r => (double)(r * 7919 % 101))])],
            Target = [.. level.Select(l => l % 2)],
            Period = [.. Enumerable.Range(0, rows).Select(r => r < 200 ? 0 : 1)],
            StaleTraining = [.. Enumerable.Range(0, rows).Select(r => r < 200)],
            Seed = 9,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.Equal(1.0, fit.Models[0].Quality);
        Assert.Equal(1.0, fit.Models[1].Quality);
        Assert.All(fit.Stale.Skip(200), o => Assert.InRange(o.Probability, 1e-7, 1 - 1e-7));
    }

    [Fact]
    public void Fit_WithAPeriodWithoutRows_SummarisesItAsEmpty()
    {
        var iris = Dataset.Iris();
        var table = new ReferenceTable
        {
            Task = iris.Task,
            ClassCount = iris.ClassCount,
            Features = iris.Features,
            Target = iris.Target,
            Period = [.. Enumerable.Range(0, iris.Rows).Select(r => r % 2 == 0 ? 0 : 2)],
            StaleTraining = [.. Enumerable.Range(0, iris.Rows).Select(r => r % 2 == 0)],
            Seed = 1,
            PeriodCount = 4,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.Equal(["oracle, period 0", "oracle, period 1", "oracle, period 2", "oracle, period 3", "stale"], fit.Models.Select(m => m.Name));
        Assert.Equal((0, 0), (fit.Models[1].TrainingRows, fit.Models[1].PredictedRows));
        Assert.True(double.IsNaN(fit.Models[1].Quality));
        Assert.Null(fit.Models[1].Fallback);
        Assert.Equal([false, true, false, true], fit.Models[^1].QualityByPeriod.Select(double.IsNaN));
    }

    [Fact]
    public void Fit_OfNoRows_PredictsNothing()
    {
        var table = new ReferenceTable
        {
            Task = ScenarioTask.Binary,
            ClassCount = 2,
            Features = [new ReferenceColumn("x", false, [])],
            Target = [],
            Period = [],
            StaleTraining = [],
            Seed = 1,
        };

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.Empty(fit.Oracle);
        Assert.Empty(fit.Stale);
        Assert.Equal("stale", Assert.Single(fit.Models).Name);
    }

    [Fact]
    public void Fit_WhenCancelled_StopsBeforeFitting()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => ReferenceTrainer.Fit(Dataset.Iris().OnePeriod(), cancellation.Token));
    }

    [Fact]
    public void Subsample_DrawsDistinctRowsInRowOrderTheSameWayEachTime()
    {
        var rows = Enumerable.Range(0, 50_000).Select(r => r * 2).ToArray();

        var first = TreeFitter.Subsample(rows, FitBudget.MaxRowsPerFit, 42);
        var second = TreeFitter.Subsample(rows, FitBudget.MaxRowsPerFit, 42);

        Assert.Equal(FitBudget.MaxRowsPerFit, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first.Order(), first);
        Assert.Equal(first.Length, first.Distinct().Count());
        Assert.All(first, r => Assert.True(r % 2 == 0 && r < 100_000));
        Assert.NotEqual(first, TreeFitter.Subsample(rows, FitBudget.MaxRowsPerFit, 43));
    }
}
