using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Client.Cohorts;

/// <summary>
/// A process's view of cohort summaries: one call per roster page (a fixed 64, each answering from what its students
/// pushed), at most once per <see cref="Freshness"/> per cohort however many monitors, scripts and history samplers ask,
/// and one at a time (callers asking meanwhile share the summary under way). The leaderboard comes with it: each page
/// offers its best students, so the cohort's is a merge of small lists.
/// </summary>
public sealed class CohortSummaries(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>Cohorts whose last summary is kept; beyond this the oldest are dropped.</summary>
    private const int MaxCohorts = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Live counts over the cohort's roster; <paramref name="latestRelease"/> is the newest release available now.</summary>
    public async Task<CohortSummary> SummarizeAsync(string cohortId, int latestRelease) =>
        (await ReadAsync(cohortId, latestRelease)).Summary;

    /// <summary>The best students by overall score (at most <paramref name="top"/>); students below Proficient are never ranked.</summary>
    public async Task<ImmutableArray<LeaderboardEntry>> LeaderboardAsync(string cohortId, int top)
    {
        int latestRelease;
        lock (_lock)
        {
            // Scores do not depend on which release is the latest: any recent summary's ranking will do.
            latestRelease = _entries.TryGetValue(cohortId, out var entry) ? entry.LatestRelease : 0;
        }

        return [.. (await ReadAsync(cohortId, latestRelease)).Top.Take(Math.Clamp(top, 0, RosterPages.LeaderboardSize))];
    }

    private Task<Result> ReadAsync(string cohortId, int latestRelease)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(cohortId, out var entry))
            {
                if (entry.LatestRelease == latestRelease && (entry.Reading is not null || now - entry.ReadAt < Freshness))
                {
                    return entry.Reading ?? Task.FromResult(entry.Result!);
                }
            }
            else if (_entries.Count >= MaxCohorts)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.ReadAt).Key);
            }

            entry = new Entry { LatestRelease = latestRelease, ReadAt = now };
            entry.Reading = ReadPagesAsync(cohortId, latestRelease, now, entry);
            _entries[cohortId] = entry;
            return entry.Reading;
        }
    }

    private async Task<Result> ReadPagesAsync(string cohortId, int latestRelease, DateTimeOffset now, Entry entry)
    {
        try
        {
            var pages = await Task.WhenAll(Enumerable.Range(0, RosterPages.Count).Select(page =>
                grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, page)).SummarizeAsync(latestRelease)));
            var levels = pages.SelectMany(p => p.Levels ?? ImmutableDictionary<string, int>.Empty)
                .GroupBy(l => l.Key, StringComparer.Ordinal)
                .ToImmutableDictionary(g => g.Key, g => g.Sum(l => l.Value), StringComparer.Ordinal);
            var summary = new CohortSummary(
                pages.Sum(p => p.Enrolled), latestRelease, pages.Sum(p => p.FetchedLatest), pages.Sum(p => p.FetchedAny), now,
                pages.Sum(p => p.EndpointsRegistered), pages.Sum(p => p.EndpointsUp), pages.Sum(p => p.OnTimeBatches), pages.Sum(p => p.DueBatches),
                levels);
            ImmutableArray<LeaderboardEntry> top = [.. pages.SelectMany(p => p.Top.IsDefault ? [] : p.Top)
                .OrderByDescending(e => e.Score).ThenBy(e => e.StudentId, StringComparer.Ordinal)
                .Take(RosterPages.LeaderboardSize)];
            var result = new Result(summary, top);
            lock (_lock)
            {
                entry.Result = result;
                entry.Reading = null;
            }

            return result;
        }
        catch
        {
            lock (_lock)
            {
                // A failed read is not kept: the next caller reads again.
                if (_entries.TryGetValue(cohortId, out var current) && current == entry)
                {
                    _entries.Remove(cohortId);
                }
            }

            throw;
        }
    }

    private sealed record Result(CohortSummary Summary, ImmutableArray<LeaderboardEntry> Top);

    private sealed class Entry
    {
        public int LatestRelease { get; init; }

        public DateTimeOffset ReadAt { get; init; }

        public Task<Result>? Reading { get; set; }

        public Result? Result { get; set; }
    }
}
