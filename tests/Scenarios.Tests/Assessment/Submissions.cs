using System.Text;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Assessment;

/// <summary>Small targets and batches to read submissions against, and a way to read one.</summary>
internal static class Submissions
{
    public static readonly ScenarioTarget Churn = new("churned_30d", ScenarioTask.Binary, "Cancelled within 30 days.", null, 0, ["no", "yes"]);

    public static readonly ScenarioTarget Fare = new("fare_usd", ScenarioTask.Regression, "Metered fare.", "USD", 2, []);

    public static readonly ScenarioTarget Failure = new("failure_mode", ScenarioTask.Multiclass, "How it failed.", null, 0, ["none", "wear", "heat"]);

    /// <summary>b0002-000000 to b0002-{count - 1}.</summary>
    public static BatchIds Ids(int count = 5) => BatchIds.From(Enumerable.Range(0, count).Select(i => new RowId(RowId.Batch, 2, i)));

    public static async Task<SubmissionReadResult> ReadAsync(
        string body,
        SubmissionFormat format,
        ScenarioTarget target,
        Metric metric,
        BatchIds? ids = null,
        int piece = int.MaxValue)
    {
        var reader = new SubmissionReader(ids ?? Ids(), target, metric);
        return await reader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(body), piece), format, TestContext.Current.CancellationToken);
    }

    public static Task<SubmissionReadResult> CsvAsync(string body, ScenarioTarget target, Metric metric, BatchIds? ids = null) =>
        ReadAsync(body, SubmissionFormat.Csv, target, metric, ids);

    public static Task<SubmissionReadResult> JsonAsync(string body, ScenarioTarget target, Metric metric, BatchIds? ids = null) =>
        ReadAsync(body, SubmissionFormat.Json, target, metric, ids);

    /// <summary>A CSV body with a row per id of <see cref="Ids"/>, each given <paramref name="row"/>'s text.</summary>
    public static string Csv(string header, Func<int, string> row, int count = 5) =>
        header + "\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"b0002-{i:D6},{row(i)}\n"));

    public static BatchPredictions Valid(SubmissionReadResult result)
    {
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Predictions!;
    }

    public static SubmissionError Single(SubmissionReadResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }
}
