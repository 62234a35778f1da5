using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class CopyDetectionTests
{
    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("energy-demand")]
    [InlineData("predictive-maintenance")]
    [InlineData("card-fraud")]
    [InlineData("customer-churn")]
    public void Agreement_CopiedSubmission_IsSuspicious(string template)
    {
        var (scenario, source) = Honest(template, 11);
        var copy = new BatchPredictions(source.Ids, [.. source.Predictions], source.Probabilities is null ? null : [.. source.Probabilities]);

        var agreement = CopyDetection.Agreement(scenario.Task, source, copy);

        Assert.Equal(1.0, agreement!.Value, 1e-9);
        Assert.True(CopyDetection.IsSuspicious(agreement));
    }

    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("energy-demand")]
    [InlineData("predictive-maintenance")]
    [InlineData("card-fraud")]
    [InlineData("customer-churn")]
    public void Agreement_HonestStudentsOnTheirOwnRows_IsNotSuspicious(string template)
    {
        var (scenario, first) = Honest(template, 11);
        var (_, second) = Honest(template, 12);

        var agreement = CopyDetection.Agreement(scenario.Task, first, second);

        Assert.NotNull(agreement);
        Assert.InRange(agreement.Value, -0.15, 0.15);
        Assert.False(CopyDetection.IsSuspicious(agreement));
    }

    [Fact]
    public void Agreement_CopiedLabelsWithAFewChanged_IsStillSuspicious()
    {
        var (scenario, source) = Honest("predictive-maintenance", 11);
        var random = new Random(5);
        var labels = source.Predictions.Select(p => random.NextDouble() < 0.03 ? (p + 1 + random.Next(3)) % 4 : p).ToArray();

        var agreement = CopyDetection.Agreement(scenario.Task, source.Predictions, labels);

        Assert.InRange(agreement!.Value, 0.8, 0.95);
        Assert.True(CopyDetection.IsSuspicious(agreement));
    }

    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("energy-demand")]
    public void Agreement_CopiedValuesWithNoise_IsStillSuspicious(string template)
    {
        var (scenario, source) = Honest(template, 11);
        var spread = StandardDeviation(source.Predictions);
        var random = new Random(5);
        var noisy = source.Predictions.Select(p => p + 0.2 * spread * Normal(random)).ToArray();

        var agreement = CopyDetection.Agreement(scenario.Task, source.Predictions, noisy);

        Assert.InRange(agreement!.Value, 0.8, 0.99);
    }

    [Fact]
    public void Agreement_CopiedProbabilitiesWithNoise_IsStillSuspicious()
    {
        var (scenario, source) = Honest("customer-churn", 11);
        var random = new Random(5);
        var noisy = source.Probabilities!.Select(p => Math.Clamp(p + 0.03 * Normal(random), 0, 1)).ToArray();
        var copy = new BatchPredictions(source.Ids, [.. source.Predictions], noisy);

        Assert.True(CopyDetection.IsSuspicious(CopyDetection.Agreement(scenario.Task, source, copy)));
    }

    [Fact]
    public void Agreement_Labels_IsCohensKappa()
    {
        // 30 of 40 agree (0.75); each student says 1 half the time, so chance agreement is 0.5.
        double[] first = [.. Enumerable.Repeat(0.0, 20), .. Enumerable.Repeat(1.0, 20)];
        double[] second = [.. Enumerable.Repeat(0.0, 15), .. Enumerable.Repeat(1.0, 5), .. Enumerable.Repeat(0.0, 5), .. Enumerable.Repeat(1.0, 15)];

        Assert.Equal(0.5, CopyDetection.Agreement(ScenarioTask.Binary, first, second)!.Value, 1e-12);
    }

    [Fact]
    public void Agreement_SharedTrendOnly_IsNotAgreement()
    {
        // Both follow the rows' time (a steep trend) but are otherwise independent: raw correlation near 1.
        var random = new Random(3);
        var first = Enumerable.Range(0, 500).Select(i => i + 5 * Normal(random)).ToArray();
        var second = Enumerable.Range(0, 500).Select(i => i + 5 * Normal(random)).ToArray();

        var agreement = CopyDetection.Agreement(ScenarioTask.Regression, first, second);

        Assert.InRange(agreement!.Value, -0.15, 0.15);
    }

    [Fact]
    public void Agreement_ConstantPredictions_IsNull()
    {
        var varied = Enumerable.Range(0, 100).Select(i => (double)(i % 2)).ToArray();
        var constant = new double[100];

        Assert.Null(CopyDetection.Agreement(ScenarioTask.Binary, varied, constant));
        Assert.Null(CopyDetection.Agreement(ScenarioTask.Regression, constant, varied));
        Assert.False(CopyDetection.IsSuspicious(null));
    }

    [Fact]
    public void Agreement_FewerThanThirtyRows_IsNull()
    {
        var rows = Enumerable.Range(0, CopyDetection.MinRows - 1).Select(i => (double)(i % 3)).ToArray();

        Assert.Null(CopyDetection.Agreement(ScenarioTask.Multiclass, rows, rows));
    }

    [Fact]
    public void Agreement_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => CopyDetection.Agreement(ScenarioTask.Regression, new double[40], new double[41]));
    }

    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("energy-demand")]
    [InlineData("predictive-maintenance")]
    [InlineData("customer-churn")]
    public void Bands_CopyAndHonestStudents_OverlapFullyAndHardly(string template)
    {
        var (scenario, first) = Honest(template, 11);
        var (_, second) = Honest(template, 12);
        var copied = new BatchPredictions(first.Ids, [.. first.Predictions], first.Probabilities is null ? null : [.. first.Probabilities]);

        var bands = CopyDetection.Bands(scenario.Task, first);
        var copy = CopyDetection.Bands(scenario.Task, copied);
        var honest = CopyDetection.Bands(scenario.Task, second);

        Assert.True(bands.Count >= 10, $"{bands.Count} informative bands");
        Assert.Equal(bands, copy);
        Assert.InRange(bands.Intersect(honest).Count(), 0, 1);
    }

    [Fact]
    public void Bands_ValuesWithinRounding_ShareTheSignature()
    {
        var first = Enumerable.Range(0, 32).Select(i => 10.0 + i).ToArray();
        var second = first.Select(v => v + 0.004).ToArray();

        Assert.Equal(CopyDetection.Bands(ScenarioTask.Regression, first), CopyDetection.Bands(ScenarioTask.Regression, second));
    }

    [Fact]
    public void Bands_ConstantBandsAndTheLastPartialBand_AreLeftOut()
    {
        double[] labels = [.. Enumerable.Repeat(0.0, 16), .. Enumerable.Range(0, 16).Select(i => (double)(i % 2)), 1, 0, 1];

        var bands = CopyDetection.Bands(ScenarioTask.Binary, labels);

        Assert.Equal(1, Assert.Single(bands).Band);
    }

    [Fact]
    public void Bands_SameValues_GiveTheSameHashOnEveryMachine()
    {
        var labels = Enumerable.Range(0, 16).Select(i => (double)(i % 3)).ToArray();
        var values = Enumerable.Range(0, 16).Select(i => 1.5 * i - 7.25).ToArray();

        Assert.Equal(new BandSignature(0, 7250686145937708274UL), CopyDetection.Bands(ScenarioTask.Multiclass, labels)[0]);
        Assert.Equal(new BandSignature(0, 1684982028113201632UL), CopyDetection.Bands(ScenarioTask.Regression, values)[0]);
    }

    [Fact]
    public void Candidates_TwentyStudentsAndACopier_FindsTheCopierAndItsSource()
    {
        var submissions = Enumerable.Range(0, 20).Select(i => Honest("predictive-maintenance", 100 + (ulong)i)).ToList();
        var (scenario, source) = submissions[5];
        var random = new Random(9);
        var copied = source.Predictions.Select(p => random.NextDouble() < 0.03 ? (p + 1) % 4 : p).ToArray();
        var signatures = submissions.Select(s => CopyDetection.Bands(scenario.Task, s.Predictions.Predictions)).ToList();
        signatures.Add(CopyDetection.Bands(scenario.Task, copied));

        var candidates = CopyDetection.Candidates(signatures);

        var candidate = Assert.Single(candidates);
        Assert.Equal((5, 20), (candidate.First, candidate.Second));
        Assert.True(CopyDetection.IsSuspicious(CopyDetection.Agreement(scenario.Task, source.Predictions, copied)));
    }

    [Fact]
    public void Candidates_SignatureSharedByMany_IsIgnored()
    {
        var common = new BandSignature(0, 42);
        var signatures = Enumerable.Range(0, 60).Select(_ => (IReadOnlyList<BandSignature>)[common, common with { Band = 1 }, common with { Band = 2 }]).ToList();

        Assert.Empty(CopyDetection.Candidates(signatures));
        Assert.Equal(45, CopyDetection.Candidates(signatures[..10]).Count);
    }

    /// <summary>An honest student's submission to the last batch: the oracle on their own rows (labels, and
    /// probabilities when the metric scores them).</summary>
    private static (Scenario Scenario, BatchPredictions Predictions) Honest(string template, ulong enrollmentSeed)
    {
        var scenario = TestScenarios.Template(template);
        var truths = new ScenarioGenerator(scenario, enrollmentSeed, TestScenarios.Start).BatchTruth(scenario.Batches!.CountWithin(scenario.Duration));
        var oracle = truths.Select(t => t.Oracle).ToArray();
        var predictions = scenario.Metric.NeedsProbability()
            ? new BatchPredictions(BatchIds.FromTruths(truths), [.. oracle.Select(p => p >= 0.5 ? 1.0 : 0.0)], oracle)
            : new BatchPredictions(BatchIds.FromTruths(truths), oracle, null);
        return (scenario, predictions);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
