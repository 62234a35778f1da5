using PPipe.Grains.Interfaces.Library;
using PPipe.Grains.Library;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Library;

/// <summary>The instructors' library, each test on a library of its own (the grain works under any key).</summary>
[Collection(ClusterCollection.Name)]
public sealed class LibraryGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AddScenario_NewerVersionOfAListedScenario_ReplacesItsEntryAndListsItNewest()
    {
        var library = NewLibrary();
        await library.AddScenarioAsync(Entry("s-taxi", version: 1));
        await library.AddScenarioAsync(Entry("s-energy", version: 1));

        await library.AddScenarioAsync(Entry("s-taxi", version: 2));
        var scenarios = await library.ScenariosAsync();

        Assert.Equal([("s-taxi", 2), ("s-energy", 1)], scenarios.Select(e => (e.Id, e.Version)));
    }

    [Fact]
    public async Task Cohorts_SeveralAdded_NewestFirstAndApartFromScenarios()
    {
        var library = NewLibrary();
        await library.AddScenarioAsync(Entry("s-taxi", version: 1));

        await library.AddCohortAsync(Entry("c-spring", scenarioId: "s-taxi"));
        await library.AddCohortAsync(Entry("c-autumn", scenarioId: "s-taxi"));
        var cohorts = await library.CohortsAsync();

        Assert.Equal(["c-autumn", "c-spring"], cohorts.Select(e => e.Id));
        Assert.Equal(["s-taxi"], (await library.ScenariosAsync()).Select(e => e.Id));
    }

    [Fact]
    public async Task AddCohort_BeyondMaxEntries_KeepsTheNewest()
    {
        var library = NewLibrary();
        var full = new LibraryState { Cohorts = [.. Enumerable.Range(0, ILibraryGrain.MaxEntries).Select(i => Entry($"c-{i:00000}"))] };
        await fixture.SeedStateAsync(library, "library", full);

        await library.AddCohortAsync(Entry($"c-{ILibraryGrain.MaxEntries:00000}"));
        var cohorts = await library.CohortsAsync();

        Assert.Equal(ILibraryGrain.MaxEntries, cohorts.Length);
        Assert.Equal($"c-{ILibraryGrain.MaxEntries:00000}", cohorts[0].Id);
        Assert.Equal("c-00001", cohorts[^1].Id);
    }

    [Fact]
    public async Task Entries_AfterDeactivation_StillListed()
    {
        var library = NewLibrary();
        await library.AddScenarioAsync(Entry("s-taxi", version: 3));
        await library.AddCohortAsync(Entry("c-spring", scenarioId: "s-taxi"));

        await fixture.Cluster.DeactivateAsync(library);

        Assert.Equal([Entry("s-taxi", version: 3)], await library.ScenariosAsync());
        Assert.Equal([Entry("c-spring", scenarioId: "s-taxi")], await library.CohortsAsync());
    }

    private ILibraryGrain NewLibrary() => fixture.Client.GetGrain<ILibraryGrain>("library-" + Guid.NewGuid().ToString("N"));

    private static LibraryEntry Entry(string id, string? scenarioId = null, int version = 1) =>
        new(id, $"Title of {id}", new DateTimeOffset(2031, 2, 3, 9, 0, 0, TimeSpan.Zero), scenarioId ?? id, version);
}
