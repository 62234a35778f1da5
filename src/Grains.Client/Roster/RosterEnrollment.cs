using System.Collections.Immutable;
using PPipe.Grains.Client.Email;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Email;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Client.Roster;

/// <summary>
/// Enrolls a roster page by page, all or nothing from the instructor's view: every page first checks its rows (a
/// student already enrolled as somebody else refuses the whole roster, before anyone is enrolled), then every page
/// enrolls its rows. Tokens derive from the cohort's roster key, so a roster sent again, whole or after a failure part
/// way through, gets the same students and the same tokens: nobody is ever enrolled with a token the instructor cannot
/// obtain. No grain call waits long, however large the roster and however busy the cluster: a page enrolls
/// <see cref="RowsPerCall"/> rows per call, and only <see cref="PagesAtOnce"/> pages enroll at a time. A call's time is
/// the rows in flight over the cluster's enrollment rate, so bounding the rows in flight (not only those per call) is what
/// keeps it under the grain call timeout: a 10,000-row roster sent to every page at once had 2,000 rows in flight, and on
/// a cluster enrolling 80 students a second its calls timed out after 30 s. Fewer at once costs no throughput: the
/// storage, not the number of calls, sets the rate.
/// Once enrolled, each student with an e-mail address is recorded in that address's index
/// (<see cref="IStudentEmailGrain"/>), which sign-in links and lost-token mails look students up by; a roster sent again
/// records anyone a failure left out.
/// </summary>
public sealed class RosterEnrollment(IGrainFactory grains)
{
    /// <summary>The most rows one page enrolls in one call: a few seconds of work on a loaded silo.</summary>
    public const int RowsPerCall = 32;

    /// <summary>
    /// The most pages enrolling at once for one roster. Each page creates up to 16 enrollments at a time, so this keeps
    /// about 128 enrollments under way: more than the storage of a three-silo cluster completes in a tenth of a second.
    /// </summary>
    public const int PagesAtOnce = 8;

    /// <summary>Address index entries recorded at once after a roster is enrolled.</summary>
    private const int IndexParallelism = 16;

    /// <summary>
    /// The rows that cannot be enrolled as they are (a student the cohort has under another name or e-mail, or listed twice),
    /// in roster order; empty when all may be. Changes nothing. Null when the cohort does not exist.
    /// </summary>
    public async Task<ImmutableArray<EnrollmentOutcome>?> CheckAsync(string cohortId, ImmutableArray<NumberedRosterRow> rows)
    {
        if (await grains.GetGrain<ICohortGrain>(cohortId).GetAsync() is null)
        {
            return null;
        }

        var conflicts = await Task.WhenAll(rows.GroupBy(row => RosterPages.PageOf(row.Student.StudentId))
            .Select(group => grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, group.Key)).CheckAsync([.. group])));
        return [.. conflicts.SelectMany(c => c).OrderBy(c => c.Row)];
    }

    /// <summary>
    /// Every row's outcome, in roster order. When any row is refused, only the refusals are returned and nobody was
    /// enrolled; otherwise every row has its token (<see cref="EnrollmentOutcome.AlreadyEnrolled"/> for students the
    /// cohort had). Null when the cohort does not exist.
    /// </summary>
    public async Task<ImmutableArray<EnrollmentOutcome>?> EnrollAsync(string cohortId, ImmutableArray<NumberedRosterRow> rows)
    {
        var cohortGrain = grains.GetGrain<ICohortGrain>(cohortId);
        if (await cohortGrain.GetAsync() is not { } cohort)
        {
            return null;
        }

        var byPage = rows.GroupBy(row => RosterPages.PageOf(row.Student.StudentId))
            .Select(group => (Page: grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, group.Key)), Rows: group.ToImmutableArray()))
            .ToList();

        var conflicts = (await Task.WhenAll(byPage.Select(p => p.Page.CheckAsync(p.Rows)))).SelectMany(c => c).ToList();
        if (conflicts.Count > 0)
        {
            return [.. conflicts.OrderBy(c => c.Row)];
        }

        var key = await cohortGrain.GetRosterKeyAsync();
        var outcomes = new List<EnrollmentOutcome>[byPage.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, byPage.Count), new ParallelOptions { MaxDegreeOfParallelism = PagesAtOnce }, async (i, _) =>
        {
            var (page, pageRows) = byPage[i];
            outcomes[i] = [];
            foreach (var chunk in pageRows.Chunk(RowsPerCall))
            {
                outcomes[i].AddRange(await page.EnrollAsync(cohort, key, [.. chunk]));
            }
        });
        await IndexAddressesAsync(cohortId, rows);
        return [.. outcomes.SelectMany(o => o).OrderBy(o => o.Row)];
    }

    /// <summary>Records each student with a valid address in that address's index (idempotent).</summary>
    private async Task IndexAddressesAsync(string cohortId, ImmutableArray<NumberedRosterRow> rows)
    {
        var indexed = rows.Where(r => !string.IsNullOrWhiteSpace(r.Student.Email) && EmailCheck.Problem(r.Student.Email, refuseDisposable: false) is null);
        await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = IndexParallelism }, async (row, _) =>
            await grains.GetGrain<IStudentEmailGrain>(EmailAddress.Normalize(row.Student.Email))
                .AddEnrollmentAsync(new EnrollmentKey(cohortId, row.Student.StudentId)));
    }

    /// <summary>
    /// A new token for a student, with new bucket keys: the old token and keys are refused by every front end once this
    /// returns; the student's data and progress stay. Null when the cohort or the student does not exist, or the student
    /// was removed.
    /// </summary>
    public async Task<string?> ReissueTokenAsync(string cohortId, string studentId)
    {
        var cohortGrain = grains.GetGrain<ICohortGrain>(cohortId);
        if (await cohortGrain.GetAsync() is not { } cohort)
        {
            return null;
        }

        var key = await cohortGrain.GetRosterKeyAsync();
        return await grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, RosterPages.PageOf(studentId))).ReissueTokenAsync(cohort, studentId, key);
    }

    /// <summary>
    /// Removes a student from the cohort (token and bucket keys revoked on every front end, the enrollment stopped, the
    /// data kept for the grades export); null when the cohort or the student does not exist.
    /// </summary>
    public Task<StudentRemoval?> RemoveAsync(string cohortId, string studentId) =>
        grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, RosterPages.PageOf(studentId))).RemoveAsync(studentId);
}
