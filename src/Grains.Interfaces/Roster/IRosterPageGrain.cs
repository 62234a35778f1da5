using Orleans.Concurrency;
using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Interfaces.Roster;

/// <summary>
/// One of a cohort's <see cref="RosterPages.Count"/> roster shards, keyed <c>{cohortId}/p{n}</c>. A
/// student's page is fixed by a stable hash of the student id, so duplicates are caught without a
/// cohort-wide list and enrollment of a large roster runs on all pages at once. Its students' progress is
/// pushed to it by their enrollments and kept by the page, so its reads never call an enrollment.
/// </summary>
[Alias("ppipe.IRosterPageGrain")]
public interface IRosterPageGrain : IGrainWithStringKey
{
    /// <summary>Enrolls the rows that belong to this page; each gets a token or an error.</summary>
    [Alias("Enroll")]
    Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(CohortInfo cohort, ImmutableArray<NumberedRosterRow> rows);

    /// <summary>The students of this page, in enrollment order.</summary>
    [Alias("List")]
    Task<ImmutableArray<RosterEntry>> ListAsync();

    /// <summary>
    /// Takes a student's latest progress, sent by the enrollment whenever what the page counts changes. One way: an
    /// enrollment never waits on its page (the page waits on its enrollments while enrolling them).
    /// </summary>
    [Alias("Report"), OneWay]
    Task ReportAsync(StudentProgress progress);

    /// <summary>
    /// The page's students whose progress changed after <paramref name="version"/> of <paramref name="epoch"/>;
    /// every student (<see cref="RosterChanges.Complete"/>) when the epoch is not the page's current one.
    /// </summary>
    [Alias("Changes")]
    Task<RosterChanges> ChangesAsync(Guid epoch, long version);

    /// <summary>Counts over this page's students; <paramref name="latestRelease"/> is the newest release available now (0: none).</summary>
    [Alias("Summarize")]
    Task<PageSummary> SummarizeAsync(int latestRelease);
}
