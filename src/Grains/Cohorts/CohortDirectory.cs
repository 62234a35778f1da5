namespace PPipe.Grains.Cohorts;

/// <summary>
/// A process's view of cohorts for the request path and for enrollment ticks: each cohort is read from its grain
/// at most once per <see cref="Freshness"/>, and one read at a time, so thousands of polling students, or thousands
/// of enrollments woken by the same release, cost one grain call a second. While a read is under way, callers get
/// the last known cohort; only the first caller for a cohort waits. A pause or resume is therefore seen within about
/// that time.
/// </summary>
public sealed class CohortDirectory(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<CohortInfo?> GetAsync(string cohortId)
    {
        var now = time.GetUtcNow();
        Task<CohortInfo?> read;
        lock (_lock)
        {
            if (!_entries.TryGetValue(cohortId, out var entry))
            {
                _entries[cohortId] = entry = new Entry();
            }

            if (entry.Info is { } fresh && now - entry.ReadAt < Freshness)
            {
                return ValueTask.FromResult<CohortInfo?>(fresh);
            }

            // Off any grain's scheduler: the read is shared with callers of other grains and of the front end, and a
            // continuation queued on the starting grain would wait on that grain (or be lost with its activation).
            entry.Read ??= Task.Run(() => ReadAsync(cohortId, entry));
            if (entry.Info is { } known)
            {
                return ValueTask.FromResult<CohortInfo?>(known);
            }

            read = entry.Read;
        }

        return new ValueTask<CohortInfo?>(read);
    }

    /// <summary>Forgets a cohort after this process changed it, so its next read is fresh.</summary>
    public void Invalidate(string cohortId)
    {
        lock (_lock)
        {
            _entries.Remove(cohortId);
        }
    }

    private async Task<CohortInfo?> ReadAsync(string cohortId, Entry entry)
    {
        CohortInfo? info = null;
        try
        {
            info = await grains.GetGrain<ICohortGrain>(cohortId).GetAsync();
            return info;
        }
        finally
        {
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
                    // An unknown cohort (or a failed first read) is not remembered.
                    _entries.Remove(cohortId);
                }
            }
        }
    }

    private sealed class Entry
    {
        public CohortInfo? Info { get; set; }

        public DateTimeOffset ReadAt { get; set; }

        public Task<CohortInfo?>? Read { get; set; }
    }
}
