using PPipe.Scenarios;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Spec;
using PPipe.Simulation.Demo;
using PPipe.Simulation.Endpoints;
using PPipe.Simulation.Students;
using PPipe.Simulation.Tests.Students;
using PPipe.TestSupport;

namespace PPipe.Simulation.Tests.Demo;

public sealed class DemoCohortTests
{
    [Fact]
    public void Roster_TwentyFour_SpreadsTheArchetypesAndCopiesDiligentStudents()
    {
        var roster = DemoCohort.Roster(24);

        var counts = roster.GroupBy(r => r.Archetype).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<StudentArchetype, int>
            {
                [StudentArchetype.Diligent] = 4,
                [StudentArchetype.RetrainsEveryRelease] = 1,
                [StudentArchetype.TrainsOnce] = 2,
                [StudentArchetype.SubmitsLate] = 1,
                [StudentArchetype.FlakyEndpoint] = 2,
                [StudentArchetype.SlowEndpoint] = 1,
                [StudentArchetype.NeverDeploys] = 1,
                [StudentArchetype.Silent] = 2,
                [StudentArchetype.FalseAlarmer] = 1,
                [StudentArchetype.Copier] = 2,
                [StudentArchetype.NoLineage] = 1,
                [StudentArchetype.InflatedLineage] = 1,
                [StudentArchetype.ReusesVersion] = 1,
                [StudentArchetype.BlueGreen] = 2,
                [StudentArchetype.RedeploysWithDowntime] = 2,
            },
            counts);
        Assert.Equal(24, roster.Select(r => r.StudentId).Distinct().Count());
        Assert.Equal(["sim-01", "sim-02"], roster.Where(r => r.Archetype == StudentArchetype.Copier).Select(r => r.CopiesStudentId));
        Assert.Equal("Ada (diligent)", roster[0].Name);
        Assert.Equal(["Priya (copies Ada)", "Quentin (copies Bruno)"], roster.Where(r => r.Archetype == StudentArchetype.Copier).Select(r => r.Name));
        Assert.Equal("Yara (redeploys with downtime)", roster[^1].Name);
        Assert.Contains(roster, r => r.Name == "Rosa (never names its model)");
    }

    [Fact]
    public void DemoScenario_Spec_IsValidAndAssessesMonitoringOfAnEventOfEachKindAndLightlyTheOtherNewCriteria()
    {
        var read = ScenarioSpecReader.Read(DemoScenario.Spec);

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal(0.15, read.Scenario.Grading.WeightOf(Criterion.Monitoring), 6);
        Assert.Equal(0.05, read.Scenario.Grading.WeightOf(Criterion.Reproducibility), 6);
        Assert.Equal(0.05, read.Scenario.Grading.WeightOf(Criterion.Lineage), 6);
        Assert.Equal(0.05, read.Scenario.Grading.WeightOf(Criterion.Rollout), 6);
        Assert.Equal([typeof(ChannelOutage), typeof(RenamedColumn)], read.Scenario.Quirks.Select(q => q.GetType()));
        Assert.Equal([typeof(ConceptDrift), typeof(CovariateShift)], read.Scenario.Drift.Select(d => d.GetType()));
    }

    [Fact]
    public void Roster_OneStudent_IsDiligent() =>
        Assert.Equal(StudentArchetype.Diligent, Assert.Single(DemoCohort.Roster(1)).Archetype);

    [Fact]
    public async Task RunAsync_Platform_UploadsItsScenarioCreatesTheCohortEnrollsTheRosterAndRunsEveryStudent()
    {
        await using var platform = await FakePlatform.StartAsync();
        await using var endpoints = await SimulatedEndpoints.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        platform.Publish(1);
        var demo = new DemoCohort(platform.BaseAddress, FakePlatform.AdminKey, http, endpoints,
            new DemoCohortOptions { Students = 24, PollInterval = TimeSpan.FromMilliseconds(50) });

        var run = demo.RunAsync(stop.Token);
        await Eventually.HoldsAsync(() => demo.Students.Count == 24 && demo.Students.All(s => s.Activity.Fetches.Count == 1), "every student fetching", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => demo.Students.Count(s => s.EndpointRegistered) == 23, "every endpoint but the one never deployed", cancellationToken: TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(DemoScenario.Spec, Assert.Single(platform.Specs));
        var cohort = Assert.Single(platform.Cohorts);
        Assert.Equal(("s-fake", 1), (cohort.GetProperty("scenarioId").GetString(), cohort.GetProperty("version").GetInt32()));
        Assert.Equal(1440, cohort.GetProperty("speed").GetDouble());
        Assert.Equal(24, Assert.Single(platform.Rosters).Count);
        Assert.Equal("c-fake", demo.CohortId);
        Assert.Equal([StudentArchetype.Copier, StudentArchetype.Copier], demo.Students.Skip(15).Take(2).Select(s => s.Archetype));
        Assert.Equal(StudentArchetype.RedeploysWithDowntime, demo.Students[^1].Archetype);
    }

    [Fact]
    public async Task RunAsync_ScenarioConfigured_OpensTheCohortOnItWithoutUploading()
    {
        await using var platform = await FakePlatform.StartAsync();
        await using var endpoints = await SimulatedEndpoints.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var demo = new DemoCohort(platform.BaseAddress, FakePlatform.AdminKey, http, endpoints,
            new DemoCohortOptions { ScenarioId = "card-fraud", Version = 1, Students = 1, PollInterval = TimeSpan.FromMilliseconds(50) });

        var run = demo.RunAsync(stop.Token);
        await Eventually.HoldsAsync(() => demo.Students.Count == 1, "the student enrolled", cancellationToken: TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Empty(platform.Specs);
        Assert.Equal("card-fraud", Assert.Single(platform.Cohorts).GetProperty("scenarioId").GetString());
    }
}
