using PPipe.Scenarios.Assessment;
using static PPipe.Scenarios.Tests.Assessment.Submissions;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class JsonSubmissionTests
{
    private static readonly ScenarioTarget Fraud = new("is_fraud", ScenarioTask.Binary, "Confirmed fraud.", null, 0, ["0", "1"]);

    [Fact]
    public async Task Read_LabelsAndProbabilities_AlignsThemWithTheIds()
    {
        const string body = """
            {"predictions": [
              {"id": "b0002-000004", "prediction": "yes", "probability": 0.9},
              {"prediction": "no", "id": "b0002-000001", "probability": 0.1},
              {"id": "b0002-000000", "probability": 0.5, "prediction": "yes"},
              {"id": "b0002\u002d000003", "prediction": "n\u006f", "probability": 3e-1},
              {"id": "b0002-000002", "prediction": "yes", "probability": 1}
            ]}
            """;

        var predictions = Valid(await JsonAsync(body, Churn, Metric.LogLoss));

        Assert.Equal([1, 0, 1, 0, 1], predictions.Predictions);
        Assert.Equal([0.5, 0.1, 1, 0.3, 0.9], predictions.Probabilities!);
    }

    [Fact]
    public async Task Read_RegressionNumbersAndNumericStrings_AreValues()
    {
        const string body = """{"predictions":[{"id":"b0002-000000","prediction":12.5},{"id":"b0002-000001","prediction":"-3"},{"id":"b0002-000002","prediction":1E2},{"id":"b0002-000003","prediction":7},{"id":"b0002-000004","prediction":0}]}""";

        var predictions = Valid(await JsonAsync(body, Fare, Metric.Rmse));

        Assert.Equal([12.5, -3, 100, 7, 0], predictions.Predictions);
    }

    [Fact]
    public async Task Read_NumericLabels_MayBeJsonNumbers()
    {
        const string body = """{"predictions":[{"id":"b0002-000000","prediction":1},{"id":"b0002-000001","prediction":"0"}]}""";

        var predictions = Valid(await JsonAsync(body, Fraud, Metric.Accuracy, Ids(2)));

        Assert.Equal([1, 0], predictions.Predictions);
    }

    [Fact]
    public async Task Read_ByteOrderMarkAndNullProbabilities_AreAccepted()
    {
        const string body = "\uFEFF{\"predictions\":[{\"id\":\"b0002-000000\",\"prediction\":\"yes\",\"probability\":null},{\"id\":\"b0002-000001\",\"prediction\":\"no\"}]}\r\n";

        var predictions = Valid(await JsonAsync(body, Churn, Metric.RocAuc, Ids(2)));

        Assert.Null(predictions.Probabilities);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1 << 20)]
    public async Task Read_BodyArrivingInPieces_GivesTheSameResult(int piece)
    {
        const string body = "\uFEFF{\"predictions\": [\n{\"id\": \"b0002-000000\", \"prediction\": \"yes\", \"probability\": 0.25, \"notes\": {\"a\": [1, 2]}},\n" +
            "{\"id\": \"b0002-000001\", \"prediction\": \"maybe\", \"probability\": 0.5}]}";

        var result = await ReadAsync(body, SubmissionFormat.Json, Churn, Metric.RocAuc, Ids(2), piece);

        Assert.Equal(
            [
                new SubmissionError(1, null, SubmissionField.Row, "unknown field 'notes': a prediction has \"id\", \"prediction\" and optionally \"probability\""),
                new SubmissionError(2, "b0002-000001", SubmissionField.Prediction, "unknown label 'maybe'; the labels are no, yes"),
            ],
            result.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    [InlineData("\uFEFF")]
    public async Task Read_EmptyBody_IsOneBodyError(string body)
    {
        var error = Single(await JsonAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Body, "the body is empty: expected {\"predictions\": [{\"id\": ..., \"prediction\": ...}]}"), error);
    }

    [Fact]
    public async Task Read_MalformedJson_GivesTheLineAndByteAndStops()
    {
        const string body = "{\"predictions\": [\n {\"id\": \"b0002-000000\" \"prediction\": \"yes\"}]}";

        var error = Single(await JsonAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(
            new SubmissionError(1, null, SubmissionField.Body, "malformed JSON at line 2, byte 24: '\"' is invalid after a value. Expected either ',', '}', or ']'."),
            error);
    }

    [Fact]
    public async Task Read_TruncatedJson_IsMalformed()
    {
        var error = Single(await JsonAsync("{\"predictions\": [{\"id\": \"b0002-000000\", \"prediction\": \"yes\"}", Churn, Metric.Accuracy));

        Assert.StartsWith("malformed JSON at line 1, byte 61: ", error.Message);
    }

    [Fact]
    public async Task Read_CsvSentAsJson_SaysSo()
    {
        var error = Single(await JsonAsync("id,prediction\nb0002-000000,yes\n", Churn, Metric.Accuracy));

        Assert.Equal("malformed JSON at line 1, byte 1: 'i' is an invalid start of a value. (this looks like CSV: send it as text/csv)", error.Message);
    }

    [Fact]
    public async Task Read_BareArray_AsksToWrapIt()
    {
        var error = Single(await JsonAsync("""[{"id": "b0002-000000", "prediction": "yes"}]""", Churn, Metric.Accuracy));

        Assert.Equal(
            new SubmissionError(null, null, SubmissionField.Body, "expected {\"predictions\": [{\"id\": ..., \"prediction\": ...}]}, got an array: put the array in {\"predictions\": [...]}"),
            error);
    }

    [Fact]
    public async Task Read_NoPredictionsField_SaysWhatIsMissing()
    {
        var result = await JsonAsync("""{"prediction": []}""", Churn, Metric.Accuracy);

        Assert.Equal(
            [
                new SubmissionError(null, null, SubmissionField.Body, "unknown field 'prediction': the body has \"predictions\" and optionally \"model\""),
                new SubmissionError(null, null, SubmissionField.Body, "missing \"predictions\": expected {\"predictions\": [{\"id\": ..., \"prediction\": ...}]}"),
            ],
            result.Errors);
    }

    [Fact]
    public async Task Read_PredictionsNotAnArray_StopsWithTheShape()
    {
        var error = Single(await JsonAsync("""{"predictions": {"b0002-000000": "yes"}}""", Churn, Metric.Accuracy));

        Assert.Equal("\"predictions\" must be an array, got an object: expected {\"predictions\": [{\"id\": ..., \"prediction\": ...}]}", error.Message);
    }

    [Fact]
    public async Task Read_ElementNotAnObject_IsARowError()
    {
        var result = await JsonAsync("""{"predictions": [{"id": "b0002-000000", "prediction": "yes"}, ["b0002-000001", "no"]]}""", Churn, Metric.Accuracy, Ids(1));

        Assert.Equal(new SubmissionError(2, null, SubmissionField.Row, "each prediction must be an object {\"id\": ..., \"prediction\": ...}, got an array"), Single(result));
    }

    [Fact]
    public async Task Read_UnknownAndDuplicateIds_AreIdErrorsOnTheirElements()
    {
        const string body = """
            {"predictions": [
              {"id": "b0002-000000", "prediction": "yes"},
              {"id": "b0002-000000", "prediction": "no"},
              {"id": "b0002-000007", "prediction": "no"},
              {"id": 1, "prediction": "no"},
              {"prediction": "no"},
              {"id": "b0002-000001", "prediction": "no"}
            ]}
            """;

        var result = await JsonAsync(body, Churn, Metric.Accuracy, Ids(2));

        Assert.Equal(
            [
                new SubmissionError(2, "b0002-000000", SubmissionField.Id, "duplicate id: already given on row 1"),
                new SubmissionError(3, "b0002-000007", SubmissionField.Id, "unknown id 'b0002-000007': not a row of this batch (its ids run from b0002-000000 to b0002-000001)"),
                new SubmissionError(4, null, SubmissionField.Id, "id must be a string like \"b0002-000045\", got a number"),
                new SubmissionError(5, null, SubmissionField.Id, "id is missing"),
            ],
            result.Errors);
    }

    [Fact]
    public async Task Read_MissingIds_IsOneError()
    {
        var error = Single(await JsonAsync("""{"predictions": [{"id": "b0002-000001", "prediction": "yes"}]}""", Churn, Metric.Accuracy, Ids(3)));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Id, "2 ids have no prediction: b0002-000000, b0002-000002"), error);
    }

    [Theory]
    [InlineData("1e400", "prediction must be a finite number, got '1e400'")]
    [InlineData("\"NaN\"", "prediction must be a finite number, got 'NaN'")]
    [InlineData("\"Infinity\"", "prediction must be a finite number, got 'Infinity'")]
    [InlineData("\"12,5\"", "prediction must be a number, got '12,5'")]
    [InlineData("true", "prediction must be a number, got a boolean")]
    [InlineData("null", "prediction must be a number, got null")]
    [InlineData("[1]", "prediction must be a number, got an array")]
    public async Task Read_BadRegressionPrediction_IsAPredictionError(string value, string message)
    {
        var body = $$"""{"predictions": [{"id": "b0002-000000", "prediction": {{value}}}, {"id": "b0002-000001", "prediction": 2}]}""";

        var error = Single(await JsonAsync(body, Fare, Metric.Mae, Ids(2)));

        Assert.Equal(new SubmissionError(1, "b0002-000000", SubmissionField.Prediction, message), error);
    }

    [Fact]
    public async Task Read_MissingPrediction_IsAPredictionError()
    {
        var error = Single(await JsonAsync("""{"predictions": [{"id": "b0002-000000"}]}""", Fare, Metric.Mae, Ids(1)));

        Assert.Equal(new SubmissionError(1, "b0002-000000", SubmissionField.Prediction, "prediction is missing"), error);
    }

    [Fact]
    public async Task Read_UnknownLabel_ListsTheValidLabels()
    {
        var error = Single(await JsonAsync("""{"predictions": [{"id": "b0002-000000", "prediction": 2}]}""", Fraud, Metric.Accuracy, Ids(1)));

        Assert.Equal(new SubmissionError(1, "b0002-000000", SubmissionField.Prediction, "unknown label '2'; the labels are 0, 1"), error);
    }

    [Theory]
    [InlineData("1.5", "probability 1.5 is outside [0, 1]")]
    [InlineData("\"0.5\"", "probability must be a number between 0 and 1, got a string")]
    [InlineData("1e999", "probability must be a number between 0 and 1, got '1e999'")]
    public async Task Read_BadProbability_IsAProbabilityError(string value, string message)
    {
        var body = $$"""{"predictions": [{"id": "b0002-000000", "prediction": "yes", "probability": {{value}}}]}""";

        var error = Single(await JsonAsync(body, Churn, Metric.LogLoss, Ids(1)));

        Assert.Equal(new SubmissionError(1, "b0002-000000", SubmissionField.Probability, message), error);
    }

    [Fact]
    public async Task Read_ProbabilityOnSomeRowsOnly_NamesTheRowsThatDiffer()
    {
        const string body = """
            {"predictions": [
              {"id": "b0002-000000", "prediction": "yes", "probability": 0.8},
              {"id": "b0002-000001", "prediction": "no"},
              {"id": "b0002-000002", "prediction": "no", "probability": 0.1}
            ]}
            """;

        var error = Single(await JsonAsync(body, Churn, Metric.RocAuc, Ids(3)));

        Assert.Equal(new SubmissionError(2, "b0002-000001", SubmissionField.Probability, "probability is missing; row 1 has one: give it on every row or on none"), error);
    }

    [Fact]
    public async Task Read_ProbabilityAfterRowsWithout_NamesTheRow()
    {
        const string body = """{"predictions": [{"id": "b0002-000000", "prediction": "yes"}, {"id": "b0002-000001", "prediction": "no", "probability": 0.1}]}""";

        var error = Single(await JsonAsync(body, Churn, Metric.RocAuc, Ids(2)));

        Assert.Equal(new SubmissionError(2, "b0002-000001", SubmissionField.Probability, "probability given here but not on row 1: give it on every row or on none"), error);
    }

    [Fact]
    public async Task Read_ProbabilityForARegressionTask_IsReportedOnce()
    {
        const string body = """{"predictions": [{"id": "b0002-000000", "prediction": 1, "probability": 0.5}, {"id": "b0002-000001", "prediction": 2, "probability": 0.5}]}""";

        var error = Single(await JsonAsync(body, Fare, Metric.Rmse, Ids(2)));

        Assert.Equal(new SubmissionError(1, "b0002-000000", SubmissionField.Probability, "probability is only for classification tasks; this one predicts a number: remove it"), error);
    }

    [Fact]
    public async Task Read_LogLossWithoutProbabilities_SaysTheProbabilityIsRequired()
    {
        var error = Single(await JsonAsync("""{"predictions": [{"id": "b0002-000000", "prediction": "yes"}]}""", Churn, Metric.LogLoss, Ids(1)));

        Assert.Equal(
            new SubmissionError(null, null, SubmissionField.Probability, "the probability column is required: logLoss scores the probability of 'yes'; add \"probability\" to every prediction"),
            error);
    }

    [Fact]
    public async Task Read_FieldGivenTwice_IsARowError()
    {
        var error = Single(await JsonAsync("""{"predictions": [{"id": "b0002-000000", "prediction": "yes", "prediction": "no"}]}""", Churn, Metric.Accuracy, Ids(1)));

        Assert.Equal(new SubmissionError(1, null, SubmissionField.Row, "\"prediction\" is given twice"), error);
    }

    [Fact]
    public async Task Read_UnknownTopLevelField_IsABodyErrorButTheRowsAreRead()
    {
        const string body = """{"modle": {"version": [3]}, "predictions": [{"id": "b0002-000000", "prediction": "maybe"}]}""";

        var result = await JsonAsync(body, Churn, Metric.Accuracy, Ids(1));

        Assert.Equal(
            [
                new SubmissionError(null, null, SubmissionField.Body, "unknown field 'modle': the body has \"predictions\" and optionally \"model\""),
                new SubmissionError(1, "b0002-000000", SubmissionField.Prediction, "unknown label 'maybe'; the labels are no, yes"),
            ],
            result.Errors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1 << 20)]
    public async Task Read_ModelBeforeOrAfterThePredictions_ReadWholeEvenInPieces(int piece)
    {
        const string before = """{"model": {"version": "v4", "trainedThrough": 12, "digest": "sha256:9f2c"}, "predictions": [{"id": "b0002-000000", "prediction": "yes"}]}""";
        const string after = """{"predictions": [{"id": "b0002-000000", "prediction": "yes"}], "model": {"trainedThrough": 0, "version": "baseline"}}""";

        var first = await ReadAsync(before, SubmissionFormat.Json, Churn, Metric.Accuracy, Ids(1), piece);
        var second = await ReadAsync(after, SubmissionFormat.Json, Churn, Metric.Accuracy, Ids(1), piece);

        Assert.Equal([1], Valid(first).Predictions);
        Assert.Equal(new ModelClaim("v4", 12, "sha256:9f2c"), first.Model);
        Assert.Equal(new ModelClaim("baseline", 0, null), second.Model);
    }

    [Fact]
    public async Task Read_NoModel_NoneAndTheRowsAsBefore()
    {
        var result = await JsonAsync("""{"predictions": [{"id": "b0002-000000", "prediction": "yes"}], "model": null}""", Churn, Metric.Accuracy, Ids(1));

        Assert.Equal([1], Valid(result).Predictions);
        Assert.Null(result.Model);
    }

    [Fact]
    public async Task Read_BadModel_EachFieldNamedBesideTheRowErrors_NothingTaken()
    {
        const string body = """{"model": {"version": "v4", "trainedThrough": "12", "digest": 7}, "predictions": [{"id": "b0002-000000", "prediction": "maybe"}]}""";

        var result = await JsonAsync(body, Churn, Metric.Accuracy, Ids(1));

        Assert.Equal(
            [
                new SubmissionError(null, null, SubmissionField.ModelTrainedThrough,
                    "model.trainedThrough must be a whole number from 0 to 2147483647 (the last release seq the model was trained on), got a string"),
                new SubmissionError(null, null, SubmissionField.ModelDigest, "model.digest must be a string, got a number"),
                new SubmissionError(1, "b0002-000000", SubmissionField.Prediction, "unknown label 'maybe'; the labels are no, yes"),
            ],
            result.Errors);
        Assert.Null(result.Model);
    }

    [Fact]
    public async Task Read_ModelGivenTwice_IsAModelError()
    {
        const string body = """{"model": {"version": "v1", "trainedThrough": 1}, "predictions": [{"id": "b0002-000000", "prediction": "yes"}], "model": {"version": "v2", "trainedThrough": 2}}""";

        var error = Single(await JsonAsync(body, Churn, Metric.Accuracy, Ids(1)));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Model, "\"model\" is given twice"), error);
    }

    [Fact]
    public async Task Read_ModelOverFourKilobytes_AModelError_WhateverThePieces()
    {
        var body = $$$"""{"predictions": [{"id": "b0002-000000", "prediction": "yes"}], "model": {"version": "{{{new string('v', 70_000)}}}", "trainedThrough": 1}}""";

        var whole = Single(await JsonAsync(body, Churn, Metric.Accuracy, Ids(1)));
        var trickled = Single(await ReadAsync(body, SubmissionFormat.Json, Churn, Metric.Accuracy, Ids(1), piece: 7));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Model, "model is longer than 4096 bytes"), whole);
        Assert.Equal(whole, trickled);
    }

    [Fact]
    public async Task Read_TrailingContent_IsMalformed()
    {
        var error = Single(await JsonAsync("""{"predictions": [{"id": "b0002-000000", "prediction": "yes"}]} {}""", Churn, Metric.Accuracy, Ids(1)));

        Assert.Equal("malformed JSON at line 1, byte 64: '{' is invalid after a single JSON value. Expected end of data.", error.Message);
    }
}
