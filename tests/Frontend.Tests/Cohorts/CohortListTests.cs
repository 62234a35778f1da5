using System.Collections.Immutable;
using MudBlazor;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Frontend.Tests.Cohorts;

[Collection(UiClusterCollection.Name)]
public sealed class CohortListTests : BunitContext
{
    private readonly UiClusterFixture _cluster;

    public CohortListTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public async Task CohortList_NewestFirst_ShowsStatusEnrolledAndLinks()
    {
        var running = await _cluster.OpenCohortAsync("Running one", DateTimeOffset.UtcNow.AddHours(-1));
        await new RosterEnrollment(_cluster.Client).EnrollAsync(running, [new NumberedRosterRow(1, new RosterRow("r1", "Ada", ""))]);
        var paused = await _cluster.OpenCohortAsync("Paused one", DateTimeOffset.UtcNow.AddHours(-1));
        await _cluster.Client.GetGrain<ICohortGrain>(paused).PauseAsync();
        var draft = await _cluster.OpenCohortAsync("Draft one", DateTimeOffset.UtcNow.AddDays(2));

        var cut = Render<CohortList>();

        cut.WaitForElement("table[aria-label='Cohorts']");
        var rows = cut.FindAll("table[aria-label='Cohorts'] tbody tr").Take(3)
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal([("Draft one", "taxi-fares v1", "draft", "0"), ("Paused one", "taxi-fares v1", "paused", "0"), ("Running one", "taxi-fares v1", "running", "1")],
            rows.Select(r => (r[0], r[1], r[2], r[3])));
        Assert.Equal($"/cohorts/{draft}", cut.Find("table[aria-label='Cohorts'] tbody tr a").GetAttribute("href"));
        Assert.Equal("/cohorts/new", cut.FindAll("a").Single(a => a.TextContent.Trim() == "New cohort").GetAttribute("href"));
    }

    [Fact]
    public async Task CohortList_MoreThanAPage_ShowsOnePageAtATimeAndPagesOn()
    {
        var library = _cluster.Client.GetGrain<ILibraryGrain>(ILibraryGrain.Key);
        for (var i = (await library.CohortsAsync()).Length; i <= CohortList.PageSize; i++)
        {
            await _cluster.OpenCohortAsync($"Filler {i}", DateTimeOffset.UtcNow.AddDays(1));
        }

        ImmutableArray<LibraryEntry> all = await library.CohortsAsync();
        var cut = Render<CohortList>();
        cut.WaitForElement("table[aria-label='Cohorts']");

        Assert.Equal(CohortList.PageSize, cut.FindAll("table[aria-label='Cohorts'] tbody tr").Count);
        var pagination = cut.FindComponent<MudPagination>();
        await cut.InvokeAsync(() => pagination.Instance.SelectedChanged.InvokeAsync(2));

        cut.WaitForAssertion(() => Assert.Equal(all[CohortList.PageSize].Title,
            cut.Find("table[aria-label='Cohorts'] tbody tr td").TextContent));
        Assert.Equal(Math.Min(all.Length - CohortList.PageSize, CohortList.PageSize), cut.FindAll("table[aria-label='Cohorts'] tbody tr").Count);
    }

    [Fact]
    public async Task CohortRosterImport_UnknownOrExistingCohort_SaysSoOrOffersTheImport()
    {
        var cohort = await _cluster.OpenCohortAsync("Roster page", DateTimeOffset.UtcNow.AddDays(1));

        var missing = Render<CohortRosterImport>(p => p.Add(c => c.Id, "c-nope"));
        var existing = Render<CohortRosterImport>(p => p.Add(c => c.Id, cohort));

        missing.WaitForAssertion(() => Assert.Equal("There is no cohort 'c-nope'.", missing.Find("[role=alert]").TextContent));
        Assert.Empty(missing.FindAll("#roster-file"));
        existing.WaitForAssertion(() => Assert.Equal("Roster of Roster page", existing.Find("h1").TextContent));
        Assert.NotNull(existing.Find("label[for='roster-file']"));
        Assert.Equal($"/cohorts/{cohort}", existing.FindAll("a").Single(a => a.TextContent == "Open the cohort monitor").GetAttribute("href"));
    }
}
