using System.Text;
using PPipe.Grains.Outbound;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Probes;
using PPipe.Scenarios;

namespace PPipe.Grains.Tests.Probes;

public sealed class ProbeAnswerTests
{
    private static readonly ScenarioTarget Fare = new("fare", ScenarioTask.Regression, "", "EUR", 2, []);
    private static readonly ScenarioTarget Fraud = new("is_fraud", ScenarioTask.Binary, "", null, 0, ["0", "1"]);
    private static readonly ScenarioTarget Churn = new("churned", ScenarioTask.Binary, "", null, 0, ["no", "yes"]);
    private static readonly ScenarioTarget Flag = new("flag", ScenarioTask.Binary, "", null, 0, ["false", "true"]);
    private static readonly ScenarioTarget Demand = new("demand_m3", ScenarioTask.Forecast, "", "m³", 1, []);
    private static readonly ScenarioTarget Failure = new("failure_mode", ScenarioTask.Multiclass, "", null, 0, ["none", "bearing", "overheating"]);

    [Fact]
    public void TryRead_Regression_NumbersAndNumericStrings()
    {
        var values = Read("""{"predictions": [12.5, -3, 1e2, "7.25"]}""", Fare, Metric.Rmse, 4);

        Assert.Equal([12.5, -3, 100, 7.25], values);
    }

    [Fact]
    public void TryRead_Forecast_NumbersAsForRegression()
    {
        var values = Read("""{"predictions": [212.5, "0", 1e3]}""", Demand, Metric.Mase, 3);

        Assert.Equal([212.5, 0, 1000], values);
    }

    [Fact]
    public void TryRead_ForecastWithALabel_Fails()
    {
        Assert.Equal(OutboundFailureKind.MalformedBody, Fail("""{"predictions": ["high"]}""", Demand, Metric.Smape, 1)!.Kind);
    }

    [Theory]
    [InlineData("""{"predictions": [1, 0, 1.0, "1", "0"]}""", new[] { 1.0, 0, 1, 1, 0 })]
    public void TryRead_NumericLabelsScoredOnLabels_NumbersTakenAsLabels(string body, double[] expected)
    {
        Assert.Equal(expected, Read(body, Fraud, Metric.Accuracy, expected.Length));
    }

    [Fact]
    public void TryRead_ProbabilityMetric_NumbersAreProbabilitiesOfThePositiveClass()
    {
        var values = Read("""{"predictions": [0.7, 1, 0, "1", "0", "0.25"]}""", Fraud, Metric.RocAuc, 6);

        Assert.Equal([0.7, 1, 0, 1, 0, 0.25], values);
    }

    [Fact]
    public void TryRead_ProbabilityMetricWithWordLabels_LabelsTakenAsCertainty()
    {
        var values = Read("""{"predictions": ["yes", "no", 0.125]}""", Churn, Metric.LogLoss, 3);

        Assert.Equal([1, 0, 0.125], values);
    }

    [Fact]
    public void TryRead_BooleanLabels_Accepted()
    {
        Assert.Equal([1, 0], Read("""{"predictions": [true, false]}""", Flag, Metric.MacroF1, 2));
    }

    [Fact]
    public void TryRead_Multiclass_LabelsAsClassIndices()
    {
        Assert.Equal([1, 0, 2], Read("""{"predictions": ["bearing", " none ", "overheating"]}""", Failure, Metric.MacroF1, 3));
    }

