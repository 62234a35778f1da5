namespace PPipe.Frontend.Cohorts;

/// <summary>
/// <c>GET .../summary</c>: the cohort, scenario time now, and counts over its students: enrolled, releases out and
/// fetched, endpoints registered and up, batches due and on time, and how many are at each grade level (<c>Ungraded</c>
/// before anything can be judged).
/// </summary>
public sealed record CohortSummaryResponse(
    CohortView Cohort,
    DateTimeOffset ScenarioNow,
    int Enrolled,
    CohortSummaryResponse.ReleaseCounts Releases,
    int FetchedLatestRelease,
    int FetchedAnyRelease,
    CohortSummaryResponse.EndpointCounts Endpoints,
    CohortSummaryResponse.BatchCounts Batches,
    IReadOnlyDictionary<string, int> GradeLevels,
    DateTimeOffset AsOf)
{
    /// <summary>Releases available now, the newest of them, and the scenario's total.</summary>
    public sealed record ReleaseCounts(int Available, int Latest, int Total);

    /// <summary>Endpoints registered and up.</summary>
    public sealed record EndpointCounts(int Registered, int Up);

    /// <summary>Batch deadlines passed and met, summed over students.</summary>
    public sealed record BatchCounts(int Due, int OnTime);
}
