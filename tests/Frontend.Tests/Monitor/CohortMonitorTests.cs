using System.Collections.Immutable;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Monitor;

[Collection(UiClusterCollection.Name)]
public sealed class CohortMonitorTests(UiClusterFixture cluster) : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<CohortMonitor> RenderMonitor(string cohortId)
    {
        this.UseUi(cluster, AccountRoles.Admin, AccountRoles.Instructor);
        return Render<CohortMonitor>(p => p.Add(m => m.CohortId, cohortId));
    }

    [Fact]
    public async Task Monitor_RunningCohort_ShowsHeadlineCountsAndEveryStudent()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(30, "Autumn MLOps");

        var monitor = RenderMonitor(cohortId);

        monitor.WaitForAssertion(() => Assert.Contains("30 of 30 students shown", monitor.Find("[aria-label='Matching students']").TextContent), Wait);
        Assert.Equal("Autumn MLOps", monitor.Find("h1").TextContent);
        Assert.Equal("30", monitor.Find("[aria-label='Enrolled'] .figure-value").TextContent);
        Assert.Equal("running", monitor.Find("[aria-label='Status']").TextContent);
        Assert.Equal("graded weighted-mean", monitor.Find("[aria-label='Grading']").TextContent);
        Assert.Equal($"/cohorts/{cohortId}/students/s0000", monitor.Find("[aria-label='Students'] tbody tr a").GetAttribute("href"));
    }

    [Fact]
    public async Task Monitor_RunningCohort_OffersAnnouncementsAndTheInstructorsAlerts()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(4);

        var monitor = RenderMonitor(cohortId);

        monitor.WaitForAssertion(() => Assert.Contains("No announcements yet.", monitor.Markup), Wait);
        monitor.WaitForAssertion(() => monitor.Find("[aria-label='No contact']"), Wait);
        Assert.Equal(["Announcements", "Digest and alerts"], monitor.FindAll("h2").Select(h => h.TextContent).Where(t => t is "Announcements" or "Digest and alerts"));
        await monitor.ChangeAsync("#announcement-subject", "Welcome");
        await monitor.ChangeAsync("#announcement-text", "Hello all.");
        await monitor.ClickButtonAsync("Review announcement");
        Assert.Contains("(4 enrolled)", monitor.Find("[aria-label='Confirm the announcement']").TextContent);
    }

    [Fact]
    public async Task Monitor_CohortWithItsOwnGrading_SaysHowItIsGraded()
    {
        var (cohortId, _) = await TestCohorts.CreateAsync(cluster.Client, "taxi-fares", cluster.Clock.UtcNow.AddDays(1), 1, [], "Strict",
            new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty.Add("adaptation", 0)));

        var monitor = RenderMonitor(cohortId);

        monitor.WaitForAssertion(() => Assert.Equal("graded all-proficient, with the cohort's own weights", monitor.Find("[aria-label='Grading']").TextContent), Wait);
    }

    [Fact]
    public async Task Monitor_StudentFetches_RowAndHeadlineUpdateWithoutReload()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(5);
        var monitor = RenderMonitor(cohortId);
        monitor.WaitForAssertion(() => Assert.Contains("5 of 5 students shown", monitor.Find("[aria-label='Matching students']").TextContent), Wait);

        await cluster.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "s0003").ToString()).RecordFetchAsync(1, "api");

        monitor.WaitForAssertion(() =>
        {
            var row = monitor.FindAll("[aria-label='Students'] tbody tr").Single(r => r.TextContent.Contains("s0003"));
            Assert.Contains("1 (latest #1)", row.TextContent);
        }, Wait);
    }

    [Fact]
    public async Task Monitor_PauseThenResume_ChangesTheStatusAndTheButton()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(2);
        var monitor = RenderMonitor(cohortId);
        monitor.WaitForAssertion(() => monitor.Find("[aria-label='Status']"), Wait);

        await monitor.ClickButtonAsync("Pause cohort");
        monitor.WaitForAssertion(() => Assert.Equal("paused", monitor.Find("[aria-label='Status']").TextContent), Wait);
        var paused = await cluster.Client.GetGrain<ICohortGrain>(cohortId).GetAsync();
        await monitor.ClickButtonAsync("Resume cohort");
        monitor.WaitForAssertion(() => Assert.Equal("running", monitor.Find("[aria-label='Status']").TextContent), Wait);

        Assert.True(paused!.Clock.IsPaused);
        Assert.False((await cluster.Client.GetGrain<ICohortGrain>(cohortId).GetAsync())!.Clock.IsPaused);
    }

    [Fact]
    public void Monitor_UnknownCohort_SaysSoAndLinksBack()
    {
        var monitor = RenderMonitor("c-does-not-exist");

        monitor.WaitForAssertion(() => Assert.Equal("Cohort not found", monitor.Find("h1").TextContent), Wait);
        Assert.Contains("There is no cohort 'c-does-not-exist'", monitor.Find("[role='alert']").TextContent);
    }
}
