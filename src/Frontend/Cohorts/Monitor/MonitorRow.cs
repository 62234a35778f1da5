using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Frontend.Cohorts.Monitor;

/// <summary>One student as the cohort monitor's table shows it.</summary>
public sealed record MonitorRow(
    string StudentId,
    string Name,
    string Email,
    int Fetched,
    int LatestFetched,
    DateTimeOffset? LastFetchAt,
    int Submitted,
    int OnTime,
    int Due,
    bool? EndpointUp,
    double? Score,
    string Level)
{
    /// <summary>The level counted for a student nothing can be judged of yet (the roster summary's own bucket).</summary>
    public const string Ungraded = RosterPages.Ungraded;

    public static MonitorRow From(StudentStanding standing)
    {
        var p = standing.Progress;
        var fetched = p.FetchedReleases.IsDefault ? [] : p.FetchedReleases;
        return new MonitorRow(standing.StudentId, standing.Name, standing.Email, fetched.Length, fetched.IsEmpty ? 0 : fetched.Max(),
            p.LastFetchAt, p.SubmittedBatches, p.OnTimeBatches, p.DueBatches, p.EndpointUp, p.OverallScore, p.Level ?? Ungraded);
    }
}
