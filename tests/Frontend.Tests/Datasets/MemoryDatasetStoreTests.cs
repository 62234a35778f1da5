using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Client.Datasets;
using PPipe.Hosting.Datasets;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>Embedded mode's dataset store: abandoned staged uploads are swept once stale; sealed ones are kept.</summary>
public sealed class MemoryDatasetStoreTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

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
