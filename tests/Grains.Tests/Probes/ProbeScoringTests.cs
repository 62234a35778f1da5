using PPipe.Grains.Probes;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Grains.Tests.Probes;

public sealed class ProbeScoringTests
{
    [Fact]
    public void Quality_Regression_MetricAndMeanLossesOfStudentOracleAndStale()
    {
        RowTruth[] truths = [new(new RowId(RowId.Probe, 0, 0), Actual: 1, Oracle: 1, Stale: 0), new(new RowId(RowId.Probe, 0, 1), Actual: 2, Oracle: 2, Stale: 0)];

        var quality = ProbeScoring.Quality(Metric.Rmse, truths, [2, 2]);

        Assert.Equal(new ProbeQuality(2, Math.Sqrt(0.5), 0.5, 0, 2.5), quality);
    }

    [Fact]
    public void Quality_RocAucWithOneClass_ScoreIsNaNLossesDefined()
    {
        RowTruth[] truths = [new(new RowId(RowId.Probe, 0, 0), Actual: 0, Oracle: 0.2, Stale: 0.5), new(new RowId(RowId.Probe, 0, 1), Actual: 0, Oracle: 0.1, Stale: 0.5)];

        var quality = ProbeScoring.Quality(Metric.RocAuc, truths, [0, 1]);

        Assert.True(double.IsNaN(quality.Score));
        Assert.Equal(0.5, quality.Loss, 12);
        Assert.Equal(0.025, quality.OracleLoss, 12);
        Assert.Equal(0.25, quality.StaleLoss, 12);
    }
}
