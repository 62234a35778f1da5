using PPipe.Scenarios;

namespace PPipe.ReferenceModels.Tests;

public sealed class OracleTests
{
    [Fact]
    public void Oracle_OnIris_ClassifiesAtLeastNineInTenFlowersItNeverSaw()
    {
        var table = Dataset.Iris().OnePeriod();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var accuracy = Score.Accuracy(fit.Oracle, table.Target, Score.Period(table, 0));
        Assert.True(accuracy >= 0.9, $"Out-of-fold accuracy {accuracy:F3}");
        var summary = fit.Models[0];
        Assert.Equal(("oracle, period 0", 150, 150, accuracy), (summary.Name, summary.TrainingRows, summary.PredictedRows, summary.Quality));
        Assert.Null(summary.Fallback);
        Assert.Empty(summary.QualityByPeriod);
    }

    [Fact]
    public void Oracle_OnIris_GivesTheMostLikelySpeciesWithItsProbability()
    {
        var table = Dataset.Iris().OnePeriod();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.All(fit.Oracle, output =>
        {
            Assert.Equal(output.Class, output.Value);
            Assert.InRange(output.Class, 0, 2);
            // The largest of three probabilities summing to one is at least a third.
            Assert.InRange(output.Probability, 1.0 / 3, 1 - 1e-7);
        });
        // Setosa is easy: every one of them is called setosa, and with confidence.
        var setosa = Enumerable.Range(0, table.Target.Length).Where(r => table.Target[r] == 0).ToList();
        Assert.All(setosa, r => Assert.Equal(0, fit.Oracle[r].Class));
        Assert.True(setosa.Average(r => fit.Oracle[r].Probability) > 0.8);
    }

    [Fact]
    public void Oracle_OnBreastCancer_ClassifiesWellWithTheProbabilityOfBenign()
    {
        var table = Dataset.BreastCancer().OnePeriod();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var accuracy = Score.Accuracy(fit.Oracle, table.Target, Score.Period(table, 0));
        Assert.True(accuracy >= 0.9, $"Out-of-fold accuracy {accuracy:F3}");
        Assert.Equal(accuracy, fit.Models[0].Quality);
        Assert.All(fit.Oracle, output =>
        {
            Assert.InRange(output.Probability, 1e-7, 1 - 1e-7);
            Assert.Equal(output.Probability >= 0.5 ? 1 : 0, output.Class);
            Assert.Equal(output.Class, output.Value);
        });
        var benign = Enumerable.Range(0, table.Target.Length).ToLookup(r => table.Target[r] == 1);
        Assert.True(benign[true].Average(r => fit.Oracle[r].Probability) > 0.8);
        Assert.True(benign[false].Average(r => fit.Oracle[r].Probability) < 0.2);
    }

    [Fact]
    public void Oracle_OnDiabetes_ExplainsMoreOfTheProgressionThanTheMean()
    {
        var table = Dataset.Diabetes().OnePeriod();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var r2 = Score.RSquared(fit.Oracle, table.Target, Score.Period(table, 0));
        Assert.True(r2 > 0.25, $"Out-of-fold R² {r2:F3}");
        Assert.Equal(r2, fit.Models[0].Quality, 12);
        Assert.All(fit.Oracle, output =>
        {
            Assert.Equal(0, output.Class);
            Assert.True(double.IsNaN(output.Probability));
        });
    }

    [Fact]
    public void Oracle_OnIrisWithAFifthOfTheMeasurementsMissing_StillClassifiesWell()
    {
        var iris = Dataset.Iris();
        var holed = iris with
        {
            Features = [.. iris.Features.Select((f, c) => f with { Values = [.. f.Values.Select((v, r) => (r * 4 + c) % 5 == 0 ? double.NaN : v)] })],
        };
        var table = holed.OnePeriod();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.True(fit.Models[0].Quality >= 0.85, $"Out-of-fold accuracy {fit.Models[0].Quality:F3}");
    }

    [Fact]
    public void Models_ListOneOraclePerPeriodThenTheStaleModel()
    {
        var table = Dataset.Iris().TwoPeriods(c => c);

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        Assert.Equal(["oracle, period 0", "oracle, period 1", "stale"], fit.Models.Select(m => m.Name));
        Assert.Equal([150, 150, 150], fit.Models.Select(m => m.TrainingRows));
        Assert.Equal([150, 150, 300], fit.Models.Select(m => m.PredictedRows));
        Assert.Equal(ScenarioTask.Multiclass, table.Task);
    }
}
