using System.Runtime.CompilerServices;
using PPipe.Grains.Client.Datasets;

namespace PPipe.Datasets.Bench;

/// <summary>A dataset store that keeps nothing and counts what it was given, so the bench times the ingestion alone.</summary>
internal sealed class CountingStore : IDatasetStore
{
    public long Bytes { get; private set; }

    public long Rows { get; private set; }

    public Task<Guid> BeginAsync(string datasetId, CancellationToken cancellationToken)
    {
        Bytes = 0;
        Rows = 0;
        return Task.FromResult(Guid.NewGuid());
    }

    public Task AppendAsync(Guid upload, DatasetChunk chunk, CancellationToken cancellationToken)
    {
        Bytes += chunk.Data.Length;
        Rows += chunk.Rows;
        return Task.CompletedTask;
    }

    public Task SealAsync(Guid upload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DiscardAsync(Guid upload, CancellationToken cancellationToken) => Task.CompletedTask;

    public async IAsyncEnumerable<DatasetChunk> ReadAsync(Guid upload, long fromRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<DatasetStorageUsage> UsageAsync(string datasetId, CancellationToken cancellationToken) =>
        Task.FromResult(new DatasetStorageUsage(0, 0, Bytes));
}
