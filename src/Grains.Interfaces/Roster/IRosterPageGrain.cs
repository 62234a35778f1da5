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
    /// <summary>
    /// The rows of this page that cannot be enrolled as they are: a student already enrolled under another name or
    /// e-mail, or listed twice. Changes nothing; a roster is checked on every page before any page enrolls it.
    /// </summary>
    [Alias("Check")]
    Task<ImmutableArray<EnrollmentOutcome>> CheckAsync(ImmutableArray<NumberedRosterRow> rows);

    /// <summary>
    /// Enrolls the rows that belong to this page, each with the token derived from <paramref name="rosterKey"/>.
    /// Idempotent: a student already enrolled as the same person gets the same token again and nothing changes, so a
    /// roster sent again after a failure completes what the failure interrupted.
    /// </summary>
    [Alias("EnrollWithKey")]
    Task<ImmutableArray<EnrollmentOutcome>> EnrollAsync(CohortInfo cohort, ImmutableArray<byte> rosterKey, ImmutableArray<NumberedRosterRow> rows);

    /// <summary>
    /// Gives a student of this page (of <paramref name="cohort"/>) a new token and new bucket keys, and revokes the old
    /// ones on every front end before answering; null when the student is not on this page or was removed.
    /// </summary>
    [Alias("ReissueTokenOf")]
    Task<string?> ReissueTokenAsync(CohortInfo cohort, string studentId, ImmutableArray<byte> rosterKey);

    /// <summary>
    /// Removes a student of this page from the cohort (see <c>IEnrollmentGrain.RemoveAsync</c>): from then on the student
    /// counts in no summary, monitor or leaderboard and cannot be enrolled again, but stays on the page for the grades
    /// export. Null when the student is not on this page; a student removed before is answered as such, unchanged.
    /// </summary>
    [Alias("Remove")]
    Task<StudentRemoval?> RemoveAsync(string studentId);

    /// <summary>The students of this page, in enrollment order, removed ones included (<see cref="RosterEntry.IsRemoved"/>).</summary>
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
