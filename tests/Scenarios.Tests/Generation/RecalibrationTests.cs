using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Scoring;

namespace PPipe.Scenarios.Tests.Generation;

public sealed class RecalibrationTests
{
    [Fact]
    public void Recalibration_AfterItsTime_OffsetsThePublishedReadings()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("predictive-maintenance"), 6, TestScenarios.Start);

        // Releases 19 and 23 cover the same half of the day (8.5d-9d and 10.5d-11d), before and after 10d.
        var before = Table.Load(generator.OpenRelease(19)).Column("temperature_c").Where(double.IsFinite).Average();
        var after = Table.Load(generator.OpenRelease(23)).Column("temperature_c").Where(double.IsFinite).Average();

        Assert.Equal(-6.0, after - before, 0.7);
    }

    [Fact]
    public void Recalibration_AfterItsTime_MisleadsTheStaleModelButNotTheOracle()
    {
        const int Overheating = 2;
        var scenario = TestScenarios.Template("predictive-maintenance");
        var generator = new ScenarioGenerator(scenario, 6, TestScenarios.Start);

        var before = Table.Load(generator.OpenBatch(8));
        var after = Enumerable.Range(12, 9).SelectMany(seq => Table.Load(generator.OpenBatch(seq)).Truths).ToList();

        Assert.All(before.Truths, t => Assert.Equal(t.Oracle, t.Stale));
        var oracleAlarms = after.Count(t => t.Oracle == Overheating);
        var staleAlarms = after.Count(t => t.Stale == Overheating);
        Assert.True(staleAlarms < 0.7 * oracleAlarms, $"overheating predicted by the oracle {oracleAlarms}, by the stale model {staleAlarms}");
        var actual = after.Select(t => t.Actual).ToArray();
        var oracle = MetricScore.Compute(scenario.Metric, actual, [.. after.Select(t => t.Oracle)]);
        var stale = MetricScore.Compute(scenario.Metric, actual, [.. after.Select(t => t.Stale)]);
        Assert.True(stale < oracle - 0.02, $"macro-F1 oracle {oracle:F3}, stale {stale:F3}");
    }
}
