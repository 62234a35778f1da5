using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Frontend.Tests.Monitor;

[Collection(UiClusterCollection.Name)]
public sealed class StudentDetailTests(UiClusterFixture cluster) : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<StudentDetail> RenderDetail(string cohortId, string studentId)
    {
        this.UseUi(cluster, AccountRoles.Instructor);
        return Render<StudentDetail>(p => p.Add(d => d.CohortId, cohortId).Add(d => d.StudentId, studentId));
    }

    [Fact]
    public async Task Detail_StudentWhoFetched_ShowsTheFetchInTheTimelineAndEveryCriterion()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(3);
        await cluster.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "s0001").ToString()).RecordFetchAsync(1, "api");

        var detail = RenderDetail(cohortId, "s0001");

        detail.WaitForAssertion(() => Assert.Equal("Student 0001", detail.Find("h1").TextContent), Wait);
        var timeline = detail.Find("[aria-label='Timeline']").TextContent;
        Assert.Contains("Fetched release 1 through api", timeline);
        Assert.Contains("Release 1 out on the api channel", timeline);
        Assert.Equal("1", detail.Find("[aria-label='Releases fetched'] .figure-value").TextContent);
        var criteria = detail.FindAll("[aria-label='Grade by criterion'] tbody th").Select(th => th.TextContent).ToList();
        Assert.Contains("Acquisition", criteria);
        Assert.Contains("Endpoint availability", criteria);
        Assert.Equal("none", detail.Find("[aria-label='Endpoint'] .figure-value").TextContent);
    }

    [Fact]
    public async Task Detail_ExtensionThatIsNotADuration_IsRefusedWithTheExpectedFormat()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(1);
        var detail = RenderDetail(cohortId, "s0000");
        detail.WaitForAssertion(() => detail.Find("h2#extension-heading"), Wait);

        await detail.ChangeAsync("input", "three days");
        await detail.ClickButtonAsync("Set extension");

        detail.WaitForAssertion(() => Assert.Equal(
            "The extension must be a scenario duration such as 30m, 12h or 2d (0s removes it).", detail.Find("[role='alert']").TextContent), Wait);
    }

    [Fact]
    public async Task Detail_ValidExtension_IsConfirmed()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(1);
        var detail = RenderDetail(cohortId, "s0000");
        detail.WaitForAssertion(() => detail.Find("h2#extension-heading"), Wait);

        await detail.ChangeAsync("input", "2d");
        await detail.ClickButtonAsync("Set extension");

        detail.WaitForAssertion(() => Assert.Equal("s0000 now has 2d more on every deadline.", detail.Find(".extension-form + p[role='status']").TextContent), Wait);
    }

    [Fact]
    public async Task Detail_StudentNotInTheCohort_SaysSo()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(1);

        var detail = RenderDetail(cohortId, "nobody");

        detail.WaitForAssertion(() => Assert.Equal("Student not found", detail.Find("h1").TextContent), Wait);
        Assert.Contains($"There is no student 'nobody' in cohort '{cohortId}'", detail.Find("[role='alert']").TextContent);
    }
}
