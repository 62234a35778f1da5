using Orleans.Core.Internal;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// The grain call graph has no cycle (see <c>ICohortGrain</c>): a cohort summary calls roster pages, which answer from
/// what their students pushed and never call an enrollment back; a roster upload waits on enrollments but holds nothing
/// of the cohort meanwhile. So an enrollment whose tick waits on its cohort is never what its cohort waits on. Cohort
/// reads do not interleave with the cohort's other calls; they need not.
/// </summary>
[Collection(RosterClusterCollection.Name)]
public sealed class CallCycleTests(RosterClusterFixture fixture)
{
    /// <summary>Far below the 30 s a call waits before it times out, which is how the old cycle ended.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summary_EnrollmentMidTickWaitsOnTheCohortWhileItsPageIsFreshlyActivated_BothFinishPromptly()
    {
        var startsAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1.8);
        var (cohort, cohortId) = await CreateAsync(fixture.Client, startsAt, "ada");
        var enrollment = Enrollment(fixture.Client, cohortId, "ada");
        await enrollment.TickAsync();
        await PageOf(fixture.Client, cohortId, "ada").Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var gate = fixture.Gates.Hold<IRosterPageGrain>(nameof(IRosterPageGrain.SummarizeAsync), cohortId + "/");

        // The cohort is inside a summary, held while the student's page (activated afresh) answers...
        var summary = cohort.SummarizeAsync(0);
        await gate.Entered.Task.WaitAsync(Prompt, Ct);
        // ...when the student's enrollment starts a tick whose cohort read goes to the cohort grain and queues behind it.
        fixture.Cohorts.Invalidate(cohortId);
        var readSent = fixture.Gates.CohortReadSentAsync(cohortId);
        var tick = enrollment.TickAsync();
        await readSent.WaitAsync(Prompt, Ct);
        gate.Release();

        await Task.WhenAll(summary, tick).WaitAsync(Prompt, Ct);
        Assert.Equal(1, (await summary).Enrolled);
        Assert.Equal(1, (await summary).DueBatches);
    }

    [Fact]
    public async Task Enroll_StudentWhoseEnrollmentIsMidTickWaitingOnTheCohort_TheUploadAndTheTickFinishPromptly()
    {
        var now = fixture.Clock.GetUtcNow();
        var (cohort, cohortId) = await CreateAsync(fixture.Client, now - TimeSpan.FromMinutes(1.8));
        var student = new RosterRow("cy", "Cy", "cy@example.org");
        // What an upload that failed after making the enrollment leaves: the enrollment exists, its page never recorded it.
        var enrollment = Enrollment(fixture.Client, cohortId, student.StudentId);
        await enrollment.InitializeAsync(new EnrollmentInit((await cohort.GetAsync())!, student, "credential-of-the-failed-upload", now));
        await enrollment.TickAsync();
        var gate = fixture.Gates.Hold<IRosterPageGrain>(nameof(IRosterPageGrain.EnrollAsync), cohortId + "/");

        // The upload is sent again and its page is about to initialize the enrollment...
        var upload = cohort.EnrollAsync([new NumberedRosterRow(1, student)]);
        await gate.Entered.Task.WaitAsync(Prompt, Ct);
        // ...when the enrollment starts a tick whose cohort read goes to the cohort grain.
        fixture.Cohorts.Invalidate(cohortId);
        var readSent = fixture.Gates.CohortReadSentAsync(cohortId);
        var tick = enrollment.TickAsync();
        await readSent.WaitAsync(Prompt, Ct);
        gate.Release();

        await Task.WhenAll(upload, tick).WaitAsync(Prompt, Ct);
        Assert.NotNull(Assert.Single(await upload).Token);
        Assert.Equal(1, (await cohort.GetAsync())!.Enrolled);
    }
}
