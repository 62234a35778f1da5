using System.Collections.Immutable;
using Orleans.Concurrency;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// One run of a scenario version, keyed by the cohort id: settings, clock, lifecycle and roster size.
/// It is not on any student request path: front ends and silos cache <see cref="CohortInfo"/> briefly.
/// <para>
/// The grains' calls form no cycle, so no call ever waits, however indirectly, on itself. An arrow is a call its
/// caller waits for; one-way calls (⇢) wait for nothing:
/// <code>
/// cohort: Enroll ─► roster page: Enroll ─► enrollment: Initialize ─► credential, bucket key
///         Summarize, Leaderboard ─► roster page: Summarize (answers from what its students pushed)
///         Create ─► library, cohort history: Start (before the history samples anything)
/// cohort history (its sampling timer) ─► cohort: Get, Summarize
/// enrollment (tick, student calls) ─► cohort: Get (through the silo's cohort view), batch submission, copy index,
///         cohort flags, probe worker: Probe; ⇢ roster page: Report, ⇢ webhook delivery, ⇢ probe worker: Run,
///         ⇢ other enrollment: RecordCopyFlag
/// roster page (activated after a lost one) ⇢ enrollment: ReportProgress
/// webhook delivery, probe worker ─► enrollment: RecordWebhookDelivery, RecordProbes
/// </code>
/// The cohort's own turns (Create, Get, Pause, Resume, AddEnrolled) wait on no page or enrollment, so an enrollment
/// waiting on the cohort always gets its answer. The roster-wide calls (Enroll, Summarize, Leaderboard) wait on pages
/// that may wait on enrollments; they interleave with the cohort's other calls because they hold nothing of the cohort's
/// while they wait: each reads the current record (immutable) once at its start, and the one write an enrollment needs,
/// the new roster size, is a turn of its own (<see cref="AddEnrolledAsync"/>).
/// </para>
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

    /// <summary>Enrolls a roster: each row gets a token (shown once) or an error. Holds nothing of the cohort while its pages enroll.</summary>
    [Alias("Enroll"), AlwaysInterleave]
    Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(ImmutableArray<NumberedRosterRow> roster);

    /// <summary>Stops the scenario clock; nothing new is released or due until resumed.</summary>
    [Alias("Pause")]
    Task<CohortInfo> PauseAsync();

    /// <summary>Restarts the scenario clock where it stopped.</summary>
    [Alias("Resume")]
    Task<CohortInfo> ResumeAsync();

    /// <summary>Live counts over the roster; <paramref name="latestRelease"/> is the newest release available now. Holds nothing of the cohort while its pages count.</summary>
    [Alias("Summarize"), AlwaysInterleave]
    Task<CohortSummary> SummarizeAsync(int latestRelease);

    /// <summary>The best students by overall score (at most <paramref name="top"/>); students below Proficient are never ranked.</summary>
    [Alias("Leaderboard"), AlwaysInterleave]
    Task<ImmutableArray<LeaderboardEntry>> LeaderboardAsync(int top);

    /// <summary>Counts <paramref name="count"/> more enrolled students: the turn in which <see cref="EnrollAsync"/> records what its pages enrolled.</summary>
    [Alias("AddEnrolled")]
    Task AddEnrolledAsync(int count);
}
