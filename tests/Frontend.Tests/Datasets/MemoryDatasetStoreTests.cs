using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Client.Datasets;
using PPipe.Hosting.Datasets;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>Embedded mode's dataset store: an upload it does not hold is an error, and abandoned staged uploads are swept once stale while sealed ones are kept.</summary>
public sealed class MemoryDatasetStoreTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_UnknownOrDiscardedUpload_ThrowsNamingIt_PastTheLastRowIsEmpty()
    {
        var store = new MemoryDatasetStore(TimeProvider.System);
        var upload = await store.BeginAsync("d", Ct);
        await store.AppendAsync(upload, new DatasetChunk(0, 0, 1, new byte[] { 49, 10 }), Ct);
        await store.SealAsync(upload, Ct);

        var past = await ReadAllAsync(store, upload, 1);
        await store.DiscardAsync(upload, Ct);
        var discarded = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(store, upload, 0));

        Assert.Empty(past);
        Assert.Contains(upload.ToString(), discarded.Message, StringComparison.Ordinal);
    }

    private static async Task<List<DatasetChunk>> ReadAllAsync(MemoryDatasetStore store, Guid upload, long fromRow)
    {
        var chunks = new List<DatasetChunk>();
        await foreach (var chunk in store.ReadAsync(upload, fromRow, Ct))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task Begin_AfterStaleAfter_SweepsAbandonedStagedUploadsButKeepsSealedOnes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new MemoryDatasetStore(time);
        var abandoned = await store.BeginAsync("d", Ct);
        await store.AppendAsync(abandoned, new DatasetChunk(0, 0, 1, new byte[] { 49, 10 }), Ct);
        var kept = await store.BeginAsync("d", Ct);
        await store.AppendAsync(kept, new DatasetChunk(0, 0, 1, new byte[] { 50, 10 }), Ct);
        await store.SealAsync(kept, Ct);

        time.Advance(IDatasetStore.StaleAfter - TimeSpan.FromMinutes(1));
        await store.BeginAsync("d", Ct);
        var before = await store.UsageAsync("d", Ct);
        time.Advance(TimeSpan.FromMinutes(2));
        await store.BeginAsync("e", Ct);
        var after = await store.UsageAsync("d", Ct);

        Assert.Equal(new DatasetStorageUsage(3, 1, 4), before);
        Assert.Equal(new DatasetStorageUsage(2, 1, 2), after);
    }
}
