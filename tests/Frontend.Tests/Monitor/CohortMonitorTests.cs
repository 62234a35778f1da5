using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Grains.Accounts;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Scenarios;

namespace PPipe.Frontend.Tests.Monitor;

[Collection(MonitorCollection.Name)]
public sealed class CohortMonitorTests(MonitorCluster cluster) : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<CohortMonitor> RenderMonitor(string cohortId)
    {
        Services.AddMudServices();
        Services.AddSingleton<IGrainFactory>(cluster.Client);
        Services.AddSingleton(new ScenarioCatalog(cluster.Client));
        Services.AddSingleton(new CohortDirectory(cluster.Client, TimeProvider.System));
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("admin").SetRoles(AccountRoles.Admin, AccountRoles.Instructor);
        Render<MudBlazor.MudPopoverProvider>();
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
        Assert.Equal($"/cohorts/{cohortId}/students/s0000", monitor.Find("[aria-label='Students'] tbody tr a").GetAttribute("href"));
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

        monitor.FindAll("button").Single(b => b.TextContent.Contains("Pause cohort")).Click();
        monitor.WaitForAssertion(() => Assert.Equal("paused", monitor.Find("[aria-label='Status']").TextContent), Wait);
        var paused = await cluster.Client.GetGrain<ICohortGrain>(cohortId).GetAsync();
        monitor.FindAll("button").Single(b => b.TextContent.Contains("Resume cohort")).Click();
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
