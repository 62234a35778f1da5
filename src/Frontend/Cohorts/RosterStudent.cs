using PPipe.Frontend.Assessment;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Scenarios;

namespace PPipe.Frontend.Cohorts;

/// <summary>
/// One student of a cohort's roster with their live progress, as the cohort monitor shows it: releases fetched (how
/// many, the newest, when last), batches submitted and on time out of those due, whether the endpoint is up, and the
/// overall score and level (null before anything can be judged). A removed student is listed with status removed and
/// the progress they had.
/// </summary>
public sealed record RosterStudent(
    string StudentId,
    string Name,
    string Email,
    DateTimeOffset EnrolledAt,
    int FetchedReleases,
    int LatestFetchedRelease,
    DateTimeOffset? LastFetchAt,
    int SubmittedBatches,
    int OnTimeBatches,
    int DueBatches,
    bool? EndpointUp,
    double? Score,
    GradeLevel? Level,
    StudentStatus Status,
    DateTimeOffset? RemovedAt)
{
    public static RosterStudent Of(StudentStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var p = standing.Progress;
        var fetched = p.FetchedReleases.IsDefault ? [] : p.FetchedReleases;
        return new RosterStudent(standing.StudentId, standing.Name, standing.Email, standing.EnrolledAt, fetched.Length,
            fetched.IsEmpty ? 0 : fetched.Max(), p.LastFetchAt, p.SubmittedBatches, p.OnTimeBatches, p.DueBatches, p.EndpointUp,
            p.OverallScore, GradeResponse.LevelOf(p.Level), standing.RemovedAt is null ? StudentStatus.Enrolled : StudentStatus.Removed,
            standing.RemovedAt);
    }
}
