using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Assessment;

[Collection(ClusterCollection.Name)]
public sealed class BatchSubmissionGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetCounted_NothingStored_Null()
    {
        var batch = NewBatch();

        var counted = await batch.GetCountedAsync();

        Assert.Null(counted);
    }

    [Fact]
    public async Task GetCounted_OnTimeThenLate_TheOnTimeOneCounts()
    {
        var batch = NewBatch();
        await batch.StoreAsync(Submission("sub-1", late: false, 1));

        await batch.StoreAsync(Submission("sub-2", late: true, 2));

        Assert.Equal("sub-1", (await batch.GetCountedAsync())?.SubmissionId);
    }

    [Fact]
    public async Task GetCounted_OnlyLate_TheLastLateOneCounts()
    {
        var batch = NewBatch();
        await batch.StoreAsync(Submission("sub-1", late: true, 1));

        await batch.StoreAsync(Submission("sub-2", late: true, 2));

        var counted = (await batch.GetCountedAsync())!;
        Assert.Equal("sub-2", counted.SubmissionId);
        Assert.True(counted.Late);
        Assert.Equal([2.0, 2.0, 2.0], counted.Predictions.Predictions);
    }

    [Fact]
    public async Task GetCounted_TwoOnTime_TheLastOnTimeOneCounts()
    {
        var batch = NewBatch();
        await batch.StoreAsync(Submission("sub-1", late: false, 1));

        await batch.StoreAsync(Submission("sub-2", late: false, 2));

        Assert.Equal("sub-2", (await batch.GetCountedAsync())?.SubmissionId);
    }

    [Fact]
    public async Task Submissions_AfterDeactivation_ReadBackFromStorage()
    {
        var batch = NewBatch();
        await batch.StoreAsync(Submission("sub-1", late: false, 7));

        await fixture.Cluster.DeactivateAsync(batch);
        var counted = (await batch.GetCountedAsync())!;

        Assert.Equal(("sub-1", At, false), (counted.SubmissionId, counted.ReceivedAt, counted.Late));
        Assert.Equal([7.0, 7.0, 7.0], counted.Predictions.Predictions);
        Assert.Equal([0.5, 0.5, 0.5], counted.Predictions.Probabilities!);
    }

    private IBatchSubmissionGrain NewBatch() => fixture.Client.GetGrain<IBatchSubmissionGrain>($"c-{Guid.NewGuid():N}/ada/1");

    private static StoredSubmission Submission(string id, bool late, double value) =>
        new(id, At, late, new BatchSubmission([value, value, value], [0.5, 0.5, 0.5]));
}
