using System.Text.Json;
using PPipe.Scenarios.Assessment;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class ModelClaimTests
{
    [Fact]
    public void Read_JsonWithEveryField_TakesThem()
    {
        var (claim, problems) = Json("""{"version": "v4", "trainedThrough": 12, "digest": "sha256:9f2c"}""");

        Assert.Equal(new ModelClaim("v4", 12, "sha256:9f2c"), claim);
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_JsonNull_NoModelAndNoProblem()
    {
        var (claim, problems) = Json("null");

        Assert.Null(claim);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("""{"trainedThrough": 3}""", SubmissionField.ModelVersion, "model.version is missing: name the model, e.g. \"v4\"")]
    [InlineData("""{"version": 4, "trainedThrough": 3}""", SubmissionField.ModelVersion, "model.version must be a string, got a number")]
    [InlineData("""{"version": " ", "trainedThrough": 3}""", SubmissionField.ModelVersion, "model.version is empty: name the model, e.g. \"v4\"")]
    [InlineData("""{"version": "v\n4", "trainedThrough": 3}""", SubmissionField.ModelVersion, "model.version may not hold control characters (line breaks, tabs)")]
    [InlineData("""{"version": "v4"}""", SubmissionField.ModelTrainedThrough, "model.trainedThrough is missing: give the last release seq the model was trained on")]
    [InlineData("""{"version": "v4", "trainedThrough": -1}""", SubmissionField.ModelTrainedThrough,
        "model.trainedThrough must be a whole number from 0 to 2147483647 (the last release seq the model was trained on), got -1")]
    [InlineData("""{"version": "v4", "trainedThrough": 2.5}""", SubmissionField.ModelTrainedThrough,
        "model.trainedThrough must be a whole number from 0 to 2147483647 (the last release seq the model was trained on), got 2.5")]
    [InlineData("""{"version": "v4", "trainedThrough": 1e30}""", SubmissionField.ModelTrainedThrough,
        "model.trainedThrough must be a whole number from 0 to 2147483647 (the last release seq the model was trained on), got 1e30")]
    [InlineData("""{"version": "v4", "trainedThrough": 3, "digest": ""}""", SubmissionField.ModelDigest,
        "model.digest has 0 characters; give 1 to 128 (e.g. the sha256 of the model file), or leave it out")]
    [InlineData("""{"version": "v4", "trainedThrough": 3, "digest": ["a"]}""", SubmissionField.ModelDigest, "model.digest must be a string, got an array")]
    [InlineData("""{"version": "v4", "trainedThrough": 3, "framework": "sklearn"}""", SubmissionField.Model,
        "unknown field 'framework': model has \"version\", \"trainedThrough\" and optionally \"digest\"")]
    [InlineData("""{"version": "v4", "version": "v5", "trainedThrough": 3}""", SubmissionField.ModelVersion, "model.version is given twice")]
    [InlineData("\"v4\"", SubmissionField.Model, "model must be an object {\"version\": ..., \"trainedThrough\": ...}, got a string")]
    public void Read_JsonWithOneBadField_NamesItAndTakesNothing(string json, SubmissionField field, string message)
    {
        var (claim, problems) = Json(json);

        Assert.Null(claim);
        Assert.Equal([new SubmissionError(null, null, field, message)], problems);
    }

    [Fact]
    public void Read_AbsurdSizes_NamedWithTheirLength()
    {
        var (claim, problems) = Json($$$"""{"version": "{{{new string('v', 65)}}}", "trainedThrough": 3, "digest": "{{{new string('f', 129)}}}"}""");

        Assert.Null(claim);
        Assert.Equal(
            [
                new SubmissionError(null, null, SubmissionField.ModelVersion, "model.version has 65 characters; at most 64 are taken"),
                new SubmissionError(null, null, SubmissionField.ModelDigest, "model.digest has 129 characters; give 1 to 128 (e.g. the sha256 of the model file), or leave it out"),
            ],
            problems);
    }

    [Fact]
    public void Read_LongestVersionAndDigest_Taken()
    {
        var (claim, _) = Json($$$"""{"version": "{{{new string('v', 64)}}}", "trainedThrough": 2147483647, "digest": "{{{new string('f', 128)}}}"}""");

        Assert.Equal((64, int.MaxValue, 128), (claim?.Version.Length, claim?.TrainedThrough, claim?.Digest?.Length));
    }

    [Fact]
    public void Read_TextFormAllAbsent_NoModelAndNoProblem()
    {
        var problems = new List<SubmissionError>();

        Assert.Null(ModelClaim.Read(null, null, null, problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_TextForm_TakesTheSameRules()
    {
        var problems = new List<SubmissionError>();

        var valid = ModelClaim.Read("v4", "12", null, problems);
        var bad = ModelClaim.Read(null, "12x", "abc", problems);

        Assert.Equal(new ModelClaim("v4", 12, null), valid);
        Assert.Null(bad);
        Assert.Equal(
            [
                new SubmissionError(null, null, SubmissionField.ModelVersion, "model.version is missing: name the model, e.g. v4"),
                new SubmissionError(null, null, SubmissionField.ModelTrainedThrough,
                    "model.trainedThrough must be a whole number from 0 to 2147483647 (the last release seq the model was trained on), got '12x'"),
            ],
            problems);
    }

    private static (ModelClaim? Claim, List<SubmissionError> Problems) Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        var problems = new List<SubmissionError>();
        return (ModelClaim.Read(document.RootElement, problems), problems);
    }
}
