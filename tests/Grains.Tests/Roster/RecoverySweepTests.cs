using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using PPipe.Grains.Enrollments;
using static PPipe.Grains.Tests.Roster.RosterTestCohorts;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// What a silo's death leaves behind: enrollments that are not active and whose next wake was in the dead silo's memory.
/// The recovery sweep brings them back without anyone calling them, so what falls due is done within seconds.
/// </summary>
[Collection(RosterClusterCollection.Name)]
public sealed class RecoverySweepTests(RosterClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_EnrollmentWhoseWakeWasLost_ActivatedAndItsSealedBatchCountedOnItsPage()
    {
        var startsAt = fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        var (_, cohortId) = await CreateAsync(fixture.Client, startsAt, "lost");
        var enrollment = Enrollment(fixture.Client, cohortId, "lost");
        var page = PageOf(fixture.Client, cohortId, "lost");
        await enrollment.TickAsync();
        await PageSummaryAsync(page, s => s.Enrolled == 1);
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        // As after its silo died: the enrollment is not active and no wake is waiting for it.
        await enrollment.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        services.GetRequiredService<EnrollmentWakeups>().Cancel(enrollment.GetGrainId());

        fixture.Clock.SetUtcNow(startsAt + TimeSpan.FromMinutes(1.8)); // batch 1 closed at 1.75 with nothing submitted
        var before = await page.SummarizeAsync(0);
        services.GetRequiredService<EnrollmentRecovery>().Request("a test's silo died");
        // The sweep waits out its settle delay on the clock from whenever it took the request: move the clock a second at a
        // time to twice that delay (batch 2 is 40 s away), then give the sweep time to read every cohort the other tests made.
        for (var second = 0; second < 2 * EnrollmentRecovery.SettleDelay.TotalSeconds; second++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, Ct);
        }

        var after = await PageSummaryAsync(page, s => s.DueBatches >= 1);
        Assert.Equal(0, before.DueBatches);
        Assert.Equal(1, after.DueBatches);
    }
}
