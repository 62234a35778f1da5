using System.Collections.Immutable;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Cohorts;

[Collection(ClusterCollection.Name)]
public sealed class CohortGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Duration = TimeSpan.FromDays(28);

    [Fact]
    public async Task Create_SameIdTwice_SecondRefusedAndTheFirstKept()
    {
        var cohort = NewCohort();
        var startsAt = fixture.Clock.UtcNow;

        var created = await cohort.CreateAsync(new CohortDefinition("Spring", "taxi-fares", 1, startsAt, 60), Duration);
        var again = await cohort.CreateAsync(new CohortDefinition("Autumn", "energy-demand", 1, startsAt.AddDays(1), 1), Duration);

        Assert.True(created);
        Assert.False(again);
        var info = (await cohort.GetAsync())!;
        Assert.Equal(("Spring", "taxi-fares", 60.0, fixture.Clock.UtcNow), (info.Name, info.ScenarioId, info.Clock.Speed, info.CreatedAt));
    }

    [Fact]
    public async Task PauseAndResume_TenSecondsApart_ScenarioTimeStoodStillMeanwhile()
    {
        var cohort = NewCohort();
        var startsAt = fixture.Clock.UtcNow - TimeSpan.FromHours(1);
        await cohort.CreateAsync(new CohortDefinition("Paused", "taxi-fares", 1, startsAt, 60), Duration);

        var paused = await cohort.PauseAsync();
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(10));
        var whilePaused = (await cohort.GetAsync())!;
        var resumed = await cohort.ResumeAsync();

        Assert.Equal(CohortStatus.Paused, whilePaused.StatusAt(fixture.Clock.UtcNow));
        Assert.Equal(TimeSpan.FromHours(60), whilePaused.Clock.ElapsedAt(fixture.Clock.UtcNow));
        Assert.Equal(paused.Clock.ElapsedAt(paused.Clock.Pauses[^1].PausedAt), resumed.Clock.ElapsedAt(fixture.Clock.UtcNow));
        Assert.Equal(CohortStatus.Running, resumed.StatusAt(fixture.Clock.UtcNow));
    }

    [Fact]
    public async Task Pause_AlreadyPausedOrFinished_Refused()
    {
        var paused = NewCohort();
        var finished = NewCohort();
        await paused.CreateAsync(new CohortDefinition("Paused", "taxi-fares", 1, fixture.Clock.UtcNow, 1), Duration);
        await finished.CreateAsync(new CohortDefinition("Over", "taxi-fares", 1, fixture.Clock.UtcNow - Duration, 1), Duration);
        await paused.PauseAsync();

        await Assert.ThrowsAsync<CohortLifecycleException>(() => paused.PauseAsync());
        await Assert.ThrowsAsync<CohortLifecycleException>(() => finished.PauseAsync());
    }

    [Fact]
    public async Task Resume_NotPaused_Refused()
    {
        var cohort = NewCohort();
        await cohort.CreateAsync(new CohortDefinition("Running", "taxi-fares", 1, fixture.Clock.UtcNow, 1), Duration);

        await Assert.ThrowsAsync<CohortLifecycleException>(() => cohort.ResumeAsync());
    }

    [Fact]
    public async Task SetGrading_BeforeTheStart_StoredAndKeptAfterDeactivation()
    {
        var cohort = NewCohort();
        await cohort.CreateAsync(new CohortDefinition("Draft", "taxi-fares", 1, fixture.Clock.UtcNow.AddDays(1), 1), Duration);
        var grading = new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty.Add("punctuality", 0.3).Add("adaptation", 0));

        var changed = await cohort.SetGradingAsync(grading);
        await fixture.Cluster.DeactivateAsync(cohort);

        Assert.Equal(grading, changed.Grading);
        Assert.Equal(new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty.Add("adaptation", 0).Add("punctuality", 0.3)),
            (await cohort.GetAsync())!.Grading);
    }

    [Fact]
    public async Task SetGrading_AfterTheStart_RefusedAndTheGradingKept()
    {
        var cohort = NewCohort();
        var grading = new CohortGrading("all-proficient", ImmutableDictionary<string, double>.Empty);
        await cohort.CreateAsync(new CohortDefinition("Started", "taxi-fares", 1, fixture.Clock.UtcNow, 1, Grading: grading), Duration);

        var refused = await Assert.ThrowsAsync<CohortLifecycleException>(() => cohort.SetGradingAsync(null));

        Assert.Equal("The cohort is running; its grading can only change before it starts, since the grades students were shown would change " +
            "underneath them.", refused.Message);
        Assert.Equal(grading, (await cohort.GetAsync())!.Grading);
    }

    [Fact]
    public async Task Enroll_TwoStudents_CountedInTheCohort()
    {
        var cohort = NewCohort();
        await cohort.CreateAsync(new CohortDefinition("Spring", "taxi-fares", 1, fixture.Clock.UtcNow.AddDays(1), 1), Duration);

        var outcomes = await new RosterEnrollment(fixture.Client).EnrollAsync(cohort.GetPrimaryKeyString(),
        [
            new NumberedRosterRow(1, new RosterRow("ada", "Ada", "ada@example.org")),
            new NumberedRosterRow(2, new RosterRow("bob", "Bob", "bob@example.org")),
        ]);

        Assert.All(outcomes!.Value, o => Assert.NotNull(o.Token));
        Assert.Equal(2, (await cohort.GetAsync())?.Enrolled);
    }

    [Fact]
    public async Task Cohort_AfterDeactivation_PauseAndEnrolmentKept()
    {
        var cohort = NewCohort();
        await cohort.CreateAsync(new CohortDefinition("Spring", "taxi-fares", 1, fixture.Clock.UtcNow, 1), Duration);
        await new RosterEnrollment(fixture.Client).EnrollAsync(cohort.GetPrimaryKeyString(), [new NumberedRosterRow(1, new RosterRow("ada", "Ada", "ada@example.org"))]);
        await cohort.PauseAsync();

        await fixture.Cluster.DeactivateAsync(cohort);
        var info = (await cohort.GetAsync())!;

        Assert.True(info.Clock.IsPaused);
        Assert.Equal(1, info.Enrolled);
    }

    [Fact]
    public async Task RecordRosterSize_PagesReportTheirSizes_EnrolledIsTheirSumAndARepeatDoesNotAddUp()
    {
        var cohort = NewCohort();
        await cohort.CreateAsync(new CohortDefinition("Spring", "taxi-fares", 1, fixture.Clock.UtcNow, 1), Duration);

        await cohort.RecordRosterSizeAsync(3, 40);
        await cohort.RecordRosterSizeAsync(7, 2);
        await cohort.RecordRosterSizeAsync(3, 41);

        Assert.Equal(43, (await cohort.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task GetRosterKey_AskedTwiceAndAfterDeactivation_TheSameKey()
    {
        var cohort = NewCohort();
        await cohort.CreateAsync(new CohortDefinition("Spring", "taxi-fares", 1, fixture.Clock.UtcNow, 1), Duration);

        var first = await cohort.GetRosterKeyAsync();
        await fixture.Cluster.DeactivateAsync(cohort);
        var second = await cohort.GetRosterKeyAsync();

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
    }

    private ICohortGrain NewCohort() => fixture.Client.GetGrain<ICohortGrain>(TestCohorts.NewId("c-"));
}
