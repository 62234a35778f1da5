using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>
/// A dataset, keyed by its id: the list of its versions (at most <see cref="MaxVersions"/>). Each version's profile and
/// roles live in its own <see cref="IDatasetVersionGrain"/>, so this grain's state stays small.
/// </summary>
[Alias("ppipe.IDatasetGrain")]
public interface IDatasetGrain : IGrainWithStringKey
{
    public const int MaxVersions = 1_000;

    /// <summary>Publishes a sealed upload as the next version and returns it; null when the dataset has <see cref="MaxVersions"/> already.</summary>
    [Alias("Publish")]
    Task<DatasetVersion?> PublishAsync(Guid upload, DatasetProfile profile, DateTimeOffset uploadedAt);

    /// <summary>The versions, oldest first; empty when nothing was ever published.</summary>
    [Alias("Versions")]
    Task<ImmutableArray<DatasetVersionSummary>> VersionsAsync();

    /// <summary>Records that a version's roles were confirmed, for the list.</summary>
    [Alias("RolesConfirmed")]
    Task RolesConfirmedAsync(int version);
}
