using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Datasets;

/// <summary>The versions of a dataset, oldest first, at most <see cref="IDatasetGrain.MaxVersions"/>.</summary>
[GenerateSerializer, Alias("ppipe.DatasetState")]
internal sealed class DatasetState
{
    [Id(0)] public List<DatasetVersionSummary> Versions { get; set; } = [];
}
