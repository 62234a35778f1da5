using PPipe.Grains.Client.Datasets;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>A store that stops answering at its <c>failingAppend</c>-th chunk, as PostgreSQL going away mid-upload; discarding still works.</summary>
internal sealed class StoreFailingOnAppend(IDatasetStore inner, int failingAppend) : IDatasetStore
{
    public const string Message = "The dataset store did not answer.";

    private int _appends;

    public Task<Guid> BeginAsync(string datasetId, CancellationToken cancellationToken) => inner.BeginAsync(datasetId, cancellationToken);

    public Task AppendAsync(Guid upload, DatasetChunk chunk, CancellationToken cancellationToken) =>
        ++_appends == failingAppend ? throw new TimeoutException(Message) : inner.AppendAsync(upload, chunk, cancellationToken);

    public Task SealAsync(Guid upload, CancellationToken cancellationToken) => inner.SealAsync(upload, cancellationToken);

    public Task DiscardAsync(Guid upload, CancellationToken cancellationToken) => inner.DiscardAsync(upload, cancellationToken);

    public IAsyncEnumerable<DatasetChunk> ReadAsync(Guid upload, long fromRow, CancellationToken cancellationToken) =>
        inner.ReadAsync(upload, fromRow, cancellationToken);

    public Task<DatasetStorageUsage> UsageAsync(string datasetId, CancellationToken cancellationToken) => inner.UsageAsync(datasetId, cancellationToken);
}
