using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace PPipe.Hosting;

/// <summary>
/// Grain state for the embedded platform, held in this process as the serializer's bytes. It replaces Orleans'
/// memory provider there, which routes every read and write through storage grains, keys each record by a long
/// composed string and keeps a state object around each payload: with three records per enrollment that is most of
/// the storage's memory. Here a record is its bytes and its ETag, keyed by state name and grain id, and writes are
/// checked against the ETag the grain last read or wrote, as a database provider checks them.
/// </summary>
public sealed class EmbeddedGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), (byte[] Data, string ETag)> _records = new();
    private long _version;

    /// <summary>How many records are stored (for tests and diagnostics).</summary>
    public int Count => _records.Count;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(record.Data));
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized before the swap, so a state that cannot be serialized leaves the stored record as it was.
        var written = (serializer.Serialize(grainState.State).ToArray(), NextETag());
        Swap(stateName, grainId, grainState.ETag, written);
        grainState.ETag = written.Item2;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Swap(stateName, grainId, grainState.ETag, null);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    /// <summary>Replaces (or, with <paramref name="next"/> null, removes) the record the grain holds <paramref name="expectedETag"/> of.</summary>
    private void Swap(string stateName, GrainId grainId, string? expectedETag, (byte[] Data, string ETag)? next)
    {
        var key = (stateName, grainId);
        while (true)
        {
            if (_records.TryGetValue(key, out var current))
            {
                if (current.ETag != expectedETag)
                {
                    throw Conflict(stateName, grainId, current.ETag, expectedETag);
                }

                var swapped = next is { } replacement
                    ? _records.TryUpdate(key, replacement, current)
                    : _records.TryRemove(new KeyValuePair<(string, GrainId), (byte[], string)>(key, current));
                if (swapped)
                {
                    return;
                }
            }
            else
            {
                if (expectedETag is not null)
                {
                    throw Conflict(stateName, grainId, storedETag: null, expectedETag);
                }

                if (next is not { } added || _records.TryAdd(key, added))
                {
                    return;
                }
            }
        }
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? storedETag, string? expectedETag) => new(
        $"The '{stateName}' state of {grainId} was changed by another writer (stored ETag '{storedETag ?? "none"}', the grain had '{expectedETag ?? "none"}').",
        storedETag ?? "",
        expectedETag ?? "");
}
