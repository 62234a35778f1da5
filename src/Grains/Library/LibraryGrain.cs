using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Library;

namespace PPipe.Grains.Library;

internal sealed class LibraryGrain(
    [PersistentState("library", StorageNames.Default)] IPersistentState<LibraryState> state) : Grain, ILibraryGrain
{
    public Task AddScenarioAsync(LibraryEntry scenario) =>
        AddAsync(state.State.Scenarios, scenario, e => e.Id == scenario.Id);

    public Task AddCohortAsync(LibraryEntry cohort) =>
        AddAsync(state.State.Cohorts, cohort, e => e.Id == cohort.Id);

    public Task AddDatasetAsync(LibraryEntry dataset) =>
        AddAsync(state.State.Datasets, dataset, e => e.Id == dataset.Id);

    public Task<ImmutableArray<LibraryEntry>> DatasetsAsync() => Task.FromResult(NewestFirst(state.State.Datasets));

    public Task<ImmutableArray<LibraryEntry>> ScenariosAsync() => Task.FromResult(NewestFirst(state.State.Scenarios));

    public Task<ImmutableArray<LibraryEntry>> CohortsAsync() => Task.FromResult(NewestFirst(state.State.Cohorts));

    private async Task AddAsync(List<LibraryEntry> list, LibraryEntry entry, Predicate<LibraryEntry> same)
    {
        list.RemoveAll(same);
        list.Add(entry);
        if (list.Count > ILibraryGrain.MaxEntries)
        {
            list.RemoveRange(0, list.Count - ILibraryGrain.MaxEntries);
        }

        await this.WriteOrDeactivateAsync(state);
    }

    private static ImmutableArray<LibraryEntry> NewestFirst(List<LibraryEntry> list)
    {
        var builder = ImmutableArray.CreateBuilder<LibraryEntry>(list.Count);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            builder.Add(list[i]);
        }

        return builder.MoveToImmutable();
    }
}
