using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>What profiling an upload found: its size, its rows and every column, in file order.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.DatasetProfile")]
public sealed record DatasetProfile(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Bytes,
    [property: Id(2)] ImmutableArray<ColumnProfile> Columns);
