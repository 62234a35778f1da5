using PPipe.Scenarios.Scoring;

namespace PPipe.Scenarios.Tests.Scoring;

public sealed class MetricScoreTests
{
    [Fact]
    public void Compute_Accuracy_CountsExactMatches()
    {
        Assert.Equal(0.75, MetricScore.Compute(Metric.Accuracy, [0, 1, 2, 1], [0, 1, 1, 1]));
    }

    [Fact]
    public void Compute_MacroF1_AveragesF1OverClasses()
    {
        // Class 0: P 1, R 1 -> 1. Class 1: P 2/3, R 1 -> 0.8. Class 2: P 0, R 0 -> 0.
        Assert.Equal((1 + 0.8 + 0) / 3, MetricScore.Compute(Metric.MacroF1, [0, 1, 1, 2], [0, 1, 1, 1]), 1e-12);
    }

    [Fact]
    public void Compute_RocAuc_CountsOrderedPairsWithTiesAsHalf()
    {
        // Positives 0.8 and 0.4, negatives 0.4 and 0.1: pairs won 1 + 1 + 0.5 + 1 of 4.
        Assert.Equal(0.875, MetricScore.Compute(Metric.RocAuc, [1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1]));
        Assert.True(double.IsNaN(MetricScore.Compute(Metric.RocAuc, [1, 1], [0.2, 0.3])));
    }

    [Fact]
    public void Compute_LogLoss_IsTheMeanNegativeLogLikelihood()
    {
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8)) / 2, MetricScore.Compute(Metric.LogLoss, [1, 0], [0.9, 0.2]), 1e-12);
        Assert.True(double.IsFinite(MetricScore.Compute(Metric.LogLoss, [1], [0])));
    }

    [Fact]
    public void Compute_RegressionMetrics_MatchHandComputedValues()
    {
        double[] actual = [3, 5, 7];
        double[] predicted = [2, 5, 9];

        Assert.Equal(Math.Sqrt(5.0 / 3), MetricScore.Compute(Metric.Rmse, actual, predicted), 1e-12);
        Assert.Equal(1.0, MetricScore.Compute(Metric.Mae, actual, predicted), 1e-12);
        Assert.Equal(1 - 5.0 / 8, MetricScore.Compute(Metric.R2, actual, predicted), 1e-12);
    }

    [Fact]
    public void Compute_Mase_DividesEachRowsErrorByItsScale()
    {
        // Errors 1, 0, 2 over scales 2, 1, 4: (0.5 + 0 + 0.5) / 3.
        Assert.Equal(1.0 / 3, MetricScore.Compute(Metric.Mase, [3, 5, 7], [2, 5, 9], [2, 1, 4]), 1e-12);
    }

    [Fact]
    public void Compute_MaseWithAZeroScale_IsUndefined()
    {
        Assert.True(double.IsNaN(MetricScore.Compute(Metric.Mase, [3, 5], [3, 5], [1, 0])));
        Assert.True(double.IsNaN(MetricScore.RowLoss(Metric.Mase, 3, 3, 0)));
    }

    [Fact]
    public void Compute_MaseWithoutAScalePerRow_Throws()
    {
        Assert.Throws<ArgumentException>(() => MetricScore.Compute(Metric.Mase, [3, 5], [3, 5]));
    }

    [Fact]
    public void Compute_Smape_IsTheMeanSymmetricPercentageAsAFraction()
    {
        // 2·2/(10+8) = 2/9, 0 for both zero, 2·4/(0+4) = 2 (the largest a row can add).
        Assert.Equal((2.0 / 9 + 0 + 2) / 3, MetricScore.Compute(Metric.Smape, [10, 0, 0], [8, 0, 4]), 1e-12);
        Assert.Equal(2.0 / 9, MetricScore.RowLoss(Metric.Smape, 10, 8), 1e-12);
        Assert.Equal(0, MetricScore.RowLoss(Metric.Smape, 0, 0));
    }

    [Fact]
    public void Compute_ForecastMetricsOnNoRows_AreUndefined()
    {
        Assert.True(double.IsNaN(MetricScore.Compute(Metric.Mase, [], [], [])));
        Assert.True(double.IsNaN(MetricScore.Compute(Metric.Smape, [], [])));
    }

    [Fact]
    public void SeasonalNaiveScale_History_IsTheMeanAbsoluteSeasonalDifference()
    {
        // Season 2: |4-1| + |2-3| + |6-4| + |2-2| over 4 differences.
        Assert.Equal(1.5, MetricScore.SeasonalNaiveScale([1, 3, 4, 2, 6, 2], 2), 1e-12);
        Assert.Equal(1.0, MetricScore.SeasonalNaiveScale([1, 2, 3], 1), 1e-12);
    }

    [Fact]
    public void SeasonalNaiveScale_HistoryNoLongerThanASeason_IsUndefined()
    {
        Assert.True(double.IsNaN(MetricScore.SeasonalNaiveScale([1, 3], 2)));
        Assert.True(double.IsNaN(MetricScore.SeasonalNaiveScale([], 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricScore.SeasonalNaiveScale([1, 2, 3], 0));
    }

    [Fact]
    public void SeasonalNaiveScale_HistoryRepeatingEachSeason_IsZero()
    {
        Assert.Equal(0, MetricScore.SeasonalNaiveScale([5, 1, 5, 1, 5, 1], 2));
    }

    [Fact]
    public void Relative_ScoreAndBaselines_PlacesTheScoreBetweenStaleAndOracle()
    {
        Assert.Equal(0.5, MetricScore.Relative(0.8, 0.7, 0.9), 1e-12);
        Assert.Equal(0.25, MetricScore.Relative(5.0, 6.0, 2.0), 1e-12);
        Assert.Equal(1.0, MetricScore.Relative(1.5, 6.0, 2.0));
        Assert.Equal(0.0, MetricScore.Relative(9.0, 6.0, 2.0));
        Assert.True(double.IsNaN(MetricScore.Relative(1, 2, 2)));
    }

    [Fact]
    public void Compute_LengthsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => MetricScore.Compute(Metric.Mae, [1, 2], [1]));
    }
}
