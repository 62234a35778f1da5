using System.IO.Pipelines;
using System.Text;
using PPipe.Scenarios.Assessment;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class SubmissionReaderTests
{
    [Theory]
    [InlineData("text/csv", true, SubmissionFormat.Csv)]
    [InlineData("text/csv; charset=utf-8", true, SubmissionFormat.Csv)]
    [InlineData("TEXT/CSV; charset=\"UTF-8\"", true, SubmissionFormat.Csv)]
    [InlineData("application/json", true, SubmissionFormat.Json)]
    [InlineData("application/json; charset=us-ascii", true, SubmissionFormat.Json)]
    [InlineData("text/csv; charset=iso-8859-1", false, SubmissionFormat.Csv)]
    [InlineData("text/plain", false, SubmissionFormat.Csv)]
    [InlineData("application/x-ndjson", false, SubmissionFormat.Csv)]
    [InlineData("", false, SubmissionFormat.Csv)]
    [InlineData(null, false, SubmissionFormat.Csv)]
    public void TryGetFormat_ContentType_RecognisesCsvAndJsonInUtf8(string? contentType, bool known, SubmissionFormat format)
    {
        Assert.Equal(known, SubmissionReader.TryGetFormat(contentType, out var found));
        Assert.Equal(format, found);
    }

    [Fact]
    public async Task ReadAsync_PipeReader_ReadsTheBody()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("id,prediction\nb0002-000000,yes\nb0002-000001,no\n"), TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();
        var reader = new SubmissionReader(Submissions.Ids(2), Submissions.Churn, Metric.Accuracy);

        var result = await reader.ReadAsync(pipe.Reader, SubmissionFormat.Csv, TestContext.Current.CancellationToken);

        Assert.Equal([1, 0], Submissions.Valid(result).Predictions);
    }

    [Fact]
    public async Task ReadAsync_SameReaderManyStudentsAtOnce_KeepsTheirSubmissionsApart()
    {
        var reader = new SubmissionReader(Submissions.Ids(500), Submissions.Fare, Metric.Mae);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(student => Task.Run(
            async () => await reader.ReadAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(Submissions.Csv("id,prediction", i => $"{student * 1000 + i}", 500))),
                SubmissionFormat.Csv,
                TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        for (var student = 0; student < results.Length; student++)
        {
            Assert.Equal(Enumerable.Range(0, 500).Select(i => (double)(student * 1000 + i)), Submissions.Valid(results[student]).Predictions);
        }
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        var reader = new SubmissionReader(Submissions.Ids(), Submissions.Churn, Metric.Accuracy);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("id,prediction\n")), SubmissionFormat.Csv, cancelled.Token));
    }

    [Fact]
    public void Constructor_MetricForAnotherTask_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SubmissionReader(Submissions.Ids(), Submissions.Fare, Metric.Accuracy));
    }
}
