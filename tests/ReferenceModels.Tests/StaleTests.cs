namespace PPipe.ReferenceModels.Tests;

public sealed class StaleTests
{
    [Fact]
    public void Stale_WhenTheSpeciesAreRelabelledInPeriodOne_FallsFarBehindTheOracleThereButNotBefore()
    {
        var table = Dataset.Iris().TwoPeriods(species => (species + 1) % 3);

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var oracle = fit.Models.Take(2).Select(m => m.Quality).ToArray();
        var stale = fit.Models[2];
        Assert.True(oracle[1] >= 0.9, $"Oracle, period 1: {oracle[1]:F3}");
        Assert.True(stale.QualityByPeriod[1] <= 0.1, $"Stale, period 1: {stale.QualityByPeriod[1]:F3}");
        Assert.True(Math.Abs(stale.QualityByPeriod[0] - oracle[0]) <= 0.05, $"Period 0: stale {stale.QualityByPeriod[0]:F3}, oracle {oracle[0]:F3}");
        Assert.Equal(Score.Accuracy(fit.Stale, table.Target, Score.Period(table, 1)), stale.QualityByPeriod[1]);
        Assert.Equal(Score.Accuracy(fit.Stale, table.Target, Enumerable.Range(0, 300)), stale.Quality);
    }

    [Fact]
    public void Stale_WhenProgressionRisesInPeriodOne_FallsFarBehindTheOracleThereButNotBefore()
    {
        var table = Dataset.Diabetes().TwoPeriods(progression => progression + 150);

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var oracle = fit.Models.Take(2).Select(m => m.Quality).ToArray();
        var stale = fit.Models[2].QualityByPeriod;
        Assert.True(oracle[1] > 0.25, $"Oracle, period 1: R² {oracle[1]:F3}");
        Assert.True(stale[1] < -1, $"Stale, period 1: R² {stale[1]:F3}");
        Assert.True(Math.Abs(stale[0] - oracle[0]) <= 0.1, $"Period 0: stale R² {stale[0]:F3}, oracle {oracle[0]:F3}");
        Assert.Equal(Score.RSquared(fit.Stale, table.Target, Score.Period(table, 1)), stale[1], 12);
    }

    [Fact]
    public void Stale_OnTheRowsItLearntFrom_IsNoBetterThanOnRowsItNeverSaw()
    {
        // The first half of the tumours trains the stale model; a model scored on its own training rows would look
        // near perfect there, a cross-fitted one about as good as on the second half.
        var table = Dataset.BreastCancer().OnePeriod();

        var fit = ReferenceTrainer.Fit(table, TestContext.Current.CancellationToken);

        var half = table.Target.Length / 2;
        var learnt = Score.Accuracy(fit.Stale, table.Target, Enumerable.Range(0, half));
        var unseen = Score.Accuracy(fit.Stale, table.Target, Enumerable.Range(half, table.Target.Length - half));
        Assert.True(learnt < 0.99, $"Accuracy on its training rows {learnt:F3}");
        Assert.True(Math.Abs(learnt - unseen) <= 0.06, $"Training rows {learnt:F3}, the others {unseen:F3}");
        Assert.Equal(half, fit.Models[^1].TrainingRows);
    }
}
