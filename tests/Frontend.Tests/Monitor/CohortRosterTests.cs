using PPipe.Frontend.Cohorts.Monitor;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Tests.Monitor;

[Collection(UiClusterCollection.Name)]
public sealed class CohortRosterTests(UiClusterFixture cluster)
{
    [Fact]
    public async Task Refresh_FirstTime_LoadsEveryEnrolledStudent()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(300);
        var roster = new CohortRoster(cluster.Client, cohortId);

        var changed = await roster.RefreshAsync();

        Assert.Equal(300, changed);
        Assert.Equal(300, roster.Count);
        Assert.Equal("Student 0042", roster.Find("s0042")?.Name);
    }

    [Fact]
    public async Task Refresh_NothingHappened_ReportsNoChange()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(40);
        var roster = new CohortRoster(cluster.Client, cohortId);
        await roster.RefreshAsync();

        var changed = await roster.RefreshAsync();

        Assert.Equal(0, changed);
        Assert.Equal(40, roster.Count);
    }

    [Fact]
    public async Task Refresh_AfterOneStudentFetches_OnlyThatRowChanges()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(80);
        var roster = new CohortRoster(cluster.Client, cohortId);
        await roster.RefreshAsync();

        await cluster.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "s0007").ToString()).RecordFetchAsync(1, "api");
        var changed = await roster.RefreshAsync();

        Assert.Equal(1, changed);
        var row = roster.Find("s0007")!;
        Assert.Equal(1, row.Fetched);
        Assert.Equal(1, row.LatestFetched);
        Assert.NotNull(row.LastFetchAt);
        Assert.Equal(0, roster.Find("s0008")!.Fetched);
    }

    [Fact]
    public async Task Refresh_StudentsEnrolledLater_Appear()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(10);
        var roster = new CohortRoster(cluster.Client, cohortId);
        await roster.RefreshAsync();

        await new PPipe.Grains.Client.Roster.RosterEnrollment(cluster.Client).EnrollAsync(cohortId,
            [new PPipe.Grains.Interfaces.Roster.NumberedRosterRow(2, new PPipe.Grains.Interfaces.Roster.RosterRow("late-1", "Late Comer", "late@example.edu"))]);
        var changed = await roster.RefreshAsync();

        Assert.Equal(1, changed);
        Assert.Equal(11, roster.Count);
        Assert.Equal("Late Comer", roster.Find("late-1")?.Name);
    }

    [Fact]
    public async Task Query_SearchLevelAndEndpointFilters_KeepOnlyMatchingRows()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(120);
        var roster = new CohortRoster(cluster.Client, cohortId);
        await roster.RefreshAsync();

        var byName = roster.Query(new MonitorQuery(Search: "student 011"));
        var byEmail = roster.Query(new MonitorQuery(Search: "S0100@EXAMPLE"));
        var ungraded = roster.Query(new MonitorQuery(Level: MonitorRow.Ungraded));
        var expert = roster.Query(new MonitorQuery(Level: "Expert"));
        var endpointsUp = roster.Query(new MonitorQuery(EndpointUp: true));

        Assert.Equal(["s0110", "s0111", "s0112", "s0113", "s0114", "s0115", "s0116", "s0117", "s0118", "s0119"], byName.Rows.Select(r => r.StudentId));
        Assert.Equal(10, byName.Matching);
        Assert.Equal(120, byName.Total);
        Assert.Equal(["s0100"], byEmail.Rows.Select(r => r.StudentId));
        Assert.Equal(120, ungraded.Matching);
        Assert.Equal(0, expert.Matching);
        Assert.Empty(endpointsUp.Rows);
    }

    [Fact]
    public async Task Query_SortedAndPaged_PagesAreStableAndTiesFallBackToTheStudentId()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(150);
        foreach (var student in (string[])["s0149", "s0003", "s0077"])
        {
            await cluster.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, student).ToString()).RecordFetchAsync(1, "api");
        }

        await cluster.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "s0077").ToString()).RecordFetchAsync(2, "bucket");
        var roster = new CohortRoster(cluster.Client, cohortId);
        await roster.RefreshAsync();

        var mostFetched = roster.Query(new MonitorQuery(SortBy: MonitorColumn.Fetched, Descending: true, PageSize: 4));
        var secondPage = roster.Query(new MonitorQuery(Page: 1, PageSize: 50));
        var lastPage = roster.Query(new MonitorQuery(Page: 2, PageSize: 60));
        var beyond = roster.Query(new MonitorQuery(Page: 9, PageSize: 50));

        Assert.Equal(["s0077", "s0003", "s0149", "s0000"], mostFetched.Rows.Select(r => r.StudentId));
        Assert.Equal("s0050", secondPage.Rows[0].StudentId);
        Assert.Equal("s0099", secondPage.Rows[^1].StudentId);
        Assert.Equal(30, lastPage.Rows.Count);
        Assert.Empty(beyond.Rows);
        Assert.Equal(150, beyond.Matching);
    }
}
