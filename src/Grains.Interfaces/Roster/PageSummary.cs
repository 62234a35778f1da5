using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Interfaces.Roster;

/// <summary>Counts over one roster page, for a cohort summary, and the page's best students for the leaderboard.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.PageSummary")]
public sealed record PageSummary(
    int Enrolled,
    int FetchedLatest,
    int FetchedAny,
    int EndpointsRegistered = 0,
    int EndpointsUp = 0,
    int OnTimeBatches = 0,
    int DueBatches = 0,
    ImmutableDictionary<string, int>? Levels = null,
    ImmutableArray<LeaderboardEntry> Top = default);
