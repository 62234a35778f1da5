namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Where datasets' rows live, as chunks of re-encoded CSV rows (no header) under an upload's key: in the process's memory
/// in embedded mode, in PostgreSQL in cluster mode. An upload is staged until sealed; a staged upload is invisible to
/// everything but its writer and is discarded on failure, or swept once it is older than <see cref="StaleAfter"/>.
/// </summary>
public interface IDatasetStore
{
    /// <summary>How old an unsealed upload must be before the next upload sweeps it (its writer is then surely gone).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);

    /// <summary>Starts staging an upload for <paramref name="datasetId"/>, sweeping stale ones first, and returns its key.</summary>
    Task<Guid> BeginAsync(string datasetId, CancellationToken cancellationToken);

    /// <summary>Adds the next chunk of a staged upload.</summary>
    Task AppendAsync(Guid upload, DatasetChunk chunk, CancellationToken cancellationToken);

    /// <summary>Marks a staged upload complete: from now on it is kept until a dataset version refers to it.</summary>
    Task SealAsync(Guid upload, CancellationToken cancellationToken);

    /// <summary>Removes an upload and every chunk of it; nothing happens when it does not exist.</summary>
    Task DiscardAsync(Guid upload, CancellationToken cancellationToken);

    /// <summary>The chunks of a sealed upload that hold rows from <paramref name="fromRow"/> (0-based) on, in order.</summary>
    /// <exception cref="InvalidOperationException">There is no such upload (never stored, or discarded).</exception>
    IAsyncEnumerable<DatasetChunk> ReadAsync(Guid upload, long fromRow, CancellationToken cancellationToken);

    /// <summary>What is stored for <paramref name="datasetId"/>: uploads (staged and sealed) and their bytes.</summary>
    Task<DatasetStorageUsage> UsageAsync(string datasetId, CancellationToken cancellationToken);
}
