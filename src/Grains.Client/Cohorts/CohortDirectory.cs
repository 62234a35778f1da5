using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Client.Cohorts;

/// <summary>
/// A process's view of cohorts for the request path and for enrollment ticks: each cohort is read from its grain
/// at most once per <see cref="Freshness"/>, and one read at a time, so thousands of polling students, or thousands
/// of enrollments woken by the same release, cost one grain call a second. While a read is under way, callers get
/// the last known cohort if it is younger than <see cref="StaleLimit"/>; otherwise they wait for the read, so a
/// cohort nobody asked about for a while is never served as it was long ago (an enrollment waking after a pause must
/// see the pause). A pause or resume is therefore seen within about <see cref="StaleLimit"/>.
/// <para>
/// A read that hangs or fails (the cohort's silo died and is not yet declared dead, which takes seconds; the call
/// times out only after the cluster's response timeout) does not hold up its cohort's requests: a caller waits for it
/// at most <see cref="ReadPatience"/> from the read's start, then gets the last known cohort if that is younger than
/// <see cref="OutageLimit"/>. Only a cohort this process never read, or last read longer ago than that, waits for the
/// read or fails with it.
/// </para>
/// </summary>
public sealed class CohortDirectory
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>The oldest view of a cohort served while a newer one is being read.</summary>
    public static readonly TimeSpan StaleLimit = TimeSpan.FromSeconds(3);

    /// <summary>How long after a read began callers wait for it before falling back to the last known view.</summary>
    public static readonly TimeSpan ReadPatience = TimeSpan.FromSeconds(2);

    /// <summary>The oldest view of a cohort served when its read hangs or fails.</summary>
    public static readonly TimeSpan OutageLimit = TimeSpan.FromMinutes(2);

    private readonly Func<string, Task<CohortInfo?>> _read;
    private readonly TimeProvider _time;

    public CohortDirectory(IGrainFactory grains, TimeProvider time)
        : this(cohortId => grains.GetGrain<ICohortGrain>(cohortId).GetAsync(), time)
    {
    }

    /// <summary>Reads cohorts with <paramref name="read"/> instead of a grain call (for tests of hanging and failing reads).</summary>
    public CohortDirectory(Func<string, Task<CohortInfo?>> read, TimeProvider time)
    {
        _read = read;
        _time = time;
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _readsInFlight;

    /// <summary>Reads of cohorts under way, at most one per cohort; a read is counted until its answer or failure is in.</summary>
    public int ReadsInFlight => Volatile.Read(ref _readsInFlight);

    public ValueTask<CohortInfo?> GetAsync(string cohortId)
    {
        var now = _time.GetUtcNow();
        Entry entry;
        TaskCompletionSource<CohortInfo?>? started = null;
        Task<CohortInfo?> read;
        CohortInfo? known;
        bool recent;
        TimeSpan patience;
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
                entry.ReadStartedAt = now;
            }

            read = entry.Read;
            known = entry.Info is { } info && now - entry.ReadAt < OutageLimit ? info : null;
            recent = now - entry.ReadAt < StaleLimit;
            patience = ReadPatience - (now - entry.ReadStartedAt);
        }

        if (started is not null)
        {
            Interlocked.Increment(ref _readsInFlight);
            _ = ReadAsync(cohortId, entry, started);
        }

        if (known is null)
        {
            return new ValueTask<CohortInfo?>(read);
        }

        return recent ? ValueTask.FromResult<CohortInfo?>(known) : ReadOrKnownAsync(read, known, patience);
    }

    /// <summary>Forgets a cohort after this process changed it, so its next read is fresh.</summary>
    public void Invalidate(string cohortId)
    {
        lock (_lock)
        {
            _entries.Remove(cohortId);
        }
    }

    /// <summary>The read if it completes within <paramref name="patience"/>; the last known view if it hangs longer or fails.</summary>
    private async ValueTask<CohortInfo?> ReadOrKnownAsync(Task<CohortInfo?> read, CohortInfo known, TimeSpan patience)
    {
        try
        {
            return patience > TimeSpan.Zero ? await read.WaitAsync(patience, _time).ConfigureAwait(false) : read.IsCompletedSuccessfully ? read.Result : known;
        }
        catch (Exception)
        {
            return known; // timed out waiting, or the read failed
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
            info = await _read(cohortId).ConfigureAwait(false);
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

            Interlocked.Decrement(ref _readsInFlight);
            read.SetException(e);
            return;
        }

        lock (_lock)
        {
            entry.Read = null;
            if (info is not null)
            {
                // The view is as old as the read's start: the cohort may have changed at any point after it was sent,
                // and stamping the answer's arrival would let a slow read pass an old view off as fresh.
                entry.Info = info;
                entry.ReadAt = entry.ReadStartedAt;
            }
            else if (entry.Info is null && _entries.GetValueOrDefault(cohortId) == entry)
            {
                _entries.Remove(cohortId); // an unknown cohort is not remembered
            }
        }

        Interlocked.Decrement(ref _readsInFlight);
        read.SetResult(info);
    }

    private sealed class Entry
    {
        public CohortInfo? Info { get; set; }

        public DateTimeOffset ReadAt { get; set; }

        public Task<CohortInfo?>? Read { get; set; }

        public DateTimeOffset ReadStartedAt { get; set; }
    }
}
