using System.Collections.Concurrent;

namespace PPipe.Grains.Cohorts;

/// <summary>
/// A front end's view of cohorts for the request path: each cohort is read from its grain at most
/// once per <see cref="Freshness"/>, so thousands of polling students cost one grain call a second.
/// A pause or resume is therefore seen within that time.
/// </summary>
public sealed class CohortDirectory(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<CohortInfo?> GetAsync(string cohortId)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(cohortId, out var entry) && now - entry.ReadAt < Freshness)
        {
            return entry.Info;
        }

        var info = await grains.GetGrain<ICohortGrain>(cohortId).GetAsync();
        if (info is not null)
        {
            _entries[cohortId] = new Entry(info, now);
        }

        return info;
    }

    /// <summary>Forgets a cohort after this front end changed it, so its next read is fresh.</summary>
    public void Invalidate(string cohortId) => _entries.TryRemove(cohortId, out _);

    private sealed record Entry(CohortInfo Info, DateTimeOffset ReadAt);
}
