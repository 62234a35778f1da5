using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Roster;

/// <summary>
/// The compact, live facts about one student that cohort summaries and the leaderboard count: which
/// releases they fetched, their overall grade (null before anything can be judged), whether their endpoint
/// answered its latest probe (null when none is registered), how many due batches they submitted on time, how many batches they submitted to at all, and when they last fetched.
/// Enrollments report it to their roster page when it changes. <see cref="CriterionScores"/> holds the score of each rubric
/// criterion that can be judged (at most one per criterion of the scenario's rubric), for survey analytics; default in
/// progress reported before it existed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentProgress")]
public sealed record StudentProgress(
    string StudentId,
    ImmutableArray<int> FetchedReleases,
    double? OverallScore = null,
    string? Level = null,
    bool? EndpointUp = null,
    int OnTimeBatches = 0,
    int DueBatches = 0,
    int SubmittedBatches = 0,
    DateTimeOffset? LastFetchAt = null,
    ImmutableArray<CriterionScore> CriterionScores = default);
