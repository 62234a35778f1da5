using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Client.Cohorts;

/// <summary>
/// A process's view of cohorts for the request path and for enrollment ticks: each cohort is read from its grain
/// at most once per <see cref="Freshness"/>, and one read at a time, so thousands of polling students, or thousands
/// of enrollments woken by the same release, cost one grain call a second. While a read is under way, callers get
/// the last known cohort if it is younger than <see cref="StaleLimit"/>; otherwise they wait for the read, so a
/// cohort nobody asked about for a while is never served as it was long ago (an enrollment waking after a pause must
/// see the pause). A pause or resume is therefore seen within about <see cref="StaleLimit"/>.
/// </summary>
public sealed class CohortDirectory(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>The oldest view of a cohort served while a newer one is being read.</summary>
    public static readonly TimeSpan StaleLimit = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<CohortInfo?> GetAsync(string cohortId)
    {
        var now = time.GetUtcNow();
        Entry entry;
        TaskCompletionSource<CohortInfo?>? started = null;
        Task<CohortInfo?> read;
        CohortInfo? recent;
        lock (_lock)
        {
            if (!_entries.TryGetValue(cohortId, out entry!))
            {
                _entries[cohortId] = entry = new Entry();
            }

            if (entry.Info is { } fresh && now - entry.ReadAt < Freshness)
            {
                return ValueTask.FromResult<CohortInfo?>(fresh);
            }

            if (entry.Read is null)
            {
                // Waiters resume on their own schedulers, never inline on whichever thread completes the read.
                started = new TaskCompletionSource<CohortInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
                entry.Read = started.Task;
            }

            read = entry.Read;
            recent = entry.Info is { } known && now - entry.ReadAt < StaleLimit ? known : null;
        }

        if (started is not null)
        {
            _ = ReadAsync(cohortId, entry, started);
        }

        return recent is not null ? ValueTask.FromResult<CohortInfo?>(recent) : new ValueTask<CohortInfo?>(read);
    }

    /// <summary>Forgets a cohort after this process changed it, so its next read is fresh.</summary>
    public void Invalidate(string cohortId)
    {
        lock (_lock)
        {
            _entries.Remove(cohortId);
        }
    }

    /// <summary>
    /// Sends the read from the caller's context, then leaves it: the read is shared with callers of other grains and of
    /// the front end, so its completion must not wait for a turn of the grain that happened to start it (that grain
    /// may be busy, or gone with its activation).
    /// </summary>
    private async Task ReadAsync(string cohortId, Entry entry, TaskCompletionSource<CohortInfo?> read)
    {
        CohortInfo? info;
        try
        {
            info = await grains.GetGrain<ICohortGrain>(cohortId).GetAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                entry.Read = null;
                if (entry.Info is null && _entries.GetValueOrDefault(cohortId) == entry)
                {
                    _entries.Remove(cohortId); // a failed first read is not remembered
                }
            }

            read.SetException(e);
            return;
        }

        lock (_lock)
        {
            entry.Read = null;
            if (info is not null)
            {
                entry.Info = info;
                entry.ReadAt = time.GetUtcNow();
            }
            else if (entry.Info is null && _entries.GetValueOrDefault(cohortId) == entry)
            {
                _entries.Remove(cohortId); // an unknown cohort is not remembered
            }
        }

        read.SetResult(info);
    }

    private sealed class Entry
    {
        public CohortInfo? Info { get; set; }

        public DateTimeOffset ReadAt { get; set; }

        public Task<CohortInfo?>? Read { get; set; }
    }
}
