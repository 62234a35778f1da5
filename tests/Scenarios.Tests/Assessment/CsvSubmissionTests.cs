using System.Text;
using PPipe.Scenarios.Assessment;
using static PPipe.Scenarios.Tests.Assessment.Submissions;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class CsvSubmissionTests
{
    [Fact]
    public async Task Read_LabelsAndProbabilities_AlignsThemWithTheIds()
    {
        var body = Csv("id,prediction,probability", i => i % 2 == 0 ? $"yes,0.{i + 5}" : $"no,0.{i}");

        var predictions = Valid(await CsvAsync(body, Churn, Metric.LogLoss));

        Assert.Equal([1, 0, 1, 0, 1], predictions.Predictions);
        Assert.Equal([0.5, 0.1, 0.7, 0.3, 0.9], predictions.Probabilities!);
    }

    [Fact]
    public async Task Read_RegressionValues_ParsesInvariantNumbers()
    {
        var body = Csv("id,prediction", i => i switch { 0 => "12.5", 1 => "-3", 2 => "1e2", 3 => " 7.25 ", _ => "0" });

        var predictions = Valid(await CsvAsync(body, Fare, Metric.Rmse));

        Assert.Equal([12.5, -3, 100, 7.25, 0], predictions.Predictions);
        Assert.Null(predictions.Probabilities);
    }

    [Fact]
    public async Task Read_IdsInAnyOrder_PutsEachPredictionAtItsIdsPosition()
    {
        const string body = "id,prediction\nb0002-000003,3\nb0002-000000,0\nb0002-000004,4\nb0002-000002,2\nb0002-000001,1\n";

        var predictions = Valid(await CsvAsync(body, Fare, Metric.Mae));

        Assert.Equal([0, 1, 2, 3, 4], predictions.Predictions);
    }

    [Fact]
    public async Task Read_IdsNotInSequence_UsesTheirBatchOrder()
    {
        var ids = BatchIds.From([new('b', 2, 7), new('b', 2, 3), new('b', 2, 7), new('b', 2, 5)]);

        var predictions = Valid(await CsvAsync("id,prediction\nb0002-000005,5\nb0002-000007,7\nb0002-000003,3\n", Fare, Metric.Mae, ids));

        Assert.Equal(3, ids.Count);
        Assert.Equal([7, 3, 5], predictions.Predictions);
    }

    [Fact]
    public async Task Read_ByteOrderMarkCrLfAndTrailingBlankLines_AreAccepted()
    {
        var body = "\uFEFF" + Csv("id,prediction", i => i % 2 == 0 ? "yes" : "no").Replace("\n", "\r\n") + "\r\n\r\n";

        var predictions = Valid(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal([1, 0, 1, 0, 1], predictions.Predictions);
    }

    [Fact]
    public async Task Read_NoNewlineAfterTheLastRow_ReadsTheLastRow()
    {
        var body = Csv("id,prediction", i => $"{i}").TrimEnd('\n');

        var predictions = Valid(await CsvAsync(body, Fare, Metric.Mae));

        Assert.Equal([0, 1, 2, 3, 4], predictions.Predictions);
    }

    [Fact]
    public async Task Read_QuotedFields_AreUnquoted()
    {
        var body = "\"id\",\"prediction\",\"probability\"\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"\"b0002-{i:D6}\", \"yes\" ,\"0.75\"\n"));

        var predictions = Valid(await CsvAsync(body, Churn, Metric.RocAuc));

        Assert.Equal([1, 1, 1, 1, 1], predictions.Predictions);
        Assert.Equal([0.75, 0.75, 0.75, 0.75, 0.75], predictions.Probabilities!);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Read_BodyArrivingInPieces_GivesTheSameResult(int piece)
    {
        var body = "\uFEFF" + Csv("id,prediction,probability", i => i == 2 ? "\"maybe\nnot\",0.5" : $"yes,0.{i}").Replace("\n", "\r\n");

        var result = await ReadAsync(body, SubmissionFormat.Csv, Churn, Metric.RocAuc, piece: piece);

        var error = Single(result);
        Assert.Equal(new SubmissionError(3, "b0002-000002", SubmissionField.Prediction, "unknown label 'maybe\r\nnot'; the labels are no, yes"), error);
    }

    [Fact]
    public async Task Read_RocAucWithoutProbabilities_IsValid()
    {
        var predictions = Valid(await CsvAsync(Csv("id,prediction", _ => "yes"), Churn, Metric.RocAuc));

        Assert.Null(predictions.Probabilities);
    }

    [Fact]
    public async Task Read_MulticlassWithProbabilities_ChecksAndKeepsThem()
    {
        var predictions = Valid(await CsvAsync(Csv("id,prediction,probability", _ => "heat,0.6"), Failure, Metric.MacroF1));

        Assert.Equal([2, 2, 2, 2, 2], predictions.Predictions);
        Assert.Equal([0.6, 0.6, 0.6, 0.6, 0.6], predictions.Probabilities!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\r\n  \n")]
    public async Task Read_EmptyBody_IsOneBodyError(string body)
    {
        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Body, "the body is empty: expected a header line id,prediction[,probability] and one row per id"), error);
    }

    [Theory]
    [InlineData("id,pred", "expected columns id,prediction[,probability], got id,pred")]
    [InlineData("prediction,id", "expected columns id,prediction[,probability], got prediction,id")]
    [InlineData("id,prediction,probability,notes", "expected columns id,prediction[,probability], got id,prediction,probability,notes")]
    [InlineData("ID,Prediction", "expected columns id,prediction[,probability], got ID,Prediction")]
    [InlineData("b0002-000000,yes", "expected columns id,prediction[,probability], got b0002-000000,yes; the first line must be the header")]
    [InlineData("{\"predictions\": []}", "expected columns id,prediction[,probability], got {\"predictions\": []}; this looks like JSON: send it as application/json")]
    public async Task Read_WrongHeader_SaysWhatWasExpectedAndStops(string header, string message)
    {
        var error = Single(await CsvAsync(header + "\nb0002-000000,yes\n", Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Header, message), error);
    }

    [Fact]
    public async Task Read_WrongColumnCount_NamesTheRowAndTheExpectedColumns()
    {
        var body = Csv("id,prediction", i => i switch { 1 => "yes,0.3", 3 => "", _ => "no" }).Replace("b0002-000003,", "b0002-000003");

        var result = await CsvAsync(body, Churn, Metric.Accuracy);

        Assert.Equal(
            [
                new SubmissionError(2, "b0002-000001", SubmissionField.Row, "expected 2 columns (id,prediction), got 3"),
                new SubmissionError(4, "b0002-000003", SubmissionField.Row, "expected 2 columns (id,prediction), got 1"),
            ],
            result.Errors);
    }

    [Fact]
    public async Task Read_TextAfterAClosingQuote_IsARowError()
    {
        var body = Csv("id,prediction", i => i == 0 ? "\"yes\"x" : "no");

        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(1, "b0002-000000", SubmissionField.Row, "column 2: a closing quote must be followed by a comma or the end of the line"), error);
    }

    [Fact]
    public async Task Read_QuoteNeverClosed_StopsAtItsRow()
    {
        var body = Csv("id,prediction", i => i == 3 ? "\"yes" : "no");

        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(4, null, SubmissionField.Row, "a quoted field starting on this row is never closed"), error);
    }

    [Fact]
    public async Task Read_RowLongerThanTheBuffer_StopsAtItsRow()
    {
        var body = Csv("id,prediction", i => i == 1 ? new string('x', 70_000) : "no");

        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(2, null, SubmissionField.Row, "row is longer than 65,536 bytes; lines must end with \\n or \\r\\n"), error);
    }

    [Theory]
    [InlineData("b0002-000009", "unknown id 'b0002-000009': not a row of this batch (its ids run from b0002-000000 to b0002-000004)")]
    [InlineData("b0003-000001", "unknown id 'b0003-000001': it is a row of batch 3, not of batch 2")]
    [InlineData("b2-1", "unknown id 'b2-1': ids look like b0002-000000")]
    [InlineData("B0002-000001", "unknown id 'B0002-000001': ids look like b0002-000000")]
    public async Task Read_UnknownId_NamesItAndWhatIdsLookLike(string id, string message)
    {
        var body = Csv("id,prediction", _ => "no") + $"{id},yes\n";

        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(6, id, SubmissionField.Id, message), error);
    }

    [Fact]
    public async Task Read_EmptyId_IsAnIdError()
    {
        var error = Single(await CsvAsync(Csv("id,prediction", _ => "no") + ",yes\n", Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(6, null, SubmissionField.Id, "id is empty"), error);
    }

    [Fact]
    public async Task Read_DuplicateId_NamesTheRowItFirstAppearedOn()
    {
        var body = Csv("id,prediction", _ => "no") + "b0002-000001,yes\n";

        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(6, "b0002-000001", SubmissionField.Id, "duplicate id: already given on row 2"), error);
    }

    [Fact]
    public async Task Read_MissingIds_IsOneErrorWithTheCountAndTheFirstIds()
    {
        var error = Single(await CsvAsync("id,prediction\nb0002-000002,no\n", Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Id, "4 ids have no prediction: b0002-000000, b0002-000001, b0002-000003, b0002-000004"), error);
    }

    [Fact]
    public async Task Read_ManyMissingIds_ShowsTheFirstFive()
    {
        var error = Single(await CsvAsync("id,prediction\n", Churn, Metric.Accuracy, Ids(2000)));

        Assert.Equal(
            new SubmissionError(null, null, SubmissionField.Id, "2,000 of 2,000 ids have no prediction; the first 5: b0002-000000, b0002-000001, b0002-000002, b0002-000003, b0002-000004"),
            error);
    }

    [Fact]
    public async Task Read_OneMissingId_NamesIt()
    {
        var body = Csv("id,prediction", _ => "no", count: 4);

        var error = Single(await CsvAsync(body, Churn, Metric.Accuracy));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Id, "1 id has no prediction: b0002-000004"), error);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public async Task Read_NonFiniteNumber_IsAPredictionError(string value)
    {
        var error = Single(await CsvAsync(Csv("id,prediction", i => i == 2 ? value : "1.5"), Fare, Metric.Rmse));

        Assert.Equal(new SubmissionError(3, "b0002-000002", SubmissionField.Prediction, $"prediction must be a finite number, got '{value}'"), error);
    }

    [Theory]
    [InlineData("12,5", "expected 2 columns (id,prediction), got 3")]
    [InlineData("\"12,5\"", "prediction must be a number, got '12,5'")]
    [InlineData("twelve", "prediction must be a number, got 'twelve'")]
    [InlineData("", "prediction is empty")]
    public async Task Read_NotANumber_IsAnError(string value, string message)
    {
        var error = Single(await CsvAsync(Csv("id,prediction", i => i == 2 ? value : "1.5"), Fare, Metric.Rmse));

        Assert.Equal(message, error.Message);
        Assert.Equal(3, error.Row);
        Assert.Equal("b0002-000002", error.Id);
    }

    [Fact]
    public async Task Read_UnknownLabel_ListsTheValidLabels()
    {
        var error = Single(await CsvAsync(Csv("id,prediction", i => i == 4 ? "maybe" : "none"), Failure, Metric.Accuracy));

        Assert.Equal(new SubmissionError(5, "b0002-000004", SubmissionField.Prediction, "unknown label 'maybe'; the labels are none, wear, heat"), error);
    }

    [Fact]
    public async Task Read_LabelsAreCaseSensitive()
    {
        var error = Single(await CsvAsync(Csv("id,prediction", i => i == 0 ? "Yes" : "no"), Churn, Metric.Accuracy));

        Assert.Equal("unknown label 'Yes'; the labels are no, yes", error.Message);
    }

    [Theory]
    [InlineData("1.5", "probability 1.5 is outside [0, 1]")]
    [InlineData("-0.1", "probability -0.1 is outside [0, 1]")]
    [InlineData("high", "probability must be a number between 0 and 1, got 'high'")]
    [InlineData("NaN", "probability must be a number between 0 and 1, got 'NaN'")]
    [InlineData("", "probability must be a number between 0 and 1, got ''")]
    public async Task Read_BadProbability_IsAProbabilityError(string value, string message)
    {
        var error = Single(await CsvAsync(Csv("id,prediction,probability", i => i == 1 ? $"yes,{value}" : "no,0.2"), Churn, Metric.LogLoss));

        Assert.Equal(new SubmissionError(2, "b0002-000001", SubmissionField.Probability, message), error);
    }

    [Fact]
    public async Task Read_ProbabilityForARegressionTask_IsOneHeaderError()
    {
        var error = Single(await CsvAsync(Csv("id,prediction,probability", _ => "10.5,0.5"), Fare, Metric.Rmse));

        Assert.Equal(new SubmissionError(null, null, SubmissionField.Header, "probability is only for classification tasks; this one predicts a number: remove the probability column"), error);
    }

    [Fact]
    public async Task Read_LogLossWithoutProbabilities_SaysTheColumnIsRequired()
    {
        var error = Single(await CsvAsync(Csv("id,prediction", _ => "yes"), Churn, Metric.LogLoss));

        Assert.Equal(
            new SubmissionError(null, null, SubmissionField.Probability, "the probability column is required: logLoss scores the probability of 'yes'; add a probability column (header id,prediction,probability)"),
            error);
    }

    [Fact]
    public async Task Read_BlankLineInTheMiddle_IsSkippedButCounted()
    {
        var body = "id,prediction\nb0002-000000,no\n\nb0002-000001,maybe\n";

        var result = await CsvAsync(body, Churn, Metric.Accuracy, Ids(2));

        Assert.Equal(new SubmissionError(3, "b0002-000001", SubmissionField.Prediction, "unknown label 'maybe'; the labels are no, yes"), Single(result));
    }

    [Fact]
    public async Task Read_ManyErrors_ListsTheFirstHundredAndCountsAll()
    {
        var body = Csv("id,prediction", i => "maybe", count: 300);

        var result = await CsvAsync(body, Churn, Metric.Accuracy, Ids(300));

        Assert.Equal(300, result.ErrorCount);
        Assert.Equal(SubmissionReader.DefaultMaxErrors, result.Errors.Count);
        Assert.Equal(100, result.Errors[^1].Row);
    }

    [Fact]
    public async Task Read_NotUtf8Text_ShowsTheTextWithReplacementCharacters()
    {
        var bytes = Encoding.UTF8.GetBytes("id,prediction\nb0002-000000,").Concat(new byte[] { 0xFF, 0xFE }).Concat("\n"u8.ToArray()).ToArray();
        var reader = new SubmissionReader(Ids(1), Churn, Metric.Accuracy);

        var result = await reader.ReadAsync(new MemoryStream(bytes), SubmissionFormat.Csv, TestContext.Current.CancellationToken);

        Assert.Equal("unknown label '\uFFFD\uFFFD'; the labels are no, yes", Single(result).Message);
    }
}
