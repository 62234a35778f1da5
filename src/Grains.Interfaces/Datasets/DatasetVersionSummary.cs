namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>A version as the dataset lists it: enough to show it and open it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.DatasetVersionSummary")]
public sealed record DatasetVersionSummary(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset UploadedAt,
    [property: Id(2)] long Rows,
    [property: Id(3)] int Columns,
    [property: Id(4)] bool RolesConfirmed);
