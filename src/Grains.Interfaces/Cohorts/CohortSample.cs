using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>A cohort summary at one moment, for the monitor's charts: wall time, scenario time and the counts.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortSample")]
public sealed record CohortSample(
    DateTimeOffset At,
    DateTimeOffset ScenarioAt,
    int Enrolled,
    int LatestRelease,
    int FetchedLatestRelease,
    int EndpointsRegistered,
    int EndpointsUp,
    int OnTimeBatches,
    int DueBatches,
    ImmutableDictionary<string, int> Levels);
