namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>One version of a dataset, keyed <c>{datasetId}/{version}</c> (see <see cref="DatasetKeys"/>): its profile and its roles.</summary>
[Alias("ppipe.IDatasetVersionGrain")]
public interface IDatasetVersionGrain : IGrainWithStringKey
{
    /// <summary>Stores the version as published; called once by its dataset (again only if the dataset's own write failed).</summary>
    [Alias("Initialize")]
    Task InitializeAsync(DatasetVersion version);

    /// <summary>The version, or null when it was never published.</summary>
    [Alias("Get")]
    Task<DatasetVersion?> GetAsync();

    /// <summary>
    /// Records that a scenario runs over this version (<paramref name="scenario"/> names it, e.g. <c>fraud-course v2</c>): from then
    /// on its roles no longer change, since the scenario's rows, task and reference models follow from them. The first use is
    /// kept. Returns the roles as fixed (null when the version does not exist or has none).
    /// </summary>
    [Alias("Use")]
    Task<DatasetRoles?> UseAsync(string scenario);

    /// <summary>Checks the roles against the profile and stores them when they hold; otherwise returns every problem (a
    /// problem of field <c>roles</c> when a scenario already runs over the version and the roles differ).</summary>
    [Alias("ConfirmRoles")]
    Task<RolesResult> ConfirmRolesAsync(DatasetRoles roles);
}