    [Fact]
    public void TryRead_ByteOrderMark_Ignored()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"predictions": [1]}""")).ToArray();
        var values = new double[1];

        Assert.Null(ProbeAnswer.TryRead(body, Fare, Metric.Mae, values));
        Assert.Equal([1.0], values);
    }

    [Theory]
    [InlineData("""{"predictions": [0.7]}""", "predictions[0] is 0.7; expected one of the labels \"0\", \"1\"")]
    [InlineData("""{"predictions": ["fraud"]}""", "predictions[0] is \"fraud\"; expected one of the labels \"0\", \"1\"")]
    public void TryRead_BinaryScoredOnLabels_NonLabelsRefused(string body, string error)
    {
        Assert.Equal(new OutboundFailure(OutboundFailureKind.MalformedBody, error), Fail(body, Fraud, Metric.Accuracy, 1));
    }

    [Theory]
    [InlineData("""{"predictions": [1.5]}""", "predictions[0] is 1.5; expected the probability of \"yes\" (a number from 0 to 1) or one of the labels \"no\", \"yes\"")]
    [InlineData("""{"predictions": [-0.1]}""", "predictions[0] is -0.1; expected the probability of \"yes\" (a number from 0 to 1) or one of the labels \"no\", \"yes\"")]
    [InlineData("""{"predictions": ["maybe"]}""", "predictions[0] is \"maybe\"; expected the probability of \"yes\" (a number from 0 to 1) or one of the labels \"no\", \"yes\"")]
    public void TryRead_ProbabilityMetric_OutOfRangeOrUnknownRefused(string body, string error)
    {
        Assert.Equal(new OutboundFailure(OutboundFailureKind.MalformedBody, error), Fail(body, Churn, Metric.LogLoss, 1));
    }

    [Theory]
    [InlineData("""{"predictions": [2]}""", "predictions[0] is 2; expected one of the labels \"none\", \"bearing\", \"overheating\"")]
    [InlineData("""{"predictions": [{"label": "none"}]}""", "predictions[0] is {\"label\": \"none\"}; expected one of the labels \"none\", \"bearing\", \"overheating\"")]
    public void TryRead_Multiclass_IndicesAndObjectsRefused(string body, string error)
    {
        Assert.Equal(new OutboundFailure(OutboundFailureKind.MalformedBody, error), Fail(body, Failure, Metric.Accuracy, 1));
    }

    [Fact]
    public void TryRead_LongValue_QuotedShort()
    {
        var body = $$"""{"predictions": ["{{new string('x', 100)}}"]}""";

        Assert.Equal($"predictions[0] is \"{new string('x', 39)}…; expected a number", Fail(body, Fare, Metric.Rmse, 1)!.Detail);
    }

    [Theory]
    [InlineData("""{"predictions": [NaN]}""")]
    [InlineData("""{"predictions": ["Infinity"]}""")]
    public void TryRead_RegressionNotFinite_Refused(string body)
    {
        Assert.Equal(OutboundFailureKind.MalformedBody, Fail(body, Fare, Metric.Rmse, 1)!.Kind);
    }

    [Fact]
    public void TryRead_WrongCount_CountsBoth()
    {
        Assert.Equal(new OutboundFailure(OutboundFailureKind.WrongCount, "expected 3 predictions, got 2"), Fail("""{"predictions": [1, 2]}""", Fare, Metric.Rmse, 3));
    }

    [Fact]
    public void TryRead_WithoutModel_NoModelAndNoNote()
    {
        var (failure, model, note) = ReadModel("""{"predictions": [12.5]}""");

        Assert.Equal((null, null, null), (failure, model, note));
    }

    [Fact]
    public void TryRead_WithModel_TakesIt()
    {
        var (failure, model, note) = ReadModel("""{"model": {"version": "v4", "trainedThrough": 12, "digest": "sha256:9f2c"}, "predictions": [12.5]}""");

        Assert.Null(failure);
        Assert.Equal(new ModelStamp("v4", 12, "sha256:9f2c"), model);
        Assert.Null(note);
    }

    [Theory]
    [InlineData("""{"predictions": [12.5], "model": {"version": "v4", "trainedThrough": "twelve"}}""",
        "model ignored: model.trainedThrough must be a whole number from 0 to 2147483647 (the last release seq the model was trained on), got a string")]
    [InlineData("""{"predictions": [12.5], "model": "v4"}""", "model ignored: model must be an object {\"version\": ..., \"trainedThrough\": ...}, got a string")]
    [InlineData("""{"predictions": [12.5], "model": {"a": 1, "b": 2, "c": 3}}""",
        "model ignored: unknown field 'a': model has \"version\", \"trainedThrough\" and optionally \"digest\"; unknown field 'b': model has \"version\", \"trainedThrough\" and optionally \"digest\" (and 3 more)")]
    public void TryRead_BadModel_PredictionsStillReadAndTheModelIgnoredWithANote(string body, string expected)
    {
        var values = new double[1];

        var failure = ProbeAnswer.TryRead(Encoding.UTF8.GetBytes(body), Fare, Metric.Rmse, values, out var model, out var note);

        Assert.Null(failure);
        Assert.Equal([12.5], values);
        Assert.Null(model);
        Assert.Equal(expected, note);
    }

    [Fact]
    public void TryRead_BadPredictionsAndAModel_FailsOnThePredictionsAlone()
    {
        var (failure, model, note) = ReadModel("""{"predictions": ["x"], "model": {"version": "v4", "trainedThrough": 1}}""");

        Assert.Equal(OutboundFailureKind.MalformedBody, failure?.Kind);
        Assert.Equal((null, null), (model, note));
    }

    private static (OutboundFailure? Failure, ModelStamp? Model, string? Note) ReadModel(string body)
    {
        var failure = ProbeAnswer.TryRead(Encoding.UTF8.GetBytes(body), Fare, Metric.Rmse, new double[1], out var model, out var note);
        return (failure, model, note);
    }

    private static double[] Read(string body, ScenarioTarget target, Metric metric, int rows)
    {
        var values = new double[rows];
        var failure = ProbeAnswer.TryRead(Encoding.UTF8.GetBytes(body), target, metric, values);
        Assert.Null(failure);
        return values;
    }

    private static OutboundFailure? Fail(string body, ScenarioTarget target, Metric metric, int rows) =>
        ProbeAnswer.TryRead(Encoding.UTF8.GetBytes(body), target, metric, new double[rows]);
}
