using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Library;
using PPipe.Scenarios.Spec;
using PPipe.Grains.Interfaces.Scenarios;

namespace PPipe.Grains.Scenarios;

internal sealed class ScenarioGrain(
    [PersistentState("scenario", StorageNames.Default)] IPersistentState<ScenarioState> state,
    TimeProvider time) : Grain, IScenarioGrain
{
    public const int MaxVersions = 100;

    public async Task<ScenarioVersionResult> AddVersionAsync(string specText)
    {
        var read = ScenarioSpecReader.Read(specText);
        if (!read.IsValid)
        {
            return new ScenarioVersionResult(null, [.. read.Errors.Select(e => new ScenarioSpecProblem(e.Path, e.Message))]);
        }

        return await AddAsync(specText, read.Scenario.Title, null);
    }

    public async Task<ScenarioVersionResult> AddDatasetVersionAsync(string specText, string title, Guid references)
    {
        if (ScenarioSpecReader.DatasetOf(specText) is null)
        {
            return new ScenarioVersionResult(null, [new ScenarioSpecProblem("dataset", "required: the spec names no dataset")]);
        }

        return await AddAsync(specText, title, references);
    }

    private async Task<ScenarioVersionResult> AddAsync(string specText, string title, Guid? references)
    {
        if (state.State.Versions.Count >= MaxVersions)
        {
            return new ScenarioVersionResult(null,
                [new ScenarioSpecProblem("", $"This scenario already has {MaxVersions} versions; upload the spec as a new scenario.")]);
        }

        var version = new ScenarioVersion(this.GetPrimaryKeyString(), state.State.Versions.Count + 1, title, specText, time.GetUtcNow(), references);
        state.State.Versions.Add(version);
        await this.WriteOrDeactivateAsync(state);

        await GrainFactory.GetGrain<ILibraryGrain>(ILibraryGrain.Key)
            .AddScenarioAsync(new LibraryEntry(version.ScenarioId, version.Title, version.CreatedAt, version.ScenarioId, version.Version));

        return new ScenarioVersionResult(version.Version, []);
    }

    public Task<ScenarioVersion?> GetVersionAsync(int version) =>
        Task.FromResult(version >= 1 && version <= state.State.Versions.Count ? state.State.Versions[version - 1] : null);

    public Task<ImmutableArray<ScenarioVersion>> ListAsync() => Task.FromResult(state.State.Versions.ToImmutableArray());
}
