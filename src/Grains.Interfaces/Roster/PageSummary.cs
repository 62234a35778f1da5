namespace PPipe.Grains.Roster;

/// <summary>Counts over one roster page, for a cohort summary.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.PageSummary")]
public sealed record PageSummary(int Enrolled, int FetchedLatest, int FetchedAny);
