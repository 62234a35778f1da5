using PPipe.Scenarios.Surveys;

namespace PPipe.Scenarios.Tests.Surveys;

/// <summary>
/// The statistics of survey analytics against known values: Student's t quantiles from the printed tables, and a paired change and
/// a correlation worked out with numpy (means, sample standard deviation, <c>corrcoef</c>, <c>atanh</c>/<c>tanh</c>); the
/// constants below are its output.
/// </summary>
public sealed class SurveyStatisticsTests
{
    private const double Precision = 1e-9;

    [Theory]
    [InlineData(1, 12.706204736174698)]
    [InlineData(2, 4.302652729749464)]
    [InlineData(9, 2.2621571627409915)]
    [InlineData(29, 2.045229642132703)]
    [InlineData(100, 1.983971518523552)]
    [InlineData(10_000, 1.960201239890626)] // Cornish-Fisher expansion to 1/ν³
    public void TQuantile975_DegreesOfFreedom_MatchesTheTable(int degreesOfFreedom, double expected)
    {
        var quantile = SurveyStatistics.TQuantile975(degreesOfFreedom);

        Assert.Equal(expected, quantile, 1e-8);
    }

    [Fact]
    public void Paired_TenStudents_MeansChangeTIntervalAndCohensDz()
    {
        double[] pre = [2, 3, 3, 4, 2, 1, 3, 2, 4, 3];
        double[] post = [3, 4, 3, 5, 4, 2, 3, 3, 5, 4];

        var change = SurveyStatistics.Paired(pre, post);

        Assert.Equal(10, change.N);
        Assert.Equal(2.7, change.MeanBefore!.Value, Precision);
        Assert.Equal(3.6, change.MeanAfter!.Value, Precision);
        Assert.Equal(0.9, change.MeanChange!.Value, Precision);
        Assert.Equal(0.49393036196666584, change.Low!.Value, Precision);
        Assert.Equal(1.306069638033334, change.High!.Value, Precision);
        Assert.Equal(1.5854945926896997, change.EffectSize!.Value, Precision);
    }

    [Fact]
    public void Paired_OneStudent_MeansButNoIntervalOrEffect()
    {
        var change = SurveyStatistics.Paired([2], [4]);

        Assert.Equal(new PairedChange(1, 2, 4, 2, null, null, null), change);
    }

    [Fact]
    public void Paired_EveryoneChangedAlike_ZeroWidthIntervalAndNoEffectSize()
    {
        var change = SurveyStatistics.Paired([1, 2, 3], [2, 3, 4]);

        Assert.Equal(new PairedChange(3, 2, 3, 1, 1, 1, null), change);
    }

    [Fact]
    public void Paired_NoStudents_NothingToReport()
    {
        var change = SurveyStatistics.Paired([], []);

        Assert.Equal(new PairedChange(0, null, null, null, null, null, null), change);
    }

    [Fact]
    public void Paired_UnevenSamples_Refused()
    {
        Assert.Throws<ArgumentException>(() => SurveyStatistics.Paired([1, 2], [1]));
    }

    [Fact]
    public void Pearson_SixPairs_RAndFisherZInterval()
    {
        var correlation = SurveyStatistics.Pearson([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]);

        Assert.Equal(6, correlation.N);
        Assert.Equal(0.8285714285714287, correlation.R!.Value, Precision);
        Assert.Equal(0.05192931884727826, correlation.Low!.Value, Precision);
        Assert.Equal(0.9806845993491808, correlation.High!.Value, Precision);
    }

    [Fact]
    public void Pearson_ThreePairs_RWithoutInterval()
    {
        var correlation = SurveyStatistics.Pearson([1, 2, 3], [3, 2, 1]);

        Assert.Equal(new Correlation(3, -1, null, null), correlation);
    }

    [Fact]
    public void Pearson_NoSpreadOrTooFew_Null()
    {
        Assert.Equal(new Correlation(4, null, null, null), SurveyStatistics.Pearson([1, 1, 1, 1], [1, 2, 3, 4]));
        Assert.Equal(new Correlation(2, null, null, null), SurveyStatistics.Pearson([1, 2], [1, 2]));
    }

    [Theory]
    [InlineData(0.4, 0.7, 0.5)]
    [InlineData(0.5, 0.25, -0.5)]
    [InlineData(0, 1, 1)]
    public void NormalizedGain_ClassShares_HakesG(double pre, double post, double expected)
    {
        Assert.Equal(expected, SurveyStatistics.NormalizedGain(pre, post)!.Value, Precision);
    }

    [Fact]
    public void NormalizedGain_EveryoneRightBefore_Null()
    {
        Assert.Null(SurveyStatistics.NormalizedGain(1, 1));
    }
}
