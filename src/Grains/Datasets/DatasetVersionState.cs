using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Datasets;

/// <summary>One version: its profile (one entry per column, at most <c>DatasetLimits.MaxColumns</c>) and its roles.</summary>
[GenerateSerializer, Alias("ppipe.DatasetVersionState")]
internal sealed class DatasetVersionState
{
    [Id(0)] public DatasetVersion? Version { get; set; }

    /// <summary>The first scenario version created over this dataset version (<c>{scenario} v{version}</c>): its roles are fixed from then on.</summary>
    [Id(1)] public string? UsedBy { get; set; }
}
