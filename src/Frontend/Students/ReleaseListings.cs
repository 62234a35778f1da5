using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Students;

/// <summary>
/// The body and ETag of <c>GET /api/v1/releases?after=N</c>, built once per cohort, <c>after</c> and moment
/// of change rather than once per request: every student of a cohort sees the same list, and it only
/// changes when a release becomes available or the cohort's clock changes (start, speed, pause, resume).
/// Polling is the heaviest traffic the platform gets, so a poll costs a lookup and a comparison.
/// </summary>
public sealed class ReleaseListings
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<(string Cohort, int After), Entry> _listings = new();

    /// <summary>The listing for a student's view, from the cache when nothing it depends on has changed.</summary>
    public ReleaseListing For(StudentView view, int after)
    {
        var releases = view.Schedule.Releases;
        after = Math.Clamp(after, 0, releases.Count);
        var available = 0;
        foreach (var release in releases)
        {
            available += release.AvailableAt <= view.Elapsed ? 1 : 0;
        }

        var version = new ListingVersion(view.Cohort.ScenarioId, view.Cohort.Version, available, ClockVersion.Of(view.Cohort.Clock));
        var key = (view.Cohort.Id, after);
        if (_listings.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Listing;
        }

        var listing = Build(view, after);
        if (_listings.Count >= MaxEntries)
        {
            _listings.Clear();
        }

        _listings[key] = new Entry(version, listing);
        return listing;
    }

    private static ReleaseListing Build(StudentView view, int after)
    {
        var releases = view.Schedule.ReleasesAvailableAt(view.Elapsed)
            .Where(r => r.Seq > after)
            .OrderBy(r => r.AvailableAt).ThenBy(r => r.Seq)
            .Select(r => PublishedRelease.Of(r, view.WallTimeAt(r.AvailableAt)))
            .ToList();
        var next = view.Schedule.NextReleaseAfter(view.Elapsed);
        var body = JsonSerializer.SerializeToUtf8Bytes(new ReleasesResponse(releases, next is null ? null : view.WallTimeAt(next.AvailableAt)), ApiJson.Options);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
        return new ReleaseListing(body, etag);
    }

    private sealed record Entry(ListingVersion Version, ReleaseListing Listing);

    /// <summary>What a listing depends on besides its cohort and <c>after</c>.</summary>
    private readonly record struct ListingVersion(string ScenarioId, int ScenarioVersion, int Available, ClockVersion Clock);

    /// <summary>Identifies a cohort clock by value: pauses are only ever appended, so their count and the last one suffice.</summary>
    private readonly record struct ClockVersion(DateTimeOffset StartsAt, double Speed, int Pauses, CohortPause? Last)
    {
        public static ClockVersion Of(CohortClock clock) => new(
            clock.StartsAt,
            clock.Speed,
            clock.Pauses.IsDefaultOrEmpty ? 0 : clock.Pauses.Length,
            clock.Pauses.IsDefaultOrEmpty ? null : clock.Pauses[^1]);
    }
}
