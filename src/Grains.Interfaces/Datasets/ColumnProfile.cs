namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>
/// One column of an uploaded dataset as profiled while it streamed in. <see cref="Distinct"/> is exact when
/// <see cref="DistinctExact"/>, otherwise an estimate (within about 1%). <see cref="Min"/> and <see cref="Max"/> are set
/// for numbers, integers and timestamps, written as the API writes them (invariant numbers, ISO 8601 times).
/// <see cref="FirstDuplicateRow"/> is the first data row (1 = the first after the header) whose value an earlier row
/// already had, while the distinct count was exact; <see cref="FirstNonTimestampRow"/> the first whose value is not a time.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ColumnProfile")]
public sealed record ColumnProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] ColumnType Type,
    [property: Id(2)] long Missing,
    [property: Id(3)] long Distinct,
    [property: Id(4)] bool DistinctExact,
    [property: Id(5)] string? Min,
    [property: Id(6)] string? Max,
    [property: Id(7)] long? FirstDuplicateRow,
    [property: Id(8)] long? FirstNonTimestampRow,
    [property: Id(9)] string? FirstNonTimestampValue);
