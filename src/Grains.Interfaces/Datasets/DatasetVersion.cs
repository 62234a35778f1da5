namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>
/// One immutable version of a dataset: where its rows are stored (<see cref="Upload"/>, the key of the dataset store),
/// its profile, and the roles an instructor confirmed (null until then).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.DatasetVersion")]
public sealed record DatasetVersion(
    [property: Id(0)] string DatasetId,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset UploadedAt,
    [property: Id(3)] Guid Upload,
    [property: Id(4)] DatasetProfile Profile,
    [property: Id(5)] DatasetRoles? Roles);
