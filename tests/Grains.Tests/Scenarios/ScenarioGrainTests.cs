using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Grains.Scenarios;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class ScenarioGrainTests(ClusterFixture fixture)
{
    private const string First = "template: taxi-fares\ntitle: First\n";
    private const string Second = "template: taxi-fares\ntitle: Second\n";

    [Fact]
    public async Task AddVersion_TwoValidSpecs_NumberedInOrderAndKeptAsWritten()
    {
        var scenario = NewScenario();

        var first = await scenario.AddVersionAsync(First);
        var second = await scenario.AddVersionAsync(Second);

        Assert.Equal((1, 0), (first.Version, first.Errors.Length));
        Assert.Equal((2, 0), (second.Version, second.Errors.Length));
        var versions = await scenario.ListAsync();
        Assert.Equal([(1, "First", First), (2, "Second", Second)], versions.Select(v => (v.Version, v.Title, v.SpecText)));
        Assert.Equal(Second, (await scenario.GetVersionAsync(2))?.SpecText);
        Assert.Null(await scenario.GetVersionAsync(3));
        Assert.Null(await scenario.GetVersionAsync(0));
    }

    [Fact]
    public async Task AddVersion_InvalidSpec_ProblemsAndNoVersion()
    {
        var scenario = NewScenario();

        var result = await scenario.AddVersionAsync("template: taxi-fares\nseed: not-a-number\n");

        Assert.Null(result.Version);
        Assert.NotEmpty(result.Errors);
        Assert.Empty(await scenario.ListAsync());
    }

    [Fact]
    public async Task AddVersion_NewVersion_TheLibraryListsTheLatest()
    {
        var scenario = NewScenario();

        await scenario.AddVersionAsync(First);
        await scenario.AddVersionAsync(Second);

        var entries = (await fixture.Client.GetGrain<ILibraryGrain>(ILibraryGrain.Key).ScenariosAsync()).Where(e => e.Id == scenario.GetPrimaryKeyString()).ToList();
        Assert.Equal([("Second", 2)], entries.Select(e => (e.Title, e.Version)));
    }

    [Fact]
    public async Task AddVersion_BeyondMaxVersions_RefusedWithAProblem()
    {
        var scenario = NewScenario();
        for (var i = 0; i < ScenarioGrain.MaxVersions; i++)
        {
            await scenario.AddVersionAsync(First);
        }

        var refused = await scenario.AddVersionAsync(Second);

        Assert.Null(refused.Version);
        Assert.Contains("new scenario", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(ScenarioGrain.MaxVersions, (await scenario.ListAsync()).Length);
    }

    [Fact]
    public async Task Versions_AfterDeactivation_StillThere()
    {
        var scenario = NewScenario();
        await scenario.AddVersionAsync(First);

        await fixture.Cluster.DeactivateAsync(scenario);

        Assert.Equal(First, (await scenario.GetVersionAsync(1))?.SpecText);
    }

    private IScenarioGrain NewScenario() => fixture.Client.GetGrain<IScenarioGrain>(TestCohorts.NewId("s-"));
}
