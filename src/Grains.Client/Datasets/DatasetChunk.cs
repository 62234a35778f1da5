namespace PPipe.Grains.Client.Datasets;

/// <summary>Consecutive rows of a dataset, from row <see cref="FirstRow"/> (0-based), as UTF-8 CSV lines without a header.</summary>
public sealed record DatasetChunk(int Index, long FirstRow, int Rows, ReadOnlyMemory<byte> Data);
