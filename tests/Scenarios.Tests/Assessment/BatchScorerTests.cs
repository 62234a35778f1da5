using System.Globalization;
using System.Text;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class BatchScorerTests
{
    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("energy-demand")] // its oracle and stale model agree on this batch: Relative is 1 by the tie rule
    [InlineData("predictive-maintenance")]
    [InlineData("card-fraud")]
    [InlineData("customer-churn")]
    public async Task Score_OraclePredictions_AreRelativeOne(string template)
    {
        var (scenario, truths) = LastBatch(template);

        var score = await ScoreAsync(scenario, truths, t => t.Oracle);

        Assert.Equal(truths.Count, score.Rows);
        Assert.Equal(score.Oracle, score.Score);
        Assert.Equal(1.0, score.Relative);
    }

    [Theory]
    [InlineData("taxi-fares")]
    [InlineData("predictive-maintenance")]
    [InlineData("card-fraud")]
    [InlineData("customer-churn")]
    public async Task Score_StalePredictions_AreRelativeZero(string template)
    {
        var (scenario, truths) = LastBatch(template);

        var score = await ScoreAsync(scenario, truths, t => t.Stale);

        Assert.True(scenario.Metric.HigherIsBetter() ? score.Oracle > score.Stale : score.Oracle < score.Stale, $"oracle {score.Oracle}, stale {score.Stale}");
        Assert.Equal(score.Stale, score.Score);
        Assert.Equal(0.0, score.Relative);
    }

    [Fact]
    public async Task Score_HalfwayBetweenStaleAndOracle_IsAboutHalf()
    {
        var (scenario, truths) = LastBatch("taxi-fares");

        var score = await ScoreAsync(scenario, truths, t => (t.Oracle + t.Stale) / 2);

        Assert.InRange(score.Relative, 0.3, 0.8);
    }

    [Fact]
    public async Task Score_RocAucWithoutProbabilities_ScoresTheLabels()
    {
        var (scenario, truths) = LastBatch("card-fraud");
        var body = new StringBuilder("id,prediction\n");
        foreach (var truth in truths)
        {
            body.Append(CultureInfo.InvariantCulture, $"{truth.Id},{(truth.Actual == 1 ? "1" : "0")}\n");
        }

        var predictions = await ReadAsync(scenario, truths, body.ToString());
        var score = BatchScorer.Score(scenario.Metric, truths, predictions);

        Assert.Equal(1.0, score.Score);
        Assert.Equal(1.0, score.Relative);
    }

    [Fact]
    public void Score_RepeatedTruths_ScoreEachIdOnce()
    {
        RowTruth[] truths = [Truth(0, 3, 3, 1), Truth(1, 5, 5, 9), Truth(0, 3, 3, 1), Truth(2, 7, 6, 7)];
        var ids = BatchIds.FromTruths(truths);

        var score = BatchScorer.Score(Metric.Mae, truths, new BatchPredictions(ids, [3, 6, 7], null));

        Assert.Equal(3, score.Rows);
        Assert.Equal(1.0 / 3, score.Score, 1e-12);
        Assert.Equal(1.0 / 3, score.Oracle, 1e-12);
        Assert.Equal(2.0, score.Stale, 1e-12);
        Assert.Equal(1.0, score.Relative);
    }

    [Fact]
    public void Score_Mase_ScalesEachRowByItsTruthsScale()
    {
        RowTruth[] truths = [Truth(0, 10, 10, 14) with { Scale = 2 }, Truth(1, 20, 21, 20) with { Scale = 4 }];
        var ids = BatchIds.FromTruths(truths);

        var score = BatchScorer.Score(Metric.Mase, truths, new BatchPredictions(ids, [11, 24], null));

        Assert.Equal((1.0 / 2 + 4.0 / 4) / 2, score.Score, 1e-12);
        Assert.Equal((0 + 1.0 / 4) / 2, score.Oracle, 1e-12);
        Assert.Equal((4.0 / 2 + 0) / 2, score.Stale, 1e-12);
        Assert.Equal((1.0 - 0.75) / (1.0 - 0.125), score.Relative, 1e-12);
    }

    [Theory]
    [InlineData(new double[] { 3, 5, 7 }, 1.0)]
    [InlineData(new double[] { 3, 5, 8 }, 0.0)]
    public void Score_OracleEqualsStale_GivesOneWhenAtLeastAsGoodAsTheOracle(double[] predicted, double relative)
    {
        RowTruth[] truths = [Truth(0, 3, 3, 3), Truth(1, 5, 5, 5), Truth(2, 7, 7, 7)];

        var score = BatchScorer.Score(Metric.Rmse, truths, new BatchPredictions(BatchIds.FromTruths(truths), predicted, null));

        Assert.Equal(relative, score.Relative);
    }

    [Fact]
    public void Score_MetricUndefinedOnTheBatch_GivesOne()
    {
        RowTruth[] truths = [Truth(0, 1, 0.9, 0.4), Truth(1, 1, 0.8, 0.6)];

        var score = BatchScorer.Score(Metric.RocAuc, truths, new BatchPredictions(BatchIds.FromTruths(truths), [0, 0], [0.1, 0.2]));

        Assert.True(double.IsNaN(score.Score));
        Assert.Equal(1.0, score.Relative);
    }

    [Fact]
    public void Score_TruthsOfAnotherBatch_Throw()
    {
        RowTruth[] truths = [Truth(0, 1, 1, 1)];
        var ids = BatchIds.From([new RowId(RowId.Batch, 3, 0)]);

        Assert.Throws<ArgumentException>(() => BatchScorer.Score(Metric.Mae, truths, new BatchPredictions(ids, [1], null)));
    }

    private static RowTruth Truth(int index, double actual, double oracle, double stale) => new(new RowId(RowId.Batch, 2, index), actual, oracle, stale);

    private static (Scenario Scenario, IReadOnlyList<RowTruth> Truths) LastBatch(string template)
    {
        var scenario = TestScenarios.Template(template);
        var last = scenario.Batches!.CountWithin(scenario.Duration);
        return (scenario, new ScenarioGenerator(scenario, 7, TestScenarios.Start).BatchTruth(last));
    }

    /// <summary>Writes a CSV submission as a student would (labels, probabilities, round-trip numbers), reads
    /// it and scores it.</summary>
    private static async Task<BatchScore> ScoreAsync(Scenario scenario, IReadOnlyList<RowTruth> truths, Func<RowTruth, double> predict)
    {
        var target = scenario.Target;
        var withProbability = scenario.Metric.NeedsProbability();
        var body = new StringBuilder(withProbability ? "id,prediction,probability\n" : "id,prediction\n");
        foreach (var truth in truths)
        {
            var value = predict(truth);
            var prediction = target.Task == ScenarioTask.Regression
                ? value.ToString("R", CultureInfo.InvariantCulture)
                : withProbability ? target.Classes[value >= 0.5 ? 1 : 0] : target.Classes[(int)value];
            body.Append(CultureInfo.InvariantCulture, $"{truth.Id},{prediction}");
            body.Append(withProbability ? string.Create(CultureInfo.InvariantCulture, $",{value:R}\n") : "\n");
        }

        var predictions = await ReadAsync(scenario, truths, body.ToString());
        return BatchScorer.Score(scenario.Metric, truths, predictions);
    }

    private static async Task<BatchPredictions> ReadAsync(Scenario scenario, IReadOnlyList<RowTruth> truths, string body)
    {
        var reader = new SubmissionReader(BatchIds.FromTruths(truths), scenario.Target, scenario.Metric);
        var result = await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), SubmissionFormat.Csv, TestContext.Current.CancellationToken);
        return Submissions.Valid(result);
    }
}
