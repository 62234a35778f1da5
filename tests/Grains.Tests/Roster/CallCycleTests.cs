using Orleans.Core.Internal;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// The grain call graph has no cycle: a cohort summary calls roster pages, which answer from what their students pushed
/// and never call an enrollment back, so an enrollment whose tick waits on its cohort can never be what a summary waits
/// on. Cohort reads do not interleave with the cohort's other calls; they need not.
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
        var gate = fixture.Gates.HoldPageSummaries(cohortId);

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
}
