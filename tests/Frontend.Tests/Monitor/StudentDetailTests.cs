using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;

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
    public async Task Detail_StudentWhoseAnswersNameAModel_ShowsTheLineageAndTheModelOfEachProbe()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(1);
        var enrollment = cluster.Client.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, "s0000").ToString());
        await enrollment.RecordProbesAsync([new ProbeResult(0, 1, cluster.Clock.UtcNow, TimeSpan.Zero, true, 200, 40, null, null, 5, null, new ModelStamp("v1", 0, null))]);

        var detail = RenderDetail(cohortId, "s0000");

        detail.WaitForAssertion(() => detail.Find("h2#lineage-heading"), Wait);
        Assert.Equal("v1", detail.Find("[aria-label='Model versions'] tbody td").TextContent);
        Assert.Contains("v1", detail.Find("[aria-label='Recent probes'] tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_ScenarioGradingBeyondOutcomes_GradeTableHasMonitoringLineageReproducibilityAndRollout()
    {
        const string spec = """
            template: taxi-fares
            grading: {criteria: {acquisition: 1, monitoring: 1, lineage: 1, reproducibility: 1, rollout: 1}}
            """;
        var key = (await cluster.EnrollAsync(cluster.Clock.UtcNow.AddMinutes(-1), 1, ["ada"], spec: spec))[0].Key;

        var detail = RenderDetail(key.CohortId, key.StudentId);

        detail.WaitForAssertion(() => detail.Find("[aria-label='Grade by criterion'] tbody th"), Wait);
        Assert.Equal(["Acquisition", "Monitoring", "Lineage", "Reproducibility", "Rollout"],
            detail.FindAll("[aria-label='Grade by criterion'] tbody th").Select(th => th.TextContent));
    }

    [Fact]
    public async Task Detail_NoModelNamedInAScenarioNotGradingLineage_NoLineageSection()
    {
        var cohortId = await cluster.CohortWithStudentsAsync(1);

        var detail = RenderDetail(cohortId, "s0000");

        detail.WaitForAssertion(() => Assert.Equal("Student 0000", detail.Find("h1").TextContent), Wait);
        Assert.Empty(detail.FindAll("h2#lineage-heading"));
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

    [Fact]
    public async Task Detail_ReissueConfirmed_ShowsTheNewTokenWhichWorksWhileTheOldOneNoLonger()
    {
        var (key, oldToken) = (await cluster.EnrollAsync(cluster.Clock.UtcNow.AddHours(-1), 1, ["rei"]))[0];
        var detail = RenderDetail(key.CohortId, "rei");
        detail.WaitForAssertion(() => detail.Find("h2#access-heading"), Wait);

        await detail.ClickButtonAsync("Re-issue token");
        var question = detail.Find("[aria-label='Confirm'] p").TextContent;
        var tokenBeforeConfirming = detail.FindAll("[aria-label='New token']").Count;
        await detail.ClickButtonAsync("Yes, re-issue the token");

        detail.WaitForAssertion(() => Assert.StartsWith(StudentToken.Prefix, detail.Find("[aria-label='New token']").TextContent), Wait);
        var newToken = detail.Find("[aria-label='New token']").TextContent;
        Assert.Contains("current token and bucket keys stop working at once", question);
        Assert.Equal(0, tokenBeforeConfirming);
        Assert.True(StudentToken.LooksValid(newToken));
        Assert.Null(await Credential(oldToken).ResolveAsync());
        Assert.Equal(key, await Credential(newToken).ResolveAsync());
        Assert.Empty(detail.FindAll("[aria-label='Confirm']"));
    }

    [Fact]
    public async Task Detail_RemoveCancelled_NothingChanges()
    {
        var (key, token) = (await cluster.EnrollAsync(cluster.Clock.UtcNow.AddHours(-1), 1, ["can"]))[0];
        var detail = RenderDetail(key.CohortId, "can");
        detail.WaitForAssertion(() => detail.Find("h2#access-heading"), Wait);

        await detail.ClickButtonAsync("Remove student");
        await detail.ClickButtonAsync("Cancel");

        Assert.Empty(detail.FindAll("[aria-label='Confirm']"));
        Assert.Null((await Enrollment(key).GetAsync())!.RemovedAt);
        Assert.Equal(key, await Credential(token).ResolveAsync());
    }

    [Fact]
    public async Task Detail_RemoveConfirmed_ShownAsRemovedWithoutActionsAndTheTokenDead()
    {
        var (key, token) = (await cluster.EnrollAsync(cluster.Clock.UtcNow.AddHours(-1), 1, ["rem"]))[0];
        var detail = RenderDetail(key.CohortId, "rem");
        detail.WaitForAssertion(() => detail.Find("h2#access-heading"), Wait);

        await detail.ClickButtonAsync("Remove student");
        await detail.ClickButtonAsync("Yes, remove the student");

        detail.WaitForAssertion(() => Assert.Contains("Removed from the cohort on", detail.Find("[aria-label='Removed']").TextContent), Wait);
        Assert.Equal("rem was removed from the cohort.", detail.Find(".action-message").TextContent);
        Assert.DoesNotContain(detail.FindAll("button"), b => b.TextContent.Contains("Re-issue token", StringComparison.Ordinal));
        Assert.NotNull((await Enrollment(key).GetAsync())!.RemovedAt);
        Assert.Null(await Credential(token).ResolveAsync());
    }

    [Fact]
    public async Task Detail_ResetConfirmed_FetchesStartAgainAndTheTokenStays()
    {
        var (key, token) = (await cluster.EnrollAsync(cluster.Clock.UtcNow.AddHours(-1), 1, ["res"]))[0];
        await Enrollment(key).RecordFetchAsync(1, "api");
        var detail = RenderDetail(key.CohortId, "res");
        detail.WaitForAssertion(() => Assert.Equal("1", detail.Find("[aria-label='Releases fetched'] .figure-value").TextContent), Wait);

        await detail.ClickButtonAsync("Reset progress");
        await detail.ClickButtonAsync("Yes, reset progress");

        detail.WaitForAssertion(() => Assert.Equal("0", detail.Find("[aria-label='Releases fetched'] .figure-value").TextContent), Wait);
        Assert.StartsWith("res's progress starts again from", detail.Find(".action-message").TextContent);
        Assert.Contains("progress reset", detail.Find("[aria-label='Progress reset']").TextContent);
        Assert.Equal(key, await Credential(token).ResolveAsync());
    }

    private ICredentialGrain Credential(string token) => cluster.Client.GetGrain<ICredentialGrain>(StudentToken.KeyOf(token));

    private IEnrollmentGrain Enrollment(EnrollmentKey key) => cluster.Client.GetGrain<IEnrollmentGrain>(key.ToString());
}
