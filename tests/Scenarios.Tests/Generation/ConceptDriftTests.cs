using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Scoring;

namespace PPipe.Scenarios.Tests.Generation;

/// <summary>Concept drift does what it claims, measured the way a student would: with a model fitted on data.</summary>
public sealed class ConceptDriftTests
{
    [Fact]
    public void AbruptDrift_ModelFitBefore_LosesQualityAfterAndRegainsItWhenRefit()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("taxi-fares"), 21, TestScenarios.Start);
        var train = Table.Load(generator.OpenRelease(10));
        var before = Table.Load(generator.OpenBatch(12));
        var after = Table.Load(generator.OpenBatch(20));
        var retrain = Table.Load(generator.OpenRelease(20));
        var later = Table.Load(generator.OpenBatch(22));

        var model = LeastSquares.Fit(FeatureRows.Taxi(train), train.Actual);
        var rmseBefore = model.Rmse(FeatureRows.Taxi(before), before.Actual);
        var rmseAfter = model.Rmse(FeatureRows.Taxi(after), after.Actual);
        var refit = LeastSquares.Fit(FeatureRows.Taxi(retrain), retrain.Actual);
        var rmseRefit = refit.Rmse(FeatureRows.Taxi(later), later.Actual);

        Assert.InRange(rmseBefore, 1.0, 1.6);
        Assert.True(rmseAfter > 3 * rmseBefore, $"after the drift {rmseAfter:F2}, before {rmseBefore:F2}");
        Assert.True(rmseRefit < 1.15 * rmseBefore, $"refit {rmseRefit:F2}, before {rmseBefore:F2}");
    }

    [Fact]
    public void AbruptDriftOnBinaryTask_LogisticModelFitBefore_LosesQualityAfterAndRegainsItWhenRefit()
    {
        var scenario = TestScenarios.Read("""
            template: customer-churn
            drift:
              - {at: 21d, kind: concept, effects: {monthlyContract: -1.5, priceSensitivity: 1.8, inactivity: 0.1}}
            quirks: []
            """);
        var generator = new ScenarioGenerator(scenario, 4, TestScenarios.Start);
        var train = Table.Load(generator.OpenRelease(3));
        var before = Table.Load(generator.OpenBatch(2));
        var after = Table.Load(generator.OpenBatch(5));
        var retrain = Table.Load(generator.OpenRelease(5));
        var later = Table.Load(generator.OpenBatch(6));

        var model = LogisticRegression.Fit(FeatureRows.Churn(train), train.Actual);
        var aucBefore = Auc(model, before);
        var aucAfter = Auc(model, after);
        var refit = LogisticRegression.Fit(FeatureRows.Churn(retrain), retrain.Actual);
        var aucRefit = Auc(refit, later);
        var aucStaleLater = Auc(model, later);

        Assert.True(aucAfter < aucBefore - 0.1, $"ROC AUC after the drift {aucAfter:F3}, before {aucBefore:F3}");
        Assert.True(aucRefit > aucStaleLater + 0.1, $"ROC AUC refit {aucRefit:F3}, not refit {aucStaleLater:F3}");
        Assert.True(aucRefit > aucBefore - 0.03, $"ROC AUC refit {aucRefit:F3}, before the drift {aucBefore:F3}");
    }

    [Fact]
    public void GradualDrift_ModelFitBefore_DegradesStepByStepThroughTheTransition()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            drift:
              - {at: 10d, kind: concept, mode: gradual, over: 4d, effects: {base: 3.5, perKm: 2.6}}
            quirks: []
            batches: {rows: 2000}
            """);
        var generator = new ScenarioGenerator(scenario, 8, TestScenarios.Start);
        var train = Table.Load(generator.OpenRelease(9));
        var model = LeastSquares.Fit(FeatureRows.Taxi(train), train.Actual);

        // Batch n holds rows of day n-1 to n; the share following the new concept rises linearly from day 10 to 14,
        // and so does the old model's average error.
        var bias = Enumerable.Range(10, 7)
            .Select(seq => Table.Load(generator.OpenBatch(seq)))
            .Select(batch => FeatureRows.Taxi(batch).Select((x, i) => batch.Actual[i] - model.Predict(x)).Average())
            .ToList();
        var plateau = bias[5];

        Assert.InRange(bias[0], -0.2, 0.2);
        for (var i = 1; i <= 5; i++)
        {
            Assert.True(bias[i] > bias[i - 1], $"mean error by day: {string.Join(", ", bias.Select(r => r.ToString("F2")))}");
            Assert.Equal(plateau * Math.Min(1, (i - 0.5) / 4), bias[i], 0.1 * plateau);
        }

        Assert.Equal(plateau, bias[6], 0.1 * plateau);
    }

    [Fact]
    public void RecurringDrift_ModelFitBefore_FailsOnlyWhileTheNewConceptIsActive()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            drift:
              - {at: 2d, kind: concept, mode: recurring, period: 3d, active: 1d, effects: {perMinute: 0.9}}
            quirks: []
            endpoint: {from: 1d, probeInterval: 4h, rowsPerProbe: 100}
            """);
        var generator = new ScenarioGenerator(scenario, 8, TestScenarios.Start);
        var train = Table.Load(generator.OpenRelease(2));
        var model = LeastSquares.Fit(FeatureRows.Taxi(train), train.Actual);
        var active = new List<double>();
        var inactive = new List<double>();

        for (var slot = 6; slot < 6 + 6 * 9; slot++)
        {
            var probe = Table.Load(generator.OpenProbe(slot));
            var phase = (probe.Times[0] - TimeSpan.FromDays(2)).Ticks % TimeSpan.FromDays(3).Ticks;
            (phase < TimeSpan.FromDays(1).Ticks ? active : inactive).Add(model.Rmse(FeatureRows.Taxi(probe), probe.Actual));
        }

        Assert.Equal(18, active.Count);
        Assert.True(active.Average() > 3 * inactive.Average(), $"active {active.Average():F2}, inactive {inactive.Average():F2}");
        Assert.InRange(inactive.Average(), 0.8, 1.8);
    }

    [Fact]
    public void Truth_BeforeDrift_OracleAndStaleAgreeAndAfterwardsOnlyTheOracleStaysGood()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("taxi-fares"), 3, TestScenarios.Start);

        var before = Table.Load(generator.OpenBatch(10));
        var after = Table.Load(generator.OpenBatch(20));

        Assert.All(before.Truths, t => Assert.Equal(t.Oracle, t.Stale));
        Assert.InRange(Rmse(after.Actual, [.. after.Truths.Select(t => t.Oracle)]), 1.0, 1.4);
        Assert.True(Rmse(after.Actual, [.. after.Truths.Select(t => t.Stale)]) > 4);
    }

    [Fact]
    public void OracleAt_AnotherTime_AppliesThatTimesConcept()
    {
        var reader = new ScenarioGenerator(TestScenarios.Template("taxi-fares"), 3, TestScenarios.Start).OpenBatch(5);
        reader.Read();

        var now = reader.Oracle;
        var afterDrift = reader.OracleAt(TimeSpan.FromDays(15));

        Assert.Equal(reader.Stale, now);
        Assert.True(afterDrift.Value > now.Value, "the new rate card costs more");
    }

    private static double Auc(LogisticRegression model, Table table) =>
        MetricScore.Compute(Metric.RocAuc, table.Actual, [.. FeatureRows.Churn(table).Select(model.Probability)]);

    private static double Rmse(double[] actual, double[] predicted) =>
        Math.Sqrt(actual.Zip(predicted, (a, p) => (a - p) * (a - p)).Average());
}
