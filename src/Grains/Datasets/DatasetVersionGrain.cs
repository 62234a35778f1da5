using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Datasets;

internal sealed class DatasetVersionGrain(
    [PersistentState("datasetVersion", StorageNames.Default)] IPersistentState<DatasetVersionState> state) : Grain, IDatasetVersionGrain
{
    public async Task InitializeAsync(DatasetVersion version)
    {
        state.State.Version = version;
        await this.WriteOrDeactivateAsync(state);
    }

    public Task<DatasetVersion?> GetAsync() => Task.FromResult(state.State.Version);

    public async Task<DatasetRoles?> UseAsync(string scenario)
    {
        if (state.State.Version?.Roles is not { } roles)
        {
            return null;
        }

        if (state.State.UsedBy is null)
        {
            state.State.UsedBy = scenario;
            await this.WriteOrDeactivateAsync(state);
        }

        return roles;
    }

    public async Task<RolesResult> ConfirmRolesAsync(DatasetRoles roles)
    {
        if (state.State.Version is not { } version)
        {
            return new RolesResult(null, [new RoleProblem("version", "This dataset version does not exist.")]);
        }

        if (state.State.UsedBy is { } scenario && version.Roles != roles)
        {
            return new RolesResult(null, [new RoleProblem("roles",
                $"Scenario {scenario} runs over this version, so its roles no longer change. Upload the file again as a new version to name other roles.")]);
        }

        var problems = DatasetRoleCheck.Problems(version.Profile, roles);
        if (!problems.IsEmpty)
        {
            return new RolesResult(null, problems);
        }

        var confirmed = version with { Roles = roles };
        state.State.Version = confirmed;
        await this.WriteOrDeactivateAsync(state);
        await GrainFactory.GetGrain<IDatasetGrain>(version.DatasetId).RolesConfirmedAsync(version.Version);
        return new RolesResult(confirmed, ImmutableArray<RoleProblem>.Empty);
    }
}
