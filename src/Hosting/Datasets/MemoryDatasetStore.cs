using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PPipe.Grains.Client.Datasets;

namespace PPipe.Hosting.Datasets;

/// <summary>Embedded mode's dataset store: chunks in this process's memory, gone when it stops (as all embedded state).</summary>
public sealed class MemoryDatasetStore(TimeProvider time) : IDatasetStore
{
    private readonly ConcurrentDictionary<Guid, Upload> _uploads = new();

    public Task<Guid> BeginAsync(string datasetId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, stale) in _uploads)
        {
            if (!stale.Sealed && now - stale.StartedAt > IDatasetStore.StaleAfter)
            {
                _uploads.TryRemove(key, out _);
            }
        }

        var upload = Guid.NewGuid();
        _uploads[upload] = new Upload(datasetId, now);
        return Task.FromResult(upload);
    }

    public Task AppendAsync(Guid upload, DatasetChunk chunk, CancellationToken cancellationToken)
    {
        var staged = Find(upload);
        lock (staged)
        {
            staged.Chunks.Add(chunk with { Data = chunk.Data.ToArray() });
        }

        return Task.CompletedTask;
    }

    public Task SealAsync(Guid upload, CancellationToken cancellationToken)
    {
        Find(upload).Sealed = true;
        return Task.CompletedTask;
    }

    public Task DiscardAsync(Guid upload, CancellationToken cancellationToken)
    {
        _uploads.TryRemove(upload, out _);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<DatasetChunk> ReadAsync(Guid upload, long fromRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var stored = Find(upload);
        foreach (var chunk in stored.Chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (chunk.FirstRow + chunk.Rows > fromRow)
            {
                yield return chunk;
            }
        }
    }

    public Task<DatasetStorageUsage> UsageAsync(string datasetId, CancellationToken cancellationToken)
    {
        var mine = _uploads.Values.Where(u => u.DatasetId == datasetId).ToList();
        return Task.FromResult(new DatasetStorageUsage(mine.Count, mine.Count(u => u.Sealed),
            mine.Sum(u => { lock (u) { return u.Chunks.Sum(c => (long)c.Data.Length); } })));
    }

    private Upload Find(Guid upload) =>
        _uploads.TryGetValue(upload, out var found) ? found : throw new InvalidOperationException($"There is no upload {upload} in the dataset store.");

    private sealed class Upload(string datasetId, DateTimeOffset startedAt)
    {
        public string DatasetId { get; } = datasetId;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public bool Sealed { get; set; }
        public List<DatasetChunk> Chunks { get; } = [];
    }
}
