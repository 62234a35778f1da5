using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// One run of a scenario version, keyed by the cohort id: settings, clock, lifecycle and roster size.
/// It is not on any student request path: front ends cache <see cref="CohortInfo"/> briefly.
/// </summary>
[Alias("ppipe.ICohortGrain")]
public interface ICohortGrain : IGrainWithStringKey
{
    /// <summary>Creates the cohort; false when a cohort with this id already exists.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(CohortDefinition definition, TimeSpan scenarioDuration);

    /// <summary>The cohort, or null when it was never created.</summary>
    [Alias("Get")]
    Task<CohortInfo?> GetAsync();

    /// <summary>Enrolls a roster: each row gets a token (shown once) or an error.</summary>
    [Alias("Enroll")]
    Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(ImmutableArray<NumberedRosterRow> roster);

    /// <summary>Stops the scenario clock; nothing new is released or due until resumed.</summary>
    [Alias("Pause")]
    Task<CohortInfo> PauseAsync();

    /// <summary>Restarts the scenario clock where it stopped.</summary>
    [Alias("Resume")]
    Task<CohortInfo> ResumeAsync();

    /// <summary>Live counts over the roster; <paramref name="latestRelease"/> is the newest release available now.</summary>
    [Alias("Summarize")]
    Task<CohortSummary> SummarizeAsync(int latestRelease);

    /// <summary>The best students by overall score (at most <paramref name="top"/>); students below Proficient are never ranked.</summary>
    [Alias("Leaderboard")]
    Task<ImmutableArray<LeaderboardEntry>> LeaderboardAsync(int top);
}
