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

    /// <summary>Checks the roles against the profile and stores them when they hold; otherwise returns every problem.</summary>
    [Alias("ConfirmRoles")]
    Task<RolesResult> ConfirmRolesAsync(DatasetRoles roles);
}
