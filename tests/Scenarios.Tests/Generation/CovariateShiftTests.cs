using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Tests.Generation;

public sealed class CovariateShiftTests
{
    private static readonly Scenario Shifted = TestScenarios.Read("""
        template: taxi-fares
        drift:
          - {at: 10d, kind: covariate, feature: distance_km, shift: 3.0}
        quirks: []
        releases: {rows: 4000}
        """);

    [Fact]
    public void CovariateShift_Abrupt_MovesTheFeatureMeanByTheConfiguredAmount()
    {
        var generator = new ScenarioGenerator(Shifted, 17, TestScenarios.Start);

        var before = Table.Load(generator.OpenRelease(6)).Column("distance_km").Average();
        var after = Table.Load(generator.OpenRelease(16)).Column("distance_km").Average();

        Assert.Equal(3.0, after - before, 0.4);
    }

    [Fact]
    public void CovariateShift_Gradual_MovesTheMeanPartWayDuringTheRamp()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            drift:
              - {at: 10d, kind: covariate, feature: distance_km, shift: 3.0, over: 4d}
            quirks: []
            releases: {rows: 4000}
            """);
        var generator = new ScenarioGenerator(scenario, 17, TestScenarios.Start);

        var before = Table.Load(generator.OpenRelease(6)).Column("distance_km").Average();
        var ramp = Table.Load(generator.OpenRelease(13)).Column("distance_km").Average();
        var after = Table.Load(generator.OpenRelease(16)).Column("distance_km").Average();

        // Release 13 holds day 11 to 12, where the ramp goes from 1/4 to 1/2 of the shift: 3/8 on average.
        Assert.Equal(3.0 * 3 / 8, ramp - before, 0.4);
        Assert.Equal(3.0, after - before, 0.4);
    }

    [Fact]
    public void CovariateShift_ConceptUnchanged_OracleAndStaleModelAgree()
    {
        var batch = Table.Load(new ScenarioGenerator(Shifted, 17, TestScenarios.Start).OpenBatch(20));

        Assert.All(batch.Truths, t => Assert.Equal(t.Oracle, t.Stale));
    }

    [Fact]
    public void CovariateShift_SameSeeds_ChangesOnlyTheShiftedFeature()
    {
        var plain = TestScenarios.Read("template: taxi-fares\ndrift: []\nquirks: []\nreleases: {rows: 4000}\ngrading: {criteria: {batchQuality: 1}}");

        var shifted = Table.Load(new ScenarioGenerator(Shifted, 17, TestScenarios.Start).OpenRelease(16));
        var original = Table.Load(new ScenarioGenerator(plain, 17, TestScenarios.Start).OpenRelease(16));

        Assert.Equal(original.Column("pickup_zone"), shifted.Column("pickup_zone"));
        Assert.Equal(original.Column("payment_type"), shifted.Column("payment_type"));
        Assert.Equal(3.0, shifted.Column("distance_km").Average() - original.Column("distance_km").Average(), 0.05);
    }
}
