namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>The columns an instructor names in a dataset version: what to predict, and optionally the row id and the time.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.DatasetRoles")]
public sealed record DatasetRoles(
    [property: Id(0)] string Target,
    [property: Id(1)] string? IdColumn,
    [property: Id(2)] string? TimeColumn);
