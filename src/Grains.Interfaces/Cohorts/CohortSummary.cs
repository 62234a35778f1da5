using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// Counts over a cohort for the instructor, computed from its roster pages: enrolled, fetched the latest
/// release, endpoints registered and up (answered their latest probe), batch submissions on time out of those
/// due, and how many students are at each grade level (<c>Ungraded</c> before anything can be judged).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortSummary")]
public sealed record CohortSummary(
    int Enrolled,
    int LatestRelease,
    int FetchedLatestRelease,
    int FetchedAnyRelease,
    DateTimeOffset AsOf,
    int EndpointsRegistered = 0,
    int EndpointsUp = 0,
    int OnTimeBatches = 0,
    int DueBatches = 0,
    ImmutableDictionary<string, int>? Levels = null);
