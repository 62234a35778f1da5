using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Grains.Interfaces.Library;

namespace PPipe.Grains.Datasets;

internal sealed class DatasetGrain(
    [PersistentState("dataset", StorageNames.Default)] IPersistentState<DatasetState> state) : Grain, IDatasetGrain
{
    public async Task<DatasetVersion?> PublishAsync(Guid upload, DatasetProfile profile, DateTimeOffset uploadedAt)
    {
        var versions = state.State.Versions;
        if (versions.Count >= IDatasetGrain.MaxVersions)
        {
            return null;
        }

        var id = this.GetPrimaryKeyString();
        var version = new DatasetVersion(id, versions.Count + 1, uploadedAt, upload, profile, Roles: null);

        // The version's grain first: should this grain's write then fail, the number is not taken and the next upload
        // initializes the same version grain again with its own rows.
        await GrainFactory.GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(id, version.Version)).InitializeAsync(version);
        versions.Add(new DatasetVersionSummary(version.Version, uploadedAt, profile.Rows, profile.Columns.Length, RolesConfirmed: false));
        try
        {
            await this.WriteOrDeactivateAsync(state);
        }
        catch
        {
            versions.RemoveAt(versions.Count - 1);
            throw;
        }

        await GrainFactory.GetGrain<ILibraryGrain>(ILibraryGrain.Key)
            .AddDatasetAsync(new LibraryEntry(id, id, uploadedAt, Version: version.Version));
        return version;
    }

    public Task<ImmutableArray<DatasetVersionSummary>> VersionsAsync() => Task.FromResult(state.State.Versions.ToImmutableArray());

    public async Task RolesConfirmedAsync(int version)
    {
        var index = version - 1;
        var versions = state.State.Versions;
        if (index < 0 || index >= versions.Count || versions[index].RolesConfirmed)
        {
            return;
        }

        versions[index] = versions[index] with { RolesConfirmed = true };
        await this.WriteOrDeactivateAsync(state);
    }
}
