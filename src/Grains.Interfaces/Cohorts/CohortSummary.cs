namespace PPipe.Grains.Cohorts;

/// <summary>Counts over a cohort for the instructor, computed from its roster pages.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortSummary")]
public sealed record CohortSummary(int Enrolled, int LatestRelease, int FetchedLatestRelease, int FetchedAnyRelease, DateTimeOffset AsOf);
