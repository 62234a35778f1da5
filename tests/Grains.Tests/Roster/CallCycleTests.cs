using Orleans.Core.Internal;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// The grain call graph has no cycle (see <c>ICohortGrain</c>): the cohort grain is a leaf that calls nobody; summaries
/// and roster uploads are driven from the caller's process, page by page, so no cohort turn is held while a page works.
/// An enrollment whose tick reads its cohort therefore never waits on what a summary or an upload holds. These are the
/// two shapes of the deadlock the old design had (cohort → page → enrollment → cohort), each with a page held open.
/// </summary>
[Collection(RosterClusterCollection.Name)]
public sealed class CallCycleTests(RosterClusterFixture fixture)
{
    /// <summary>Far below the 30 s a call waits before it times out, which is how the old cycle ended.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summary_PageHeldWhileAnEnrollmentTickReadsItsCohort_TheTickFinishesFirstAndTheSummaryCountsIt()
    {
        var startsAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1.8);
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "ada");
        var enrollment = Enrollment(fixture.Client, cohortId, "ada");
        await enrollment.TickAsync();
        await PageSummaryAsync(PageOf(fixture.Client, cohortId, "ada"), s => s.DueBatches == 1);
        await PageOf(fixture.Client, cohortId, "ada").Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var gate = fixture.Gates.Hold<IRosterPageGrain>(nameof(IRosterPageGrain.SummarizeAsync), cohortId + "/");

        // A summary is under way and one of its pages (activated afresh) is held...
        var summary = new CohortSummaries(fixture.Client, fixture.Clock).SummarizeAsync(cohortId, 0);
        await gate.Entered.Task.WaitAsync(Prompt, Ct);
        // ...when the student's enrollment starts a tick whose cohort read goes to the cohort grain: it is answered.
        fixture.Cohorts.Invalidate(cohortId);
        var readSent = fixture.Gates.CohortReadSentAsync(cohortId);
        await enrollment.TickAsync().WaitAsync(Prompt, Ct);
        await readSent.WaitAsync(Prompt, Ct);
        Assert.False(summary.IsCompleted);
        gate.Release();

        var counted = await summary.WaitAsync(Prompt, Ct);
        Assert.Equal((1, 1), (counted.Enrolled, counted.DueBatches));
    }

    [Fact]
    public async Task Enroll_PageHeldWhileTheStudentsEnrollmentTickReadsItsCohort_TheTickFinishesFirstAndTheUploadCompletes()
    {
        var now = fixture.Clock.GetUtcNow();
        var (cohort, cohortId) = await CreateAsync(fixture.Client, now - TimeSpan.FromMinutes(1.8));
        var student = Row("cy");
        // What an upload that failed after making the enrollment leaves: the enrollment exists, its page never recorded it.
        var enrollment = Enrollment(fixture.Client, cohortId, student.StudentId);
        await enrollment.InitializeAsync(new EnrollmentInit((await cohort.GetAsync())!, student, "credential-of-the-failed-upload", now));
        await enrollment.TickAsync();
        var gate = fixture.Gates.Hold<IRosterPageGrain>(nameof(IRosterPageGrain.EnrollAsync), cohortId + "/");

        // The upload is sent again and its page is held before it initializes the enrollment...
        var upload = new RosterEnrollment(fixture.Client).EnrollAsync(cohortId, [new NumberedRosterRow(1, student)]);
        await gate.Entered.Task.WaitAsync(Prompt, Ct);
        // ...when the enrollment starts a tick whose cohort read goes to the cohort grain: it is answered.
        fixture.Cohorts.Invalidate(cohortId);
        var readSent = fixture.Gates.CohortReadSentAsync(cohortId);
        await enrollment.TickAsync().WaitAsync(Prompt, Ct);
        await readSent.WaitAsync(Prompt, Ct);
        Assert.False(upload.IsCompleted);
        gate.Release();

        var outcome = Assert.Single((await upload.WaitAsync(Prompt, Ct))!.Value);
        Assert.NotNull(outcome.Token);
        Assert.Equal(1, (await cohort.GetAsync())!.Enrolled);
    }
}
